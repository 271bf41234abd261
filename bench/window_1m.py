"""The window over 1,000,000 candidates (552,000 reminders due): start to the first page
painted beside a bare PySide6 window started in the same run (target <= 2x), and resident
memory after the first paint (target <= 200 MB).

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python bench/window_1m.py [--runs 5]

The database is bench/big_database.py's (cached in bench/.cache; its first build takes
minutes). Each run starts bench/probe_bare.py, then bench/probe_app.py (the app as
`talentdesk --data-dir DIR` starts it), then bench/probe_qt_floor.py (the bare window loading the
Qt classes the app had loaded by its first paint: what PySide alone costs for them), in turn, so
load on the machine hits all three.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from big_database import data_folder  # noqa: E402
from run import bench_startup  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # start-up as users get it

    folder, built = data_folder(args.candidates)
    if built is not None:
        print(f"built the {args.candidates:,}-candidate database in {built:.0f} s")
    bare, app, rss, floor = bench_startup(folder, args.runs)
    print(f"window over {args.candidates:,} candidates, median of {args.runs} runs")
    print(
        f"  start to first page painted {app * 1000:6.0f} ms; bare PySide6 window"
        f" {bare * 1000:6.0f} ms; ratio {app / bare:.2f}x (target <= 2x)"
    )
    print(
        f"  floor: the bare window loading the same Qt classes as the app {floor * 1000:6.0f} ms"
        f" ({floor / bare:.2f}x the bare window; the app {app / floor:.2f}x it)"
    )
    print(f"  resident memory after the first paint: {rss:.0f} MB (target <= 200 MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
