"""Reminders: edit, snooze, complete with a log, repeat on the local wall clock, and what the
notifier asks — with an injected clock, on a real database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from talentdesk.core.db.enums import InteractionKind, ReminderKind
from talentdesk.core.errors import ValidationError
from talentdesk.core.records import CandidateRecord
from talentdesk.core.services.reminders import ReminderService
from talentdesk.core.workspace import Workspace
from tests.conftest import TravelClock
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)

WARSAW = ZoneInfo("Europe/Warsaw")


@pytest.fixture
def anna(ws: Workspace) -> int:
    return ws.candidates.create(CandidateRecord(first_name="Anna", last_name="Kowalska"))


@pytest.fixture
def warsaw(ws: Workspace, clock: TravelClock) -> ReminderService:
    return ReminderService(ws.db.sessions, clock, WARSAW)


def test_a_monthly_reminder_stays_at_nine_local_across_the_clock_change(
    warsaw: ReminderService, anna: int, clock: TravelClock
) -> None:
    first = datetime(2026, 3, 10, 9, tzinfo=WARSAW).astimezone(UTC)  # 08:00 UTC in winter
    clock.now = first
    rid = warsaw.add(anna, first, ReminderKind.CHECK_IN, "Monthly call", "FREQ=MONTHLY")
    nxt = warsaw.complete(rid)
    assert nxt is not None
    following = warsaw.get(nxt)
    assert following.due_at == datetime(2026, 4, 10, 7, tzinfo=UTC)  # 09:00 summer time
    assert following.due_at.astimezone(WARSAW).hour == 9
    assert (following.kind, following.note, following.recurrence) == (
        ReminderKind.CHECK_IN,
        "Monthly call",
        "FREQ=MONTHLY",
    )
    assert warsaw.get(rid).done_at == first


def test_completing_late_skips_the_missed_occurrences_and_counts_them(
    warsaw: ReminderService, anna: int, clock: TravelClock
) -> None:
    first = datetime(2026, 1, 5, 9, tzinfo=WARSAW).astimezone(UTC)
    rid = warsaw.add(anna, first, recurrence="FREQ=WEEKLY;COUNT=4")
    clock.now = first + timedelta(days=15)  # two weekly occurrences missed
    nxt = warsaw.complete(rid)
    assert nxt is not None
    later = warsaw.get(nxt)
    assert later.due_at.astimezone(WARSAW) == datetime(2026, 1, 26, 9, tzinfo=WARSAW)
    assert later.recurrence == "FREQ=WEEKLY;COUNT=1"  # the 4th and last
    clock.now = later.due_at
    assert warsaw.complete(nxt) is None  # the series has ended


def test_completing_can_log_what_happened_in_the_same_step(
    ws: Workspace, anna: int, clock: TravelClock
) -> None:
    rid = ws.reminders.add(anna, clock.now, note="Call about the Kraków role")
    ws.reminders.complete(rid, InteractionKind.CALL, "Called — left a voicemail")
    [entry] = ws.interactions.timeline(anna)
    assert (entry.kind, entry.subject, entry.occurred_at) == (
        InteractionKind.CALL,
        "Called — left a voicemail",
        clock.now,
    )
    assert ws.candidates.get(anna).last_contact_at == clock.now
    assert ws.reminders.get(rid).done_at == clock.now


def test_a_malformed_rule_is_refused_with_the_reason(ws: Workspace, anna: int) -> None:
    with pytest.raises(ValidationError) as caught:
        ws.reminders.add(anna, datetime(2026, 12, 1, tzinfo=UTC), recurrence="FREQ=HOURLY")
    assert "recurrence" in caught.value.errors


def test_the_notifier_sees_each_due_reminder_once_and_a_snoozed_one_again(
    ws: Workspace, anna: int, clock: TravelClock
) -> None:
    service = ws.reminders
    soon = service.add(anna, clock.now + timedelta(minutes=30), note="Send the offer")
    later = service.add(anna, clock.now + timedelta(hours=5), note="Ask for feedback")
    assert service.due_unannounced(clock.now) == []
    assert service.next_due_after(clock.now) == clock.now + timedelta(minutes=30)

    clock.advance(minutes=31)
    due = service.due_unannounced(clock.now)
    assert [(d.id, d.candidate_name, d.what) for d in due] == [
        (soon, "Anna Kowalska", "Send the offer")
    ]
    service.mark_notified([soon], clock.now)
    assert service.due_unannounced(clock.now) == []  # also after a restart: it is stored
    assert service.next_due_after(clock.now) == clock.now - timedelta(minutes=31) + timedelta(
        hours=5
    )
    assert service.due_counts(clock.now, clock.now - timedelta(hours=1)) == (1, 0)

    until = clock.now + timedelta(hours=1)
    assert service.snooze([soon], until) == 1
    assert service.due_now(clock.now) == []
    assert service.next_due_after(clock.now) == until
    clock.now = until
    assert [d.id for d in service.due_unannounced(clock.now)] == [soon]
    assert later not in [d.id for d in service.due_now(clock.now)]


def test_snoozing_into_the_past_is_refused(ws: Workspace, anna: int, clock: TravelClock) -> None:
    rid = ws.reminders.add(anna, clock.now)
    with pytest.raises(ValidationError):
        ws.reminders.snooze([rid], clock.now - timedelta(minutes=1))


def test_editing_the_due_time_ends_a_snooze_and_announces_again(
    ws: Workspace, anna: int, clock: TravelClock
) -> None:
    rid = ws.reminders.add(anna, clock.now, note="Call")
    ws.reminders.mark_notified([rid], clock.now)
    ws.reminders.snooze([rid], clock.now + timedelta(days=1))
    new_due = clock.now + timedelta(hours=2)
    ws.reminders.update(rid, new_due, ReminderKind.FEEDBACK_OWED, " Tell her ", None)
    detail = ws.reminders.get(rid)
    assert (detail.due_at, detail.snoozed_until, detail.kind, detail.note) == (
        new_due,
        None,
        ReminderKind.FEEDBACK_OWED,
        "Tell her",
    )
    clock.now = new_due
    assert [d.id for d in ws.reminders.due_unannounced(clock.now)] == [rid]


def test_done_and_logged_clears_the_other_pools_check_in_too(
    ws: Workspace, anna: int, clock: TravelClock
) -> None:
    java = ws.pools.create("Kraków Java")
    data = ws.pools.create("Berlin data")
    ws.pools.add_members(java, [anna])
    ws.pools.add_members(data, [anna])
    ws.pools.set_cadence(java, 30)
    ws.pools.set_cadence(data, 30)
    clock.advance(days=40)
    ws.pools.set_cadence(java, 30)  # re-evaluated now: both pools owe a check-in
    ws.pools.set_cadence(data, 30)
    check_ins = [r for r in ws.reminders.for_candidate(anna) if r.done_at is None]
    assert len(check_ins) == 2
    ws.reminders.complete(check_ins[0].id, InteractionKind.CALL, "Caught up")
    assert [r for r in ws.reminders.for_candidate(anna) if r.done_at is None] == []


def test_moving_a_generated_reminder_is_kept_as_a_snooze(
    ws: Workspace, anna: int, clock: TravelClock
) -> None:
    pool = ws.pools.create("Kraków Java")
    ws.pools.add_members(pool, [anna])
    clock.advance(days=40)
    ws.pools.set_cadence(pool, 30)
    [check_in] = [r for r in ws.reminders.for_candidate(anna) if r.done_at is None]
    detail = ws.reminders.get(check_in.id)
    later = clock.now + timedelta(days=3)
    ws.reminders.update(check_in.id, later, detail.kind, "Call after her holiday", None)
    moved = ws.reminders.get(check_in.id)
    assert (moved.due_at, moved.snoozed_until, moved.note) == (
        detail.due_at,
        later,
        "Call after her holiday",
    )
    ws.pools.set_cadence(pool, 30)  # TalentDesk re-judging it keeps the recruiter's time
    assert ws.reminders.get(check_in.id).effective_due_at == later
