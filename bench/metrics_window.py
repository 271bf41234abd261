"""The Metrics tab in the real window over bench/metrics.py's database (100,000 candidates,
~1,000,000 interactions, 100,000 outbox messages): from asking for the figures to each
section drawn, as the user sees it (the figures computed off the GUI thread, each section
drawn on the GUI thread as it lands), and the longest the GUI thread was busy meanwhile (a
timer ticking every 10 ms notes the gaps). Started as `talentdesk --data-dir DIR` starts.
At the end, in the same run, the floor (bench/metrics.py `floor`: the SQL the view ran for
the same filters, replayed in the sqlite3 shell) and the times as ratios of it.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/metrics_window.py [--runs 3]
        [--period "All time"]   (default: the tab's own, the last 90 days)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from metrics import floor  # noqa: E402
from metrics_data import metrics_folder  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402

from talentdesk.ui.main_window import MainWindow  # noqa: E402
from talentdesk.ui.metrics.view import MetricsView  # noqa: E402


class Watch:
    """Times one reload after another: when each section landed, and the GUI thread's gaps."""

    def __init__(self, window: MainWindow, view: MetricsView, runs: int) -> None:
        self.window, self.view, self.runs = window, view, runs
        self.landed: list[dict[str, float]] = []
        self.gaps: list[float] = []
        self._started = self._tick_at = 0.0
        self._ticker = QTimer(interval=10)
        self._ticker.timeout.connect(self._tick)
        self.drawing: list[dict[str, float]] = []  # how long the GUI thread drew each section
        # The view's own slot, timed: the section is drawn when it returns.
        view.runner.arrived.disconnect(view._arrived)
        view.runner.arrived.connect(self._arrived)
        view.runner.idle.connect(self._idle)

    def start(self) -> None:
        self.landed.append({})
        self.drawing.append({})
        self.gaps.append(0.0)
        self._started = self._tick_at = time.perf_counter()
        self._ticker.start()
        self.view.reload()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps[-1] = max(self.gaps[-1], now - self._tick_at)
        self._tick_at = now

    def _arrived(self, key: str, shown: object) -> None:
        drawing = time.perf_counter()
        self.view._arrived(key, shown)
        now = time.perf_counter()
        self.drawing[-1][key] = now - drawing
        self.landed[-1][key] = now - self._started

    def _idle(self) -> None:
        self._ticker.stop()
        if len(self.landed) < self.runs + 1:  # the first run warms the page cache
            QTimer.singleShot(200, self.start)
            return
        self.report()
        self.window.close()

    def report(self) -> None:
        runs = self.landed[1:]
        period = self.view.filter_bar.period.currentText()
        print(f"the Metrics tab ({period}), medians of {len(runs)} reloads (after one to warm up)")
        lowest = floor(self.window.ws, self.view.filter_bar.filters(), show=False) or float("nan")
        for key in runs[0]:
            at = statistics.median(r[key] for r in runs) * 1000
            drawing = statistics.median(d[key] for d in self.drawing[1:]) * 1000
            print(f"{key:<16} drawn at {at:>6.0f} ms = {at / lowest:4.2f}x the floor"
                  f" (drawing it took {drawing:.0f} ms)")  # fmt: skip
        print(f"floor (the view's SQL in the sqlite3 shell, this run): {lowest:.0f} ms")
        print(f"GUI thread busy at most {statistics.median(self.gaps[1:]) * 1000:.0f} ms at a time")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--period", help="a period preset of the filters, e.g. 'All time'")
    args = parser.parse_args()
    folder = metrics_folder(100_000, 40_000, 100_000)

    from talentdesk.ui.app import run_gui

    after_first_paint = MainWindow._after_first_paint
    watches: list[Watch] = []

    def first_paint(window: MainWindow) -> None:
        after_first_paint(window)
        window.main_tabs.setCurrentWidget(window.metrics_tab)
        view = window.metrics_tab.built_view
        assert view is not None
        watch = Watch(window, view, args.runs)
        watches.append(watch)
        view.runner.cancel()  # the tab's own first load: timed from our reload instead
        if args.period:
            view.filter_bar.period.setCurrentText(args.period)  # our reload stops its timer
        QTimer.singleShot(0, watch.start)

    MainWindow._after_first_paint = first_paint  # type: ignore[method-assign,assignment]
    return run_gui(str(folder))


if __name__ == "__main__":
    sys.exit(main())
