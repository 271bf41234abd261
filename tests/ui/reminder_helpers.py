"""What the reminder UI tests share: a user who lives in Warsaw (UTC+1 in November, so dates
and times are typed and shown in local time and land in the database in UTC), a Workspace in
that zone, and ways to look at and drive the candidate's Reminders tab."""

from __future__ import annotations

import time as time_module
from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import text

from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from talentdesk.ui.dialogs.reminder_dialog import ReminderDialog
from talentdesk.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
WARSAW = ZoneInfo("Europe/Warsaw")
# The clock starts on Wednesday 25 November 2026, 09:30 UTC: 10:30 in Warsaw.


@pytest.fixture(autouse=True)
def _local_time_is_warsaw(
    _local_time_is_utc: None, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Warsaw")
    time_module.tzset()
    yield
    monkeypatch.setenv("TZ", "UTC")
    time_module.tzset()


@pytest.fixture
def ws(paths: AppPaths, clock) -> Iterator[Workspace]:
    workspace = Workspace.open(paths, clock, tz=WARSAW)
    yield workspace
    workspace.close()


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def sql(ws: Workspace, statement: str, **params: object) -> list[tuple]:
    with ws.db.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text(statement), params)]


def open_reminders(ws: Workspace, candidate_id: int) -> list[tuple]:
    """(due UTC, snoozed until, kind, note, rule) of the candidate's open reminders."""
    return [
        (r.due_at, d.snoozed_until, d.kind, d.note, d.recurrence)
        for r in ws.reminders.for_candidate(candidate_id)
        if r.done_at is None
        for d in [ws.reminders.get(r.id)]
    ]


def reminder_rows(window: MainWindow) -> list[list[str]]:
    tree = window.candidate_pane.reminders
    return [
        [tree.topLevelItem(i).text(c) for c in range(tree.columnCount())]
        for i in range(tree.topLevelItemCount())
    ]


def open_candidate(qtbot, window: MainWindow, candidate_id: int) -> None:
    window.open_candidate(candidate_id)
    qtbot.waitUntil(window.candidate_pane.isVisible)  # the pane is built on first use


def focus(qtbot, widget: QWidget) -> None:
    """Give `widget` the keyboard focus, once its window is active again after a dialog."""
    window = widget.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def select_row(qtbot, window: MainWindow, row: int = 0) -> None:
    """Pick a reminder on the candidate's Reminders tab."""
    window.candidate_pane.tabs.setCurrentIndex(3)
    tree = window.candidate_pane.reminders
    focus(qtbot, tree)
    tree.setCurrentItem(tree.topLevelItem(row))


def status(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def save(dialog: ReminderDialog) -> None:
    assert dialog.save_button.isEnabled(), dialog.message.text()
    dialog.save_button.click()


@pytest.fixture
def anna(add_candidate) -> int:
    return add_candidate("Anna", "Kowalska", email="anna@example.com")
