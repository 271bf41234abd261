"""Past a cap, the reminders pane and the tray's counts are not counted on the GUI thread:
the pane shows "at least" ("3+") at once and the exact counts once a thread has read them;
the tray's counts arrive the same way. (COUNT_CAP is 10,000; lowered here to 2.)"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from talentdesk.core.reads import ReadModel
from talentdesk.ui import scheduler as scheduler_module
from talentdesk.ui.events import Events
from talentdesk.ui.panes import reminders_pane
from talentdesk.ui.scheduler import ReminderScheduler
from tests.ui.conftest import remind

CAP = 2


@pytest.fixture
def low_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reminders_pane, "COUNT_CAP", CAP)
    monkeypatch.setattr(scheduler_module, "COUNT_CAP", CAP)


@pytest.fixture
def five_overdue(ws, clock, add_candidate) -> list[int]:
    anna = add_candidate("Anna", "Kowalska")
    return [remind(ws, anna, clock.now - timedelta(days=day + 1)) for day in range(5)]


def heading(pane: reminders_pane.RemindersPane, key: str) -> str:
    for head in pane._groups():
        if head.data(0, reminders_pane.GROUP_KEY_ROLE) == key:
            return head.text(0)
    raise AssertionError(key)


def test_the_pane_shows_at_least_then_the_exact_counts(
    qtbot, low_cap, five_overdue, open_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window()
    pane = window.reminders_pane
    qtbot.waitUntil(lambda: heading(pane, "overdue") == "Overdue (5)")
    assert pane.summary.text() == "5 overdue · 0 today · 0 this week"
    assert len(pane.group_items("overdue")) == 5

    monkeypatch.setattr(reminders_pane, "SHOWN_PER_GROUP", 3)
    reads: list[int] = []
    monkeypatch.setattr(reminders_pane, "exact_counts_on_a_thread", lambda *a: reads.append(1))
    pane.reload()  # as the GUI thread left it, before any exact count lands
    assert heading(pane, "overdue") == "Overdue (2+)"
    assert pane.summary.text() == "2+ overdue · 0 today · 0 this week"
    assert reads == [1]  # the exact count was asked for


def test_the_more_row_follows_the_exact_count(
    qtbot, low_cap, five_overdue, open_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reminders_pane, "SHOWN_PER_GROUP", 1)
    window = open_window()
    pane = window.reminders_pane
    qtbot.waitUntil(lambda: heading(pane, "overdue") == "Overdue (5)")
    head = next(h for h in pane._groups() if h.data(0, reminders_pane.GROUP_KEY_ROLE) == "overdue")
    assert head.child(head.childCount() - 1).text(0) == "…and 4 more"


@pytest.fixture
def scheduler(qtbot, ws) -> Iterator[ReminderScheduler]:
    made = ReminderScheduler(ws, Events(ws))
    made.start(first_check_ms=60_000)  # checked by the test itself
    yield made
    made.stop()


def test_the_tray_counts_arrive_from_a_thread_past_the_cap(
    qtbot, low_cap, five_overdue, scheduler: ReminderScheduler
) -> None:
    heard: list[tuple[int, int]] = []
    scheduler.counts_changed.connect(lambda due, overdue: heard.append((due, overdue)))
    scheduler.check_now()
    assert scheduler.counts is None  # not counted on the GUI thread
    qtbot.waitUntil(lambda: scheduler.counts == (5, 5))
    assert heard == [(5, 5)]
    assert not scheduler.counting


def test_counts_up_to_a_cap_say_whether_they_are_exact(ws, clock, five_overdue) -> None:
    reads: ReadModel = ws.reads
    today = clock.now.replace(hour=0, minute=0, second=0, microsecond=0)
    assert reads.due_counts(clock.now, today) == (5, 5)
    assert reads.due_counts(clock.now, today, cap=5) == (5, 5)
    assert reads.due_counts(clock.now, today, cap=4) is None
    overdue = reads.reminder_overview(1, cap=3)[0]
    assert (overdue.key, overdue.total, overdue.exact, len(overdue.items)) == (
        "overdue",
        3,
        False,
        1,
    )
    assert reads.reminder_overview(1, cap=5)[0].exact
