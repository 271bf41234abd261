"""TalentDesk benchmarks: each figure is printed beside a baseline measured in the same run.

    .venv/bin/python bench/run.py [--candidates 100000] [--runs 5]

Needs a display (run under `xvfb-run -a`, as scripts/bench does). The seeded database is
cached in bench/.cache keyed by the schema revision and size, so only the first run seeds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

# Keystrokes a recruiter types: every prefix of each query is one search.
QUERIES = ("kowalski", "java krakow", "senior data engineer", "anna", "berlin python")


def seeded_folder(count: int) -> tuple[Path, float | None]:
    """A data folder seeded with `count` demo candidates; seeding time when it was made now."""
    from talentdesk.core.db.migrate import head_revision

    folder = HERE / ".cache" / f"seed-{count}-{head_revision()}"
    if (folder / "talentdesk.sqlite3").exists():
        return folder, None
    shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "talentdesk",
            "--data-dir",
            str(folder),
            "seed",
            "--demo",
            str(count),
        ],
        check=True,
        cwd=ROOT,
    )
    return folder, time.perf_counter() - started


def time_process(args: list[str], until: str) -> tuple[float, list[str]]:
    """Seconds from spawning `args` until it prints a line starting with `until`, and the
    words of that line and of every line after it."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith(until):
            elapsed = time.perf_counter() - started
            words = line.split()
            for later in proc.stdout:
                words += later.split()
            proc.wait(timeout=120)
            return elapsed, words
    proc.wait()
    raise RuntimeError(f"{args} ended without printing {until!r}")


def bench_startup(folder: Path, runs: int) -> tuple[float, float, float, float]:
    """Medians of the bare window's start, the app's start to its first page painted, and the
    floor (probe_qt_floor.py: the bare window loading the Qt classes the app had loaded by its
    first paint); and the app's largest resident memory after the first paint."""
    bare, app, rss, floor = [], [], [], []
    for _ in range(runs):
        bare.append(time_process([sys.executable, str(HERE / "probe_bare.py")], "shown")[0])
        elapsed, fields = time_process(
            [sys.executable, str(HERE / "probe_app.py"), str(folder)], "shown"
        )
        app.append(elapsed)
        rss.append(float(fields[fields.index("rss") + 1]))
        classes = fields[fields.index("qt") + 1 :]
        floor.append(
            time_process([sys.executable, str(HERE / "probe_qt_floor.py"), *classes], "shown")[0]
        )
    return statistics.median(bare), statistics.median(app), max(rss), statistics.median(floor)


def bench_scroll(folder: Path) -> tuple[int, float, float]:
    elapsed, fields = time_process(
        [sys.executable, str(HERE / "probe_app.py"), str(folder), "--scroll"], "scrolled"
    )
    return int(fields[1]), float(fields[2]), elapsed


def bench_search(folder: Path) -> tuple[list[float], list[float]]:
    """Per keystroke: the window's code path (model.set_search + the first screen of rows)
    and, as a baseline, a bare FTS5 count of the same words."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from talentdesk.core.search import fts_query
    from talentdesk.core.workspace import Workspace
    from talentdesk.paths import AppPaths
    from talentdesk.ui.models.candidate_table import CandidateTableModel

    app = QApplication.instance() or QApplication([])
    ws = Workspace.open(AppPaths(folder))
    model = CandidateTableModel(ws.listing, ws.clock)
    model.set_query(model.query)
    window_path, bare = [], []
    raw = ws.db.engine.raw_connection()
    for query in QUERIES:
        for end in range(1, len(query) + 1):
            typed = query[:end]
            started = time.perf_counter()
            model.set_search(typed)
            for row in range(min(35, model.rowCount())):  # what a view paints
                for column in range(model.columnCount()):
                    model.data(model.index(row, column))
            window_path.append((time.perf_counter() - started) * 1000)
            match = fts_query(typed)
            started = time.perf_counter()
            if match:
                raw.execute(
                    "SELECT count(*) FROM candidate_fts WHERE candidate_fts MATCH ?", (match,)
                ).fetchone()
            bare.append((time.perf_counter() - started) * 1000)
        model.set_search("")
    raw.close()
    ws.close()
    del app
    return window_path, bare


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    folder, seed_seconds = seeded_folder(args.candidates)
    print(f"database: {folder} ({(folder / 'talentdesk.sqlite3').stat().st_size / 2**20:.0f} MB)")
    if seed_seconds is not None:
        print(f"seed --demo {args.candidates}: {seed_seconds:.1f} s (target < 60 s)")

    bare, app, rss, _floor = bench_startup(folder, args.runs)
    print(
        f"start to window with first page: {app * 1000:.0f} ms; bare PySide6 window "
        f"{bare * 1000:.0f} ms; ratio {app / bare:.2f} (target <= 2.00)"
    )
    window_path, fts_only = bench_search(folder)
    median, p95 = statistics.median(window_path), sorted(window_path)[int(0.95 * len(window_path))]
    base = statistics.median(fts_only)
    print(
        f"search as you type ({len(window_path)} keystrokes): median {median:.1f} ms, "
        f"p95 {p95:.1f} ms; bare FTS5 count median {base:.1f} ms; "
        f"median / target = {median / 50:.2f} (target <= 50 ms)"
    )
    pages, scrolled_rss, seconds = bench_scroll(folder)
    print(
        f"scroll to the end of All candidates: {pages} page fetches of 100 rows, "
        f"{seconds:.1f} s including start-up"
    )
    peak = max(rss, scrolled_rss)
    print(
        f"resident memory: {rss:.0f} MB at first page, {scrolled_rss:.0f} MB after scrolling "
        f"to the end; peak / target = {peak / 300:.2f} (target <= 300 MB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
