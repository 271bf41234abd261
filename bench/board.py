"""Board speed: a role with 2,000 applications in 9 stages, in the real window.

1. From asking the window to show the role (`vacancies_tab.show_vacancy`) to the board's first
   paint: every visible column has painted (an event filter on each column's viewport sees its
   QEvent.Paint). Target: at most 200 ms. Baseline, same run: showing a plain QListView of
   2,000 strings until its first paint.
2. One card moved to the next stage (as a drop or Ctrl+Right does): from the move to the
   target column's repaint; the write goes on the write path meanwhile.

    .venv/bin/python bench/board.py [--cards 2000] [--runs 7]

Runs under xcb (scripts/bench's xvfb-run) or offscreen (QT_QPA_PLATFORM=offscreen).
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QStringListModel  # noqa: E402
from PySide6.QtWidgets import QApplication, QListView, QWidget  # noqa: E402

from talentdesk.core.db.datetimes import to_db  # noqa: E402
from talentdesk.core.db.enums import DEFAULT_PIPELINE  # noqa: E402
from talentdesk.core.db.migrate import open_database  # noqa: E402
from talentdesk.paths import AppPaths  # noqa: E402
from talentdesk.ui.vacancies.stage_column import COLUMN_WIDTH  # noqa: E402

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
TARGET_MS = 200
CITIES = ("Kraków", "Warszawa", "Wrocław", "Gdańsk", "Poznań", None)
# Most people sit early in a pipeline: Sourced, Contacted, Engaged, … , Withdrawn.
SHARES = (30, 25, 15, 10, 4, 2, 8, 4, 2)


def build(paths: AppPaths, cards: int) -> tuple[int, int]:
    """The big role (`cards` applications) and a small one to switch from."""
    open_database(paths.database).close()
    con = sqlite3.connect(paths.database, isolation_level=None)
    rng = random.Random(cards)
    con.execute("BEGIN")
    now = to_db(NOW)
    con.executemany(
        "INSERT INTO candidate (id, first_name, last_name, sort_name, title, company, city,"
        " status, created_at, updated_at, relationship_kind)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'none')",
        (
            (
                i,
                f"First{i}",
                f"Last{i}",
                f"last{i} first{i}",
                "Java Developer",
                "Acme",
                rng.choice(CITIES),
                "do_not_contact" if i % 97 == 0 else "passive",
                now,
                now,
            )
            for i in range(1, cards + 1)
        ),
    )
    ids = []
    for title in ("Backend Developer", "Office Manager"):
        cur = con.execute(
            "INSERT INTO vacancy (title, company, status, opened_at) VALUES (?, 'Allegro', "
            "'open', ?)",
            (title, now),
        )
        vacancy_id = int(cur.lastrowid or 0)
        ids.append(vacancy_id)
        con.executemany(
            "INSERT INTO vacancy_stage (vacancy_id, name, kind, position) VALUES (?, ?, ?, ?)",
            ((vacancy_id, name, kind.value, i) for i, (name, kind) in enumerate(DEFAULT_PIPELINE)),
        )
    big = ids[0]
    stages = [
        r
        for (r,) in con.execute(
            "SELECT id FROM vacancy_stage WHERE vacancy_id = ? ORDER BY position", (big,)
        )
    ]
    names = [name for name, _ in DEFAULT_PIPELINE]
    placed: dict[int, int] = {}
    for app_id in range(1, cards + 1):
        index = rng.choices(range(len(stages)), SHARES)[0]
        stage = stages[index]
        position = placed.get(stage, 0)
        placed[stage] = position + 1
        moved = to_db(NOW - timedelta(days=rng.randrange(60)))
        con.execute(
            "INSERT INTO application (id, candidate_id, vacancy_id, stage_id, near_fit, position,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (app_id, app_id, big, stage, rng.random() < 0.05, position, moved, moved),
        )
        con.execute(
            "INSERT INTO application_stage_change (application_id, from_stage, to_stage, to_kind,"
            " moved_at) VALUES (?, NULL, ?, ?, ?)",
            (app_id, names[index], DEFAULT_PIPELINE[index][1].value, moved),
        )
    con.execute("COMMIT")
    con.execute("ANALYZE")
    con.close()
    return big, ids[1]


class PaintWatch(QObject):
    """Notes when each watched widget last received QEvent.Paint."""

    def __init__(self) -> None:
        super().__init__()
        self.painted: dict[int, float] = {}

    def watch(self, widgets: Iterable[QWidget]) -> None:
        self.painted.clear()
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted.setdefault(id(watched), time.perf_counter())
        return False


def wait_for(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the window did not get there")
        QApplication.processEvents()


def baseline_ms(cards: int, size: tuple[int, int], runs: int) -> float:
    """A plain QListView of `cards` strings: shown until its first paint."""
    watch = PaintWatch()
    times = []
    for _ in range(runs):
        view = QListView()
        view.resize(*size)
        started = time.perf_counter()
        view.setModel(QStringListModel([f"First{i} Last{i}" for i in range(cards)], view))
        watch.watch([view.viewport()])
        view.show()
        wait_for(lambda: bool(watch.painted))
        times.append((watch.painted[id(view.viewport())] - started) * 1000)
        view.close()
        view.deleteLater()
        QApplication.processEvents()
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    from talentdesk.core.workspace import Workspace
    from talentdesk.ui.app import application
    from talentdesk.ui.main_window import MainWindow
    from talentdesk.ui.ops import all_idle

    app = application()
    with tempfile.TemporaryDirectory() as tmp:
        paths = AppPaths(Path(tmp))
        paths.ensure()
        started = time.perf_counter()
        big, small = build(paths, args.cards)
        print(
            f"database: {args.cards:,} applications in 9 stages, built in "
            f"{time.perf_counter() - started:.1f} s"
        )
        ws = Workspace.open(paths)
        window = MainWindow(ws, paths.settings)
        window.resize(1500, 900)
        window.show()
        wait_for(lambda: window.first_paint_done)
        # As the app does after the first paint: the write side loads in the background.
        warm_up = threading.Thread(target=ws.warm_up, name="warm-up")
        warm_up.start()
        wait_for(lambda: not warm_up.is_alive())
        tab = window.vacancies_tab
        watch = PaintWatch()
        started = time.perf_counter()
        view = tab.show_vacancy(big)
        board = view.board
        fits = max(1, board.scroller.viewport().width() // (COLUMN_WIDTH + 8))
        cold = [c.view.viewport() for c in board.columns[:fits]]
        watch.watch(cold)
        wait_for(lambda: all(id(w) in watch.painted for w in cold))
        print(
            "first switch to the tab, building it, to the board's first paint: "
            f"{(max(watch.painted.values()) - started) * 1000:.0f} ms"
        )
        times = []
        for run in range(args.runs):
            tab.show_vacancy(small)
            wait_for(lambda: not any(c.model.rowCount() for c in board.columns))
            QApplication.processEvents()
            started = time.perf_counter()
            tab.show_vacancy(big)
            # The columns that fit on screen (those to their right paint when scrolled to).
            fits = max(1, board.scroller.viewport().width() // (COLUMN_WIDTH + 8))
            visible = [c.view.viewport() for c in board.columns[:fits]]
            watch.watch(visible)
            wait_for(lambda v=visible: all(id(w) in watch.painted for w in v))  # type: ignore[misc]
            times.append((max(watch.painted.values()) - started) * 1000)
            if run == 0:
                shown = sum(c.model.rowCount() for c in board.columns)
                print(
                    f"board: {shown:,} cards, {len(visible)} of {len(board.columns)} "
                    "columns on screen"
                )
        base = baseline_ms(args.cards, (window.width(), window.height()), args.runs)
        first = statistics.median(times)
        verdict = "OK" if first <= TARGET_MS else "SLOW"
        print(f"board first paint: median {first:.0f} ms (target <= {TARGET_MS} ms: {verdict})")
        print(
            f"baseline, plain QListView of {args.cards:,} strings: median {base:.0f} ms; "
            f"ratio {first / base:.1f}x"
        )

        moves = []
        resets: list[int] = []
        for column in board.columns:
            column.model.modelReset.connect(lambda: resets.append(1))
        for _ in range(args.runs):
            source = max(board.columns[:5], key=lambda c: c.model.rowCount())
            target = board.columns[board.columns.index(source) + 1]
            card = source.model.cards[0]
            watch.watch([target.view.viewport()])
            started = time.perf_counter()
            board.move_card(card.application_id, target.stage.id, 0)
            wait_for(lambda t=target: id(t.view.viewport()) in watch.painted)  # type: ignore[misc]
            moves.append((watch.painted[id(target.view.viewport())] - started) * 1000)
            wait_for(lambda: window.events.ops.idle and all_idle())
            QApplication.processEvents()
        move = statistics.median(moves)
        print(
            f"card move to the next stage, local repaint: median {move:.1f} ms "
            f"({move / base:.2f}x the baseline's first paint); columns re-read after the "
            f"moves' own notices: {len(resets)}"
        )
        window.hide()
        window.deleteLater()
        ws.close()
        app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
