"""A backlog of due reminders at start-up (TalentDesk closed for days; 552,000 check-ins over a
million candidates) is announced once, as one summary counted on a thread, and every one of
them is noted as announced; what falls due afterwards is announced by name as before. Under
the real tray host (tests/ui/tray_host.py), and in the window's banner without one. (BACKLOG is
100; lowered here to 3.)"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from PySide6.QtWidgets import QApplication

from talentdesk.core.db.enums import ReminderKind
from talentdesk.ui import scheduler as scheduler_module
from talentdesk.ui.app import start_reminders
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.scheduler import ReminderScheduler
from tests.ui.conftest import remind
from tests.ui.tray_host import started, tray_host, with_tray, without_tray

__all__ = ["started", "tray_host", "with_tray", "without_tray"]  # the fixtures, used by name

BACKLOG = 3


@pytest.fixture
def small_backlog(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scheduler_module, "BACKLOG", BACKLOG)


@pytest.fixture
def starting(window: MainWindow) -> Iterator[Callable[[], ReminderScheduler]]:
    """Start the reminders as the app does, returning before the first check has run (it is
    queued on the event loop), so that the test hears everything the start announces."""

    def start() -> ReminderScheduler:
        return start_reminders(window)

    yield start
    if window.tray is not None:
        window.quit()  # really close (pytest-qt's close would only hide it to the tray)
    QApplication.setQuitOnLastWindowClosed(True)


def _unannounced(ws) -> int:
    row = ws.reader.execute(
        "SELECT count(*) FROM reminder WHERE done_at IS NULL AND notified_at IS NULL"
    ).fetchone()
    return int(row[0])


def test_a_backlog_at_start_is_announced_once_as_a_summary(
    qtbot, with_tray, small_backlog, starting, window: MainWindow, ws, clock, add_candidate
) -> None:
    anna = add_candidate("Anna", "Kowalska")
    for day in range(5):
        remind(ws, anna, clock.now - timedelta(days=day + 1), note=f"Call {day}")
    remind(ws, anna, clock.now + timedelta(minutes=30), note="Send the offer")
    scheduler = starting()
    tray = window.tray
    assert tray is not None
    heard: list[tuple[str, str]] = []
    tray.notified.connect(lambda title, text: heard.append((title, text)))

    qtbot.waitUntil(lambda: scheduler.counts is not None)  # the first check has run…
    qtbot.waitUntil(lambda: bool(heard))  # …and the summary came from the count's thread
    qtbot.waitUntil(lambda: scheduler.announcements_stored)
    assert heard == [("5 follow-ups due", "Open TalentDesk to see them.")]
    assert _unannounced(ws) == 1  # only the one not due yet
    with qtbot.assertNotEmitted(tray.notified):
        scheduler.check_now()  # announced once

    tray.icon.messageClicked.emit()  # the summary opens the reminders pane
    qtbot.waitUntil(lambda: window.focusWidget() is window.reminders_pane.tree)

    clock.advance(minutes=30)  # what falls due afterwards is announced by name again
    with qtbot.waitSignal(tray.notified) as blocker:
        scheduler.check_now()
    assert blocker.args == ["Follow-up due: Anna Kowalska", "Send the offer"]


def test_a_backlog_of_several_kinds_is_counted_as_reminders(
    qtbot, with_tray, small_backlog, starting, window: MainWindow, ws, clock, add_candidate
) -> None:
    anna = add_candidate("Anna", "Kowalska")
    for day, kind in enumerate([ReminderKind.FOLLOW_UP] * 3 + [ReminderKind.CHECK_IN]):
        remind(ws, anna, clock.now - timedelta(days=day + 1), kind)
    scheduler = starting()
    assert window.tray is not None
    heard: list[str] = []
    window.tray.notified.connect(lambda title, _text: heard.append(title))
    qtbot.waitUntil(lambda: bool(heard) and scheduler.announcements_stored)
    assert heard == ["4 reminders due"]
    assert _unannounced(ws) == 0


def test_a_backlog_past_the_count_by_kind_is_noted_a_batch_at_a_time(
    qtbot,
    with_tray,
    small_backlog,
    starting,
    window: MainWindow,
    ws,
    clock,
    add_candidate,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(scheduler_module, "BACKLOG_BY_KIND", 4)
    monkeypatch.setattr(scheduler_module, "BACKLOG_BATCH", 2)
    anna = add_candidate("Anna", "Kowalska")
    for day in range(5):
        remind(ws, anna, clock.now - timedelta(days=day + 1))
    scheduler = starting()
    assert window.tray is not None
    heard: list[str] = []
    window.tray.notified.connect(lambda title, _text: heard.append(title))
    qtbot.waitUntil(lambda: bool(heard) and scheduler.announcements_stored)
    assert heard == ["5 reminders due"]  # too many to count by kind
    assert _unannounced(ws) == 0  # in three batches, announced once


def test_up_to_the_backlog_they_are_still_named(
    qtbot, with_tray, small_backlog, starting, window: MainWindow, ws, clock, add_candidate
) -> None:
    anna = add_candidate("Anna", "Kowalska")
    for day in range(BACKLOG):
        remind(ws, anna, clock.now - timedelta(days=day + 1))
    scheduler = starting()
    assert window.tray is not None
    heard: list[tuple[str, str]] = []
    window.tray.notified.connect(lambda title, text: heard.append((title, text)))
    qtbot.waitUntil(lambda: bool(heard) and scheduler.announcements_stored)
    assert heard == [("3 follow-ups due", "Anna Kowalska")]


def test_without_a_tray_the_banner_shows_the_backlog_once(
    qtbot, without_tray, small_backlog, starting, window: MainWindow, ws, clock, add_candidate
) -> None:
    anna = add_candidate("Anna", "Kowalska")
    for day in range(5):
        remind(ws, anna, clock.now - timedelta(days=day + 1))
    scheduler = starting()
    assert window.tray is None
    qtbot.waitUntil(lambda: window.due_banner.isVisible() and scheduler.announcements_stored)
    assert window.due_banner.label.text() == "5 follow-ups due: Show lists them."
    assert _unannounced(ws) == 0
    window.close()
