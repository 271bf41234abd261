"""Every metrics figure over the benchmark database (bench/metrics_data.py) and over the same
database copied to a throw-away PostgreSQL server by `migrate-to`, dumped by
bench/metrics_dump.py and compared byte for byte; the time of each dump is printed beside the
local one's (a ratio: the machine may be busy).

    .venv/bin/python bench/metrics_on_server.py [--candidates 100000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from metrics_data import metrics_folder  # noqa: E402

from talentdesk.core.team.migrate_to import migrate_to  # noqa: E402
from tests.pg_server import PostgresServer  # noqa: E402


def _dump(out: Path, *more: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, str(HERE / "metrics_dump.py"), str(out), *more], check=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="write the two dumps to this folder")
    args = parser.parse_args()
    sizes = ["--candidates", str(args.candidates)]
    database = metrics_folder(args.candidates, 40_000, 100_000) / "talentdesk.sqlite3"
    with tempfile.TemporaryDirectory() as tmp, PostgresServer() as server:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        url = server.url(server.create_database())
        started = time.perf_counter()
        migrate_to(database, url)
        print(f"migrate-to: {time.perf_counter() - started:.1f} s")
        local = _dump(folder / "local.json", *sizes)
        remote = _dump(folder / "server.json", *sizes, "--database", url)
        same = (folder / "local.json").read_bytes() == (folder / "server.json").read_bytes()
        print(f"dump: local {local:.1f} s, server {remote:.1f} s ({remote / local:.2f}x)")
        print("figures: identical" if same else "figures: DIFFERENT (see --keep)")
        return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
