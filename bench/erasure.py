"""Erasing one person in 100,000 candidates and ~1,000,000 interactions (issue 16, Speed),
including the clean-up that makes the bytes go: `secure_delete`, the search index rewritten
(`optimize`) and the write-ahead log checkpointed and truncated. Timed as a caller waits for
it (`ws.erasure.erase([id])` returns once the checkpoint is done), beside a baseline measured
in the same run: a plain delete of another person of the same kind (their row and, by the
schema's cascades, everything they own) as one operation on the same write path, without the
clean-up. Medians of several rounds; in each round both run once, in turn, so a busy machine
slows them alike.

Target: at most 2 s for the erasure.

    .venv/bin/python bench/erasure.py [--candidates 100000] [--runs 7] [--with-outbox]

The database is the demo seed (`talentdesk seed --demo N`: ~10 interactions per candidate),
cached as bench/run.py caches it, and copied to a temporary folder for the run.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from run import seeded_folder  # noqa: E402

from talentdesk.core.workspace import Workspace  # noqa: E402
from talentdesk.paths import AppPaths  # noqa: E402

TARGET_S = 2.0


def _plain_delete(ws: Workspace, candidate_id: int) -> Callable[[], None]:
    def run() -> None:
        raw = ws.writer.connection.connection.dbapi_connection
        assert raw is not None
        raw.execute("DELETE FROM candidate WHERE id = ?", (candidate_id,))

    return run


def _timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--with-outbox",
        action="store_true",
        help="bench/metrics_data.py's database: also applications and 100,000 outbox messages",
    )
    args = parser.parse_args()
    if args.with_outbox:
        from metrics_data import metrics_folder

        seeded = metrics_folder(args.candidates, 40_000, 100_000)
    else:
        seeded, _ = seeded_folder(args.candidates)
    with tempfile.TemporaryDirectory(prefix="talentdesk-erasure-bench-") as tmp:
        folder = Path(tmp) / "data"
        folder.mkdir()
        shutil.copy(seeded / "talentdesk.sqlite3", folder / "talentdesk.sqlite3")
        ws = Workspace.open(AppPaths(folder))
        try:
            counts = ws.reader.execute(
                "SELECT (SELECT count(*) FROM candidate), (SELECT count(*) FROM interaction)"
            ).fetchone()
            print(f"{counts[0]:,} candidates, {counts[1]:,} interactions")
            rng = random.Random(16)
            people = rng.sample(range(1, counts[0] + 1), 2 * (args.runs + 1))
            erase_s: list[float] = []
            plain_s: list[float] = []
            for n in range(args.runs + 1):  # the first round warms the caches up
                erased, deleted = people[2 * n], people[2 * n + 1]
                owned = ws.reader.execute(
                    "SELECT count(*) FROM interaction WHERE candidate_id = ?", (erased,)
                ).fetchone()[0]
                e = _timed(lambda erased=erased: ws.erasure.erase([erased]))  # type: ignore[misc]
                p = _timed(
                    lambda deleted=deleted: ws.writer.run(  # type: ignore[misc]
                        _plain_delete(ws, deleted), label="plain delete"
                    )
                )
                if n:
                    erase_s.append(e)
                    plain_s.append(p)
                warm = "" if n else " (warm-up)"
                print(f"  round {n}: erase {e * 1000:,.0f} ms ({owned} interactions),"
                      f" plain delete {p * 1000:,.0f} ms{warm}")  # fmt: skip
        finally:
            ws.close()
    erase, plain = statistics.median(erase_s), statistics.median(plain_s)
    print(
        f"erase one person, clean-up included: median {erase * 1000:,.0f} ms"
        f" (max {max(erase_s) * 1000:,.0f} ms); plain delete {plain * 1000:,.0f} ms;"
        f" ratio {erase / plain:,.1f}x"
    )
    ok = erase <= TARGET_S
    print(f"target {TARGET_S:.0f} s: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
