"""The Metrics view over 100,000 candidates, ~1,000,000 interactions and 100,000 outbox
messages (issue 15, Speed): each figure as the window asks for it (`Workspace.metrics.figure`,
a read connection of its own, one call per figure; and in turn on one snapshot, as the window
computes them, sharing what they read), beside plain SQL a developer would write
for the same numbers (GROUP BY counts, the delays fetched in order for medians; no candidate
ids), measured in the same run. Medians of several rounds; in each round every figure and its
plain queries run once, in turn, so a busy machine slows them alike.

Targets: the first figures (reply rate, time to respond) within 500 ms, all within 2 s, the
total at most 1.5x the sum of the plain queries.

    .venv/bin/python bench/metrics.py [--candidates 100000] [--applications 40000]
        [--messages 100000] [--runs 5] [--kind-index]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from metrics_data import INDEX, metrics_folder, with_kind_index  # noqa: E402
from metrics_plain import PLAIN  # noqa: E402

from talentdesk.core.metrics import FIGURES, Filters  # noqa: E402
from talentdesk.core.workspace import Workspace  # noqa: E402
from talentdesk.paths import AppPaths  # noqa: E402

FIRST = ("replies", "response_times")  # what the window shows first


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--applications", type=int, default=40_000)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--kind-index",
        action="store_true",
        help=f"on a copy with what a migration could add: {INDEX}",
    )
    args = parser.parse_args()
    folder = metrics_folder(args.candidates, args.applications, args.messages)
    if args.kind_index:
        folder = with_kind_index(folder)
    ws = Workspace.open(AppPaths(folder))
    try:
        return _bench(ws, folder / "talentdesk.sqlite3", args.runs)
    finally:
        ws.close()


def _bench(ws: Workspace, database: Path, runs: int) -> int:
    keys = [key for key, _ in FIGURES]
    plain = sqlite3.connect(database, isolation_level=None)
    plain.execute("PRAGMA query_only = ON")
    mine: dict[str, list[float]] = {k: [] for k in keys}
    shared: dict[str, list[float]] = {k: [] for k in keys}
    theirs: dict[str, list[float]] = {k: [] for k in keys}
    for key in keys:  # warm-up: the file in the page cache for both
        ws.metrics.figure(key, Filters())
        PLAIN[key](plain)
    for _ in range(runs):
        for key in keys:
            mine[key].append(timed(lambda k=key: ws.metrics.figure(k, Filters())))
            theirs[key].append(timed(lambda k=key: PLAIN[k](plain)))
        # The window's way: one snapshot, the figures in turn, sharing what they read.
        with ws.metrics.snapshot() as metrics:
            for key in keys:
                shared[key].append(timed(lambda k=key: metrics.figure(k, Filters())))
    count = {
        t: int(ws.reader.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
        for t in ("candidate", "interaction", "outbox_message", "application")
    }
    print(", ".join(f"{n:,} {t}" for t, n in count.items()) + f"; medians of {runs} runs")
    print(f"{'figure':<16} {'alone ms':>9} {'snapshot ms':>11} {'plain ms':>9} {'ratio':>6}")
    totals = {"alone": 0.0, "snapshot": 0.0, "plain": 0.0}
    for key in keys:
        a, c, b = (statistics.median(v) * 1000 for v in (mine[key], shared[key], theirs[key]))
        totals["alone"] += a
        totals["snapshot"] += c
        totals["plain"] += b
        print(f"{key:<16} {a:>9.0f} {c:>11.0f} {b:>9.0f} {c / b:>5.2f}x")
    alone, snap, base = totals["alone"], totals["snapshot"], totals["plain"]
    print(f"{'all':<16} {alone:>9.0f} {snap:>11.0f} {base:>9.0f} {snap / base:>5.2f}x")
    first = sum(statistics.median(shared[k]) * 1000 for k in FIRST)
    print(
        f"first figures ({' + '.join(FIRST)}) {first:.0f} ms (target 500), all {snap:.0f} ms"
        f" (target 2000), ratio {snap / base:.2f}x (target 1.5); ratio = snapshot / plain"
    )
    plain.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
