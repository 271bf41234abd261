"""The GUI thread's longest stretch when the candidate list is read again over 1,000,000
candidates: after a write (refresh), on another sort, on switching pools.

    .venv/bin/python bench/list_reads_1m.py [--candidates 1000000] [--runs 7]

Per case, median / p95 (ms) of, in the same run:
- at once: the read on the GUI thread (`set_query`, the way before), and its first page of
           rows as the view paints it;
- thread:  the longest the GUI thread spends at a time with the read on a thread (`ask`):
           asking, then taking the first screen when it lands and painting its first page;
- rest:    the longest landing of the rest of the ids (read on a thread either way).
Target: the window never more than 16 ms at a time. The database is bench/big_database.py's
(cached in bench/.cache).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from big_database import data_folder  # noqa: E402

from talentdesk.core.candidate_list import ListQuery, SortColumn  # noqa: E402
from talentdesk.core.workspace import Workspace  # noqa: E402
from talentdesk.paths import AppPaths  # noqa: E402

NO_POOL = 987_654_321  # no such pool: an empty list to switch from


def p50_p95(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def make_model(ws: Workspace) -> Any:
    from talentdesk.ui.models.candidate_table import CandidateTableModel

    class Timed(CandidateTableModel):
        first = 0.0
        rest = 0.0

        def _first_arrived(self, *args: Any) -> None:
            started = time.perf_counter()
            super()._first_arrived(*args)
            self.index(0, 0).data()  # the first page of rows, as the view paints it
            self.first = max(self.first, (time.perf_counter() - started) * 1000)

        def _rest_arrived(self, ticket: int, ids: list[int], total: int | None) -> None:
            started = time.perf_counter()
            super()._rest_arrived(ticket, ids, total)
            self.rest = max(self.rest, (time.perf_counter() - started) * 1000)

    return Timed(ws.listing, ws.clock, own_listing=ws.own_listing)


def settle(model: Any) -> None:
    from PySide6.QtCore import QCoreApplication

    while model.searching or not model.count_known:
        QCoreApplication.processEvents()
        time.sleep(0.001)  # the bench waits for the threads; the window does not


def case(
    model: Any, before: ListQuery, after: ListQuery, force: bool, runs: int
) -> tuple[list[float], list[float]]:
    """`runs` times each: from `before`, show `after` at once, then on a thread."""
    at_once: list[float] = []
    threaded: list[float] = []
    for _ in range(runs):
        for way in (at_once, threaded):
            model.set_query(before, force=True)
            settle(model)
            model.first = 0.0
            started = time.perf_counter()
            if way is at_once:
                model.set_query(after, force=force)
                model.index(0, 0).data()
            else:
                model.ask(after, force=force)
            call = (time.perf_counter() - started) * 1000
            settle(model)
            assert model.query == after
            way.append(max(call, model.first))
    return at_once, threaded


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--candidates", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    folder, built = data_folder(args.candidates)
    if built is not None:
        print(f"built {args.candidates:,} candidates in {built:.0f} s")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    ws = Workspace.open(AppPaths(folder), tz=None)
    model = make_model(ws)
    model.set_query(ListQuery())
    settle(model)
    searched = ListQuery(search="ann")
    cases: list[tuple[str, ListQuery, ListQuery, bool]] = [
        ("refresh, 'ann'", searched, searched, True),
        ("refresh, everyone", ListQuery(), ListQuery(), True),
        ("sort by city, 'ann'", searched, searched._replace(sort=SortColumn.CITY), False),
        ("sort by name desc", ListQuery(), ListQuery(descending=True), False),
        ("pool → everyone", ListQuery(pool_id=NO_POOL), ListQuery(), False),
    ]
    print(f"{args.candidates:,} candidates, {args.runs} runs; GUI thread's longest stretch, ms")
    print(f"{'case':<22} {'at once p50/p95':>16} {'thread p50/p95':>15} {'×':>6} {'rest':>6}")
    run: Callable[..., tuple[list[float], list[float]]] = case
    for name, before, after, force in cases:
        model.rest = 0.0
        at_once, threaded = run(model, before, after, force, args.runs)
        a, a95 = p50_p95(at_once)
        t, t95 = p50_p95(threaded)
        print(
            f"{name:<22} {a:>7.1f} /{a95:>6.1f} {t:>6.1f} /{t95:>6.1f} {t / a:>6.2f}"
            f" {model.rest:>6.1f}",
            flush=True,
        )
    ws.close()
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
