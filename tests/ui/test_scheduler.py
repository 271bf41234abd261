"""The reminder scheduler on a real database with the injected clock: time is moved, never
waited for; `check_now()` is what its timers call."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, timedelta

import pytest

from talentdesk.core.db.enums import ReminderKind
from talentdesk.core.ops.changes import Changes
from talentdesk.core.reminders.schedule import MAX_TIMER_MS, SAFETY_INTERVAL_MS
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from talentdesk.ui.events import Events
from talentdesk.ui.scheduler import ReminderScheduler
from tests.conftest import TravelClock


@pytest.fixture
def make_scheduler(qtbot, ws: Workspace) -> Iterator[Callable[..., ReminderScheduler]]:
    made: list[ReminderScheduler] = []

    def make(workspace: Workspace = ws, events: Events | None = None) -> ReminderScheduler:
        scheduler = ReminderScheduler(workspace, events or Events(workspace))
        scheduler.start(first_check_ms=60_000)  # the tests call check_now() themselves
        made.append(scheduler)
        return scheduler

    yield make
    for scheduler in made:
        scheduler.stop()


@pytest.fixture
def anna(add_candidate: Callable[..., int]) -> int:
    return add_candidate("Anna", "Kowalska")


def announced_ids(scheduler: ReminderScheduler) -> list[int]:
    return [reminder.id for reminder in scheduler.check_now()]


def test_the_timer_waits_exactly_until_the_next_due_reminder(make_scheduler, ws, clock, anna):
    ws.reminders.add(anna, clock.now + timedelta(seconds=30))
    ws.reminders.add(anna, clock.now + timedelta(hours=2))
    scheduler = make_scheduler()
    assert scheduler.check_now() == []
    assert scheduler.next_due == clock.now + timedelta(seconds=30)
    assert scheduler.due_timer_ms == 30_000
    assert scheduler.next_wakeup_ms() == 30_000


def test_the_next_wakeup_is_capped_at_the_safety_check(make_scheduler, ws, clock, anna):
    ws.reminders.add(anna, clock.now + timedelta(minutes=10))
    scheduler = make_scheduler()
    scheduler.check_now()
    assert scheduler.due_timer_ms == 10 * 60_000
    assert scheduler.next_wakeup_ms() == SAFETY_INTERVAL_MS


def test_with_nothing_due_it_wakes_once_a_minute_and_no_more(make_scheduler):
    scheduler = make_scheduler()
    assert scheduler.check_now() == []
    assert scheduler.next_due is None
    assert scheduler.due_timer_ms is None  # no single-shot timer armed
    assert scheduler.next_wakeup_ms() == SAFETY_INTERVAL_MS == 60_000
    assert scheduler.running


def test_a_reminder_months_ahead_arms_a_capped_timer(make_scheduler, ws, clock, anna):
    ws.reminders.add(anna, clock.now + timedelta(days=90))
    scheduler = make_scheduler()
    scheduler.check_now()
    assert scheduler.due_timer_ms == MAX_TIMER_MS
    clock.advance(days=24)  # the capped timer fires early: it re-arms for what is left
    assert scheduler.check_now() == []
    assert scheduler.due_timer_ms == MAX_TIMER_MS
    clock.advance(days=66)
    assert len(scheduler.check_now()) == 1


def test_each_reminder_is_announced_once_when_it_falls_due(make_scheduler, ws, clock, anna):
    rid = ws.reminders.add(anna, clock.now + timedelta(minutes=5), note="Send the offer")
    scheduler = make_scheduler()
    assert announced_ids(scheduler) == []
    clock.advance(minutes=4, seconds=59)
    assert announced_ids(scheduler) == []
    clock.advance(seconds=1)
    due = scheduler.check_now()
    assert [(r.id, r.candidate_name, r.what) for r in due] == [
        (rid, "Anna Kowalska", "Send the offer")
    ]
    assert announced_ids(scheduler) == []
    clock.advance(minutes=1)
    assert announced_ids(scheduler) == []


def test_the_single_shot_timer_fires_and_announces(qtbot, make_scheduler, ws, clock, anna):
    rid = ws.reminders.add(anna, clock.now + timedelta(milliseconds=200))
    scheduler = make_scheduler()
    scheduler.check_now()
    assert scheduler.due_timer_ms == 200
    clock.advance(milliseconds=200)  # the injected clock moves; the Qt timer runs for real
    with qtbot.waitSignal(scheduler.announced, timeout=2000) as blocker:
        pass
    assert [r.id for r in blocker.args[0]] == [rid]
    assert scheduler.due_timer_ms is None


def test_a_three_hour_clock_jump_announces_what_fell_due_in_between_once(
    qtbot, make_scheduler, ws, clock, add_candidate
):
    jan = add_candidate("Jan", "Nowak")
    piotr = add_candidate("Piotr", "Zieliński")
    first = ws.reminders.add(jan, clock.now + timedelta(minutes=30))
    second = ws.reminders.add(piotr, clock.now + timedelta(hours=1))
    third = ws.reminders.add(jan, clock.now + timedelta(hours=2, minutes=59))
    ws.reminders.add(piotr, clock.now + timedelta(hours=4))
    scheduler = make_scheduler()
    scheduler.check_now()
    assert scheduler.due_timer_ms == 30 * 60_000

    clock.advance(hours=3)  # the computer slept, or the clock was set forward
    with qtbot.waitSignal(scheduler.announced) as blocker:
        scheduler.check_now()  # what the once-a-minute safety check does on waking
    assert [r.id for r in blocker.args[0]] == [first, second, third]
    with qtbot.assertNotEmitted(scheduler.announced):
        scheduler.check_now()
    assert scheduler.due_timer_ms == 60 * 60_000  # the one at +4 h is next
    assert scheduler.counts == (3, 0)


def test_no_announcement_again_after_a_restart(make_scheduler, paths: AppPaths, ws, clock, anna):
    rid = ws.reminders.add(anna, clock.now - timedelta(minutes=1))
    assert announced_ids(make_scheduler()) == [rid]
    ws.close()

    reopened = Workspace.open(paths, clock, tz=UTC)
    try:
        restarted = make_scheduler(reopened)
        assert announced_ids(restarted) == []
        assert restarted.counts == (1, 0)  # still due, just not announced twice
    finally:
        reopened.close()


def test_a_snoozed_reminder_is_announced_again_when_the_snooze_ends(
    qtbot, make_scheduler, ws, clock, anna
):
    rid = ws.reminders.add(anna, clock.now)
    scheduler = make_scheduler()
    assert announced_ids(scheduler) == [rid]
    qtbot.waitUntil(lambda: scheduler.announcements_stored)
    ws.reminders.snooze([rid], clock.now + timedelta(hours=1))
    assert announced_ids(scheduler) == []
    assert scheduler.due_timer_ms == 3_600_000
    clock.advance(hours=1)
    assert announced_ids(scheduler) == [rid]


def test_a_change_to_the_reminders_rearms_without_waiting_for_the_minute(
    qtbot, make_scheduler, ws, clock, anna
):
    events = Events(ws)
    scheduler = make_scheduler(events=events)
    scheduler.check_now()
    assert scheduler.due_timer_ms is None
    ws.reminders.add(anna, clock.now + timedelta(minutes=2))
    # The check runs just after, once per burst of changes.
    events.touch(Changes(reminders=True))
    events.touch(Changes(candidate_list=True))
    qtbot.waitUntil(lambda: scheduler.due_timer_ms == 120_000, timeout=1000)


def test_overdue_counts_from_before_the_start_of_today(make_scheduler, ws, clock, anna):
    ws.reminders.add(anna, clock.now - timedelta(days=1), kind=ReminderKind.CHECK_IN)
    ws.reminders.add(anna, clock.now - timedelta(hours=1))
    ws.reminders.add(anna, clock.now + timedelta(hours=1))
    scheduler = make_scheduler()
    with_counts: list[tuple[int, int]] = []
    scheduler.counts_changed.connect(lambda due, overdue: with_counts.append((due, overdue)))
    scheduler.check_now()
    assert with_counts == [(2, 1)]


def test_a_stopped_scheduler_does_nothing(make_scheduler, ws, clock: TravelClock, anna):
    ws.reminders.add(anna, clock.now)
    scheduler = make_scheduler()
    scheduler.stop()
    assert scheduler.check_now() == []
    assert not scheduler.running


def test_a_member_crossing_the_cadence_gets_a_check_in_from_the_background_refresh(
    qtbot, make_scheduler, ws, clock, anna
):
    pool = ws.pools.create("Kraków Java")
    ws.pools.add_members(pool, [anna])
    ws.pools.set_cadence(pool, 30)
    events = Events(ws)
    scheduler = make_scheduler(events=events)
    assert scheduler.check_now() == []
    clock.advance(days=31)  # nothing changed in the database: only time passed
    # The refresh reports a change, which makes the scheduler look again and announce.
    with qtbot.waitSignal(scheduler.announced, timeout=10_000) as announced:
        assert scheduler.refresh_generated() is not None
    [due] = announced.args[0]
    assert (due.candidate_id, due.kind, due.reason) == (
        anna,
        ReminderKind.CHECK_IN,
        "No contact since joining pool Kraków Java 31 days ago",
    )
