"""The reminders pane and the tray's counts over 1,000,000 candidates with 552,000 reminders
due: how long each keeps the GUI thread (target <= 50 ms), and when the exact counts, read
on a thread, are shown. Beside them, the same counts in bare SQL on the same connection.

    .venv/bin/python bench/reminders_1m.py [--candidates 1000000] [--runs 5]

The database is bench/big_database.py's (cached in bench/.cache). Runs offscreen. The
reminders are never announced in this database, so the scheduler's check also reads up to
BACKLOG + 1 due ones (more than BACKLOG: a backlog, told once as a summary; printed apart:
that is the announcing, not the count).
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

from big_database import data_folder  # noqa: E402


def gui_slices(start: Callable[[], object], done: Callable[[], bool]) -> tuple[float, float, float]:
    """(the time `start()` kept the GUI thread; the longest event-loop step after it, painting
    included; until `done()`), in ms: `start()`, then the event loop a step at a time."""
    from PySide6.QtWidgets import QApplication

    began = time.perf_counter()
    start()
    first = time.perf_counter() - began
    longest = 0.0
    while not done():
        step = time.perf_counter()
        QApplication.processEvents()
        longest = max(longest, time.perf_counter() - step)
        time.sleep(0.001)  # the thread's turn (the bench's own wait, not the app's)
    step = time.perf_counter()
    QApplication.processEvents()  # what landing the result costs (painting it)
    longest = max(longest, time.perf_counter() - step)
    return first * 1000, longest * 1000, (time.perf_counter() - began) * 1000


OVERDUE_SQL = (
    "SELECT count(*) FROM reminder WHERE done_at IS NULL AND coalesce(snoozed_until, due_at) < ?"
)
DUE_SQL = (
    "SELECT count(*), sum(coalesce(snoozed_until, due_at) < ?) FROM reminder"
    " WHERE done_at IS NULL AND coalesce(snoozed_until, due_at) <= ?"
)


def timed(run: Callable[..., Any], *args: object) -> float:
    began = time.perf_counter()
    run(*args).fetchone()
    return (time.perf_counter() - began) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder, built = data_folder(args.candidates)
    if built is not None:
        print(f"built the {args.candidates:,}-candidate database in {built:.0f} s")

    from PySide6.QtWidgets import QApplication

    from talentdesk.core.reminders import schedule
    from talentdesk.core.timezone import local_zone
    from talentdesk.core.workspace import Workspace
    from talentdesk.paths import AppPaths
    from talentdesk.ui.events import Events
    from talentdesk.ui.panes.reminders_pane import RemindersPane
    from talentdesk.ui.scheduler import BACKLOG, ReminderScheduler

    app = QApplication.instance() or QApplication([])
    ws = Workspace.open(AppPaths(folder))
    events = Events(ws)
    pane = RemindersPane(ws, events)
    pane.resize(420, 700)
    pane.show()
    scheduler = ReminderScheduler(ws, events)
    scheduler.start(first_check_ms=3_600_000)  # checked below, by hand
    ws.reminders.next_due_after(ws.clock())  # load the write side before timing anything

    from talentdesk.core.db.datetimes import to_db

    rows: dict[str, list[float]] = {k: [] for k in ("pane", "pane_step", "pane_all", "tray")}
    rows.update({k: [] for k in ("tray_step", "tray_all", "sql_pane", "sql_tray", "check")})
    for _ in range(args.runs):
        reading = pane._reading
        first, step, total = gui_slices(
            pane.reload,
            lambda reading=reading: (  # type: ignore[misc]
                pane._reading == reading + 1 and "+" not in pane.summary.text()
            ),
        )
        rows["pane"].append(first)
        rows["pane_step"].append(step)
        rows["pane_all"].append(total)
        scheduler.counts = None
        first, step, total = gui_slices(
            lambda: scheduler.recount(ws.clock()), lambda: scheduler.counts is not None
        )
        rows["tray"].append(first)
        rows["tray_step"].append(step)
        rows["tray_all"].append(total)
        now = ws.clock()
        start = schedule.start_of_day(now, local_zone(ws.tz))
        rows["sql_pane"].append(timed(ws.reader.execute, OVERDUE_SQL, (to_db(now),)))
        rows["sql_tray"].append(timed(ws.reader.execute, DUE_SQL, (to_db(start), to_db(now))))

    # Last: each check reads BACKLOG + 1 due (more: a backlog, announced once as a summary).
    rows["check"] = [gui_slices(scheduler.check_now, lambda: True)[0] for _ in range(3)]
    m = {key: statistics.median(values) for key, values in rows.items()}
    print(f"reminders over {args.candidates:,} candidates, median of {args.runs} runs")
    print(
        f"  pane reload: GUI thread {m['pane']:5.1f} ms, then at most {m['pane_step']:5.1f} ms"
        f" a step (target <= 50); exact counts shown after {m['pane_all']:5.0f} ms;"
        f" bare SQL count of the overdue {m['sql_pane']:5.1f} ms"
    )
    print(
        f"  tray count:  GUI thread {m['tray']:5.1f} ms, then at most {m['tray_step']:5.1f} ms"
        f" a step (target <= 50); exact counts known after {m['tray_all']:5.0f} ms;"
        f" bare SQL count (due, overdue) {m['sql_tray']:5.1f} ms"
    )
    print(
        f"  the scheduler's whole check (count, and read {BACKLOG + 1:,} due: a backlog or not),"
        " median of 3:"
        f" {m['check']:5.1f} ms on the GUI thread"
    )
    scheduler.stop()
    pane.close()
    ws.close()
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
