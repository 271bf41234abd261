"""Restoring a backup made before an erasure, in 100,000 candidates and ~1,000,000
interactions: the erased people are erased again in the copy before it is written in
(core/privacy/restore_erasures.py: everyone in the copy looked up against the suppression
entries, then the erasure with its clean-up). Beside a baseline measured in the same run: the
same restore into a database where nobody was erased (no look-up, no erasure). Medians of a
few rounds, in turn, so a busy machine slows both alike.

    .venv/bin/python bench/restore_erasures.py [--candidates 100000] [--runs 3] [--erased 3]

The database is the demo seed, cached as bench/run.py caches it.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from run import seeded_folder  # noqa: E402

from talentdesk.core.backups.restore import restore  # noqa: E402
from talentdesk.core.clock import utcnow  # noqa: E402
from talentdesk.core.workspace import Workspace  # noqa: E402
from talentdesk.paths import AppPaths  # noqa: E402


def _folder(root: Path, name: str, seeded: Path) -> AppPaths:
    paths = AppPaths(root / name)
    paths.data_dir.mkdir()
    shutil.copy(seeded / "talentdesk.sqlite3", paths.database)
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--erased", type=int, default=3)
    args = parser.parse_args()
    seeded, _ = seeded_folder(args.candidates)
    with tempfile.TemporaryDirectory(prefix="talentdesk-restore-bench-") as tmp:
        root = Path(tmp)
        backup = root / "talentdesk-20260101-000000-manual.sqlite3"
        shutil.copy(seeded / "talentdesk.sqlite3", backup)  # made before anyone was erased
        erased, plain = _folder(root, "erased", seeded), _folder(root, "plain", seeded)
        ws = Workspace.open(erased)
        try:
            people = random.Random(16).sample(range(1, args.candidates + 1), args.erased)
            ws.erasure.erase(people)
        finally:
            ws.close()
        with_s: list[float] = []
        base_s: list[float] = []
        for n in range(args.runs):
            started = time.perf_counter()
            again = restore(erased, backup, utcnow()).erased_again
            with_s.append(time.perf_counter() - started)
            started = time.perf_counter()
            restore(plain, backup, utcnow())
            base_s.append(time.perf_counter() - started)
            print(f"  round {n}: restore erasing {again} again {with_s[-1]:,.2f} s,"
                  f" plain restore {base_s[-1]:,.2f} s")  # fmt: skip
    w, b = statistics.median(with_s), statistics.median(base_s)
    print(f"restore with erasures re-applied: median {w:,.2f} s; plain {b:,.2f} s;"
          f" extra {w - b:,.2f} s ({w / b:,.2f}x)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
