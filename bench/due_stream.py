"""`talentdesk due --json` over 1,000,000 candidates with 552,000 due reminders: its time
beside the `sqlite3` command-line shell's `-json` output of the same query (target <= 2x),
and its peak memory over the same command on an empty database (target <= +100 MB).

    .venv/bin/python bench/due_stream.py [--candidates 1000000] [--runs 3]

The database is built once (about two minutes) and cached in bench/.cache (bench/big_database.py).
Without the sqlite3 shell, the baseline is the same query through Python's sqlite3 module,
one json.dumps a row (said so in the output). Output goes to /dev/null in every run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from big_database import data_folder, empty_folder  # noqa: E402

from talentdesk.core.db.datetimes import to_db  # noqa: E402
from talentdesk.core.reads import DUE_ROWS_SQL, DayBounds  # noqa: E402

PYTHON_BASELINE = (
    "import json, sqlite3, sys; con = sqlite3.connect(sys.argv[1]); out = sys.stdout;"
    "out.write('['); first = True\n"
    "for row in con.execute(sys.argv[2], (sys.argv[3],)):\n"
    "    out.write(('' if first else ',') + json.dumps(row, ensure_ascii=False)); first = False\n"
    "out.write(']')"
)


# As installed (pip compiles the modules), not compiling every module on every start.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def measure(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KiB, VmHWM) of one run, output thrown away.
    (getrusage would also count the bench's own memory, copied by fork before exec.)"""
    started = time.perf_counter()
    with Path(os.devnull).open("w") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.PIPE, env=ENV)
        peak = [0]
        watcher = threading.Thread(target=_watch_peak, args=(process, peak))
        watcher.start()
        _out, err = process.communicate()
        watcher.join()
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{command[:4]} failed: {err.decode()[-500:]}")
    return elapsed, peak[0]


def _watch_peak(process: subprocess.Popen[bytes], peak: list[int]) -> None:
    status = Path(f"/proc/{process.pid}/status")
    while process.poll() is None:
        try:
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak[0] = max(peak[0], int(line.split()[1]))
        except (OSError, ValueError):
            return
        time.sleep(0.01)


def median_of(command: list[str], runs: int) -> tuple[float, int]:
    results = [measure(command) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    folder, built = data_folder(args.candidates)
    if built is not None:
        print(f"built the {args.candidates:,}-candidate database in {built:.0f} s")
    database = folder / "talentdesk.sqlite3"
    until = to_db(DayBounds.at(datetime.now(UTC), None).tomorrow)
    cli = [sys.executable, "-m", "talentdesk", "--data-dir"]
    empty = empty_folder(folder.parent)

    measure([*cli, str(folder), "due", "--json"])  # warm the page cache, refresh once
    empty_s, empty_kib = median_of([*cli, str(empty), "due", "--json"], args.runs)
    full_s, full_kib = median_of([*cli, str(folder), "due", "--json"], args.runs)
    sqlite3_shell = shutil.which("sqlite3")
    if sqlite3_shell is not None:
        query = DUE_ROWS_SQL.replace("?", f"'{until}'")
        baseline = [sqlite3_shell, "-json", "-readonly", str(database), query]
        what = "sqlite3 -json, same query"
    else:
        baseline = [sys.executable, "-c", PYTHON_BASELINE, str(database), DUE_ROWS_SQL, until]
        what = "no sqlite3 shell: Python sqlite3 + json.dumps a row, same query"
    base_s, base_kib = median_of(baseline, args.runs)
    con = sqlite3.connect(database)
    rows = con.execute(f"SELECT count(*) FROM ({DUE_ROWS_SQL})", (until,)).fetchone()[0]
    con.close()

    print(f"due --json over {args.candidates:,} candidates, {int(rows):,} due ({args.runs} runs)")
    print(f"  talentdesk due --json   {full_s:7.2f} s   peak RSS {full_kib / 1024:7.1f} MB")
    print(f"  on an empty database    {empty_s:7.2f} s   peak RSS {empty_kib / 1024:7.1f} MB")
    print(f"  baseline ({what})  {base_s:7.2f} s   peak RSS {base_kib / 1024:7.1f} MB")
    delta = (full_kib - empty_kib) / 1024
    print(f"  memory over the empty run: +{delta:.1f} MB (target <= +100 MB)")
    print(f"  time / baseline: {full_s / base_s:.2f}x (target <= 2x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
