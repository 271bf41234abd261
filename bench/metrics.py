"""The Metrics view over 100,000 candidates, ~1,000,000 interactions and 100,000 outbox
messages (issue 15, Speed), computed as the window computes it: one read snapshot, the
sections in the window's order, each figure made ready to draw (`catalog.present`, on the
computing thread), one after another; a section is on screen when its call returns. Beside it,
in the same run, plain SQL a developer would write for the same numbers (GROUP BY counts, the
delays fetched in order for medians; no candidate ids, no labels). Medians of several rounds;
in each round the view's figures and the plain queries run once, in turn, so a busy machine
slows them alike. CPU time (this thread's) is printed beside wall time: on a shared machine
the wall time also counts the time spent waiting for a core.

Targets: the first figures on screen within 500 ms, all within 2 s, the total at most 1.5x
the sum of the plain queries.

`--floor`: the SQL the view ran (traced), replayed in the sqlite3 command-line shell with the
rows written to /dev/null: what the statements cost with no Python object made; the view's
total is printed as a ratio of it (the same run).

    .venv/bin/python bench/metrics.py [--candidates 100000] [--applications 40000]
        [--messages 100000] [--runs 5] [--floor]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from metrics_data import metrics_folder  # noqa: E402
from metrics_plain import PLAIN  # noqa: E402

from talentdesk.core.metrics import Filters, Metrics  # noqa: E402
from talentdesk.core.workspace import Workspace  # noqa: E402
from talentdesk.paths import AppPaths  # noqa: E402
from talentdesk.ui.metrics.catalog import SECTIONS, present  # noqa: E402

KEYS = [section.figure for section in SECTIONS]  # the window's order


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds."""
    wall, cpu = time.perf_counter(), time.thread_time()
    action()
    return time.perf_counter() - wall, time.thread_time() - cpu


def shown(metrics: Metrics, key: str, filters: Filters | None = None) -> object:
    """One section as the view's computing thread makes it (ui/metrics/view.py `_call`)."""
    section = next(s for s in SECTIONS if s.figure == key)
    figure = metrics.figure(key, filters or Filters())
    return {card.key: present(card, figure) for card in section.cards}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--applications", type=int, default=40_000)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--floor", action="store_true", help="replay the SQL in the sqlite3 CLI")
    args = parser.parse_args()
    folder = metrics_folder(args.candidates, args.applications, args.messages)
    ws = Workspace.open(AppPaths(folder))
    try:
        total = _bench(ws, folder / "talentdesk.sqlite3", args.runs)
        if args.floor:
            lowest = floor(ws, Filters())
            print(f"the view's figures took {total / lowest:.2f}x the floor ({total:.0f} ms"
                  f" against {lowest:.0f} ms, this run)")  # fmt: skip
    finally:
        ws.close()
    return 0


def _bench(ws: Workspace, database: Path, runs: int) -> float:
    """Prints the figures; returns the view's total, median wall ms."""
    plain = sqlite3.connect(database, isolation_level=None)
    plain.execute("PRAGMA query_only = ON")
    wall: dict[str, list[float]] = {k: [] for k in KEYS}
    cpu: dict[str, list[float]] = {k: [] for k in KEYS}
    at: dict[str, list[float]] = {k: [] for k in KEYS}  # since the run started
    theirs: dict[str, list[float]] = {k: [] for k in KEYS}
    with ws.metrics.snapshot() as metrics:  # warm-up: the file in the page cache for both
        for key in KEYS:
            shown(metrics, key)
            PLAIN[key](plain)
    for _ in range(runs):
        started = time.perf_counter()
        with ws.metrics.snapshot() as metrics:
            for key in KEYS:
                w, c = timed(lambda k=key: shown(metrics, k))  # type: ignore[misc]
                wall[key].append(w)
                cpu[key].append(c)
                at[key].append(time.perf_counter() - started)
        for key in KEYS:
            theirs[key].append(timed(lambda k=key: PLAIN[k](plain))[0])  # type: ignore[misc]
    plain.close()
    count = {
        t: int(ws.reader.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
        for t in ("candidate", "interaction", "outbox_message", "application")
    }
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    print(", ".join(f"{n:,} {t}" for t, n in count.items()) + f"; medians of {runs} runs")
    print(f"load average {load} on {os.cpu_count()} cores")
    print(f"{'figure':<16} {'view ms':>8} {'cpu ms':>7} {'on screen at':>13} {'plain ms':>9}")
    ms = {k: statistics.median(v) * 1000 for k, v in wall.items()}
    base = {k: statistics.median(v) * 1000 for k, v in theirs.items()}
    for key in KEYS:
        c, arrived = statistics.median(cpu[key]) * 1000, statistics.median(at[key]) * 1000
        print(f"{key:<16} {ms[key]:>8.0f} {c:>7.0f} {arrived:>13.0f} {base[key]:>9.0f}")
    total, plain_total = sum(ms.values()), sum(base.values())
    cpu_total = sum(statistics.median(v) * 1000 for v in cpu.values())
    print(f"{'all':<16} {total:>8.0f} {cpu_total:>7.0f} {'':>13} {plain_total:>9.0f}")
    print(
        f"first figures ({KEYS[0]}) on screen at {ms[KEYS[0]]:.0f} ms (target 500), all at"
        f" {total:.0f} ms (target 2000; CPU {cpu_total:.0f} ms), ratio {total / plain_total:.2f}x"
        " the plain SQL (target 1.5)"
    )
    return total


def floor(ws: Workspace, filters: Filters, show: bool = True) -> float:
    """Each section's statements, as the view ran them over `filters`, replayed in the sqlite3
    shell (median of 3); the total wall ms (0 without the shell)."""
    shell = shutil.which("sqlite3")
    if shell is None:
        print("floor: no sqlite3 command-line shell (apt-get install sqlite3)")
        return 0.0
    database = ws.paths.database
    statements: dict[str, list[str]] = {}
    with ws.metrics.snapshot() as metrics:
        for key in KEYS:
            traced: list[str] = []
            reader = metrics.reader
            assert isinstance(reader, sqlite3.Connection)  # the local file's
            reader.set_trace_callback(traced.append)
            shown(metrics, key, filters)
            reader.set_trace_callback(None)
            statements[key] = [
                s for s in traced if s.lstrip().upper().startswith(("SELECT", "WITH"))
            ]
    empty = _shell(shell, database, [])
    if show:
        print(f"floor: the view's SQL in the sqlite3 shell, rows to /dev/null (start-up"
              f" {empty[0]:.0f} ms wall taken off)")  # fmt: skip
        print(f"{'figure':<16} {'wall ms':>8} {'cpu ms':>7}")
    totals = [0.0, 0.0]
    for key in KEYS:
        runs = [_shell(shell, database, statements[key]) for _ in range(3)]
        spent = [statistics.median(r[n] for r in runs) - empty[n] for n in (0, 1)]
        totals = [totals[0] + spent[0], totals[1] + spent[1]]
        if show:
            count = len(statements[key])
            print(f"{key:<16} {spent[0]:>8.0f} {spent[1]:>7.0f}  ({count} statements)")
    if show:
        print(f"{'all':<16} {totals[0]:>8.0f} {totals[1]:>7.0f}")
    return totals[0]


def _shell(shell: str, database: Path, statements: list[str]) -> tuple[float, float]:
    """Wall and CPU (the shell's user + system) milliseconds."""
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as script:
        script.write("".join(f"{s.rstrip().rstrip(';')};\n" for s in statements))
    path = Path(script.name)
    try:
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        with path.open() as given:
            subprocess.run(
                [shell, "-readonly", str(database)], stdin=given, stdout=subprocess.DEVNULL,
                check=True,
            )  # fmt: skip
        wall = (time.perf_counter() - started) * 1000
        now = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (now.ru_utime - used.ru_utime + now.ru_stime - used.ru_stime) * 1000
        return wall, cpu
    finally:
        path.unlink()


if __name__ == "__main__":
    sys.exit(main())
