"""Memory of an import whose every row is rejected: 1,000,000 bad rows by default. A child
process imports the file (skip mode), then saves the rejected rows as the wizard's
"Save rejected rows…" does, and reports its peak resident memory over its size when idle
(everything loaded, database open, nothing imported yet). The problem rows are spooled to a
temporary file, so the growth should stay flat however many rows are bad.

    .venv/bin/python bench/csv_rejected.py [--rows 1000000]
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def write_file(path: Path, rows: int) -> None:
    """Rows a recruiter's export really has wrong: an e-mail without an @, with a note."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(("First Name", "Last Name", "Email", "Company", "Notes"))
        for i in range(rows):
            out.writerow((
                "Anna", f"Kowalska {i}", f"anna.kowalska{i}-at-example.com", f"Company {i % 500}",
                "Met at a meetup; open to offers, prefers remote work in Kraków",
            ))  # fmt: skip


def child(path: Path, data_dir: Path, rejected: Path) -> None:
    """Import `path`, save its rejected rows; print JSON with memory (MiB), seconds, counts."""
    import psutil

    from talentdesk.core.csvio.importer import run_import
    from talentdesk.core.csvio.mapping import guess_mapping
    from talentdesk.core.csvio.options import ImportOptions
    from talentdesk.core.csvio.reader import sniff
    from talentdesk.core.csvio.rejected import save_rejected_rows
    from talentdesk.core.workspace import Workspace
    from talentdesk.paths import AppPaths

    ws = Workspace.open(AppPaths(data_dir))
    ws.warm_up()
    layout = sniff(path)
    options = ImportOptions(guess_mapping(layout.header))
    idle = psutil.Process().memory_info().rss
    started = time.perf_counter()
    report = run_import(ws.db, path, layout, options, ws.clock)
    imported = time.perf_counter()
    saved = save_rejected_rows(rejected, layout.header, report, data_dir=ws.paths)
    done = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    ws.close()
    mib = 1024 * 1024
    print(json.dumps({
        "idle": idle / mib, "peak": peak / mib, "import": imported - started,
        "save": done - imported, "rejected": report.rejected_count, "saved": saved,
    }))  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="bad rows (default 1,000,000)")
    parser.add_argument("--child", nargs=3, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "bad.csv"
        write_file(path, args.rows)
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(path), str(folder / "data"),
             str(folder / "rejected.csv")],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        size = (folder / "rejected.csv").stat().st_size
    result = json.loads(out.stdout)
    print(
        f"{args.rows:,} bad rows: import {result['import']:.1f} s, {result['rejected']:,} "
        f"rejected; saving them {result['save']:.1f} s ({result['saved']:,} rows, "
        f"{size / 1024 / 1024:.0f} MiB); peak RSS {result['peak']:.0f} MiB, idle "
        f"{result['idle']:.0f} MiB: growth {result['peak'] - result['idle']:.0f} MiB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
