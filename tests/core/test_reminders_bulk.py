"""Completing, completing-and-logging and snoozing many reminders at once, and undoing each:
one operation, a summary, and an undo that leaves the database exactly as it was. On a real
database with an injected clock (the user's zone is UTC here)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from talentdesk.core.db.enums import InteractionKind, ReminderKind
from talentdesk.core.errors import ValidationError
from talentdesk.core.records import CandidateRecord
from talentdesk.core.reminders.snooze import SnoozePreset, snooze_until
from talentdesk.core.workspace import Workspace
from tests.conftest import START, TravelClock


def person(ws: Workspace, first: str) -> int:
    return ws.candidates.create(CandidateRecord(first_name=first, last_name="Nowak"))


def rows(ws: Workspace, sql: str) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in ws.reader.execute(sql)]


def everything(ws: Workspace) -> dict[str, list[tuple[Any, ...]]]:
    """What a bulk action and its undo may touch, whole rows."""
    return {
        "reminder": rows(ws, "SELECT * FROM reminder ORDER BY id"),
        "interaction": rows(ws, "SELECT * FROM interaction ORDER BY id"),
        "last_contact": rows(ws, "SELECT id, last_contact_at FROM candidate ORDER BY id"),
    }


def open_ids(ws: Workspace) -> list[int]:
    return [r[0] for r in rows(ws, "SELECT id FROM reminder WHERE done_at IS NULL ORDER BY id")]


def generated(ws: Workspace) -> list[tuple[Any, ...]]:
    return rows(
        ws,
        "SELECT id, candidate_id, origin FROM reminder"
        " WHERE origin != 'manual' AND done_at IS NULL ORDER BY id",
    )


@pytest.fixture
def people(ws: Workspace, clock: TravelClock) -> dict[str, int]:
    """Anna, last called 92 days ago in a pool with a 30-day cadence (so she has a check-in
    TalentDesk made); Bartek, never contacted; Celina, moved to "Not a fit" (owed feedback)."""
    ids = {name: person(ws, name) for name in ("Anna", "Bartek", "Celina")}
    pool = ws.pools.create("Kraków Java")
    ws.pools.add_members(pool, [ids["Anna"], ids["Celina"]])
    ws.interactions.log(ids["Anna"], InteractionKind.CALL, START - timedelta(days=92), "Call")
    ws.pools.set_cadence(pool, 30)
    not_a_fit = next(s.id for s in ws.pools.stages(pool) if s.name == "Not a fit")
    ws.pools.set_stage(pool, ids["Celina"], not_a_fit)
    ids["pool"] = pool
    return ids


def test_complete_many_skips_what_is_done_or_gone_and_undo_reopens(
    ws: Workspace, clock: TravelClock, people: dict[str, int]
) -> None:
    a = ws.reminders.add(people["Anna"], START - timedelta(hours=1), note="Send the brief")
    b = ws.reminders.add(people["Bartek"], START + timedelta(days=2), note="Call back")
    c = ws.reminders.add(people["Celina"], START - timedelta(days=3))
    ws.reminders.snooze([b], START + timedelta(days=3))
    done = ws.reminders.add(people["Bartek"], START)
    ws.reminders.complete(done)
    gone = ws.reminders.add(people["Bartek"], START)
    ws.reminders.delete(gone)
    check_in = generated(ws)[0][0]  # Anna's, made by TalentDesk
    clock.advance(minutes=5)
    before = everything(ws)

    outcome = ws.reminders.complete_many([a, b, c, check_in, done, gone])

    assert outcome.summary == "Completed 4 reminders. 2 were done or deleted already."
    assert (outcome.changed, outcome.skipped) == (4, 2)
    for rid in (a, b, c, check_in):
        assert ws.reminders.get(rid).done_at == clock()
    assert ws.interactions.timeline(people["Anna"])[0].subject == "Call"  # nothing logged

    assert outcome.undo is not None
    undone = ws.reminders.undo_bulk(outcome.undo)
    assert undone.summary == "Reopened 4 reminders."
    assert everything(ws) == before


def test_complete_and_log_many_logs_each_settles_and_undo_puts_everything_back(
    ws: Workspace, clock: TravelClock, people: dict[str, int]
) -> None:
    anna, bartek, celina = people["Anna"], people["Bartek"], people["Celina"]
    weekly = ws.reminders.add(
        anna, START - timedelta(days=1), note="Weekly", recurrence="FREQ=WEEKLY"
    )
    once = ws.reminders.add(bartek, START - timedelta(hours=2), ReminderKind.CHECK_IN)
    owed = next(r[0] for r in generated(ws) if r[1] == celina)
    check_in = next(r[0] for r in generated(ws) if r[1] == anna)
    clock.advance(minutes=5)
    now = clock()
    before = everything(ws)

    outcome = ws.reminders.complete_many(
        [weekly, once, owed], InteractionKind.CALL, "Called — left a voicemail"
    )

    assert outcome.summary == (
        "Completed 3 reminders and logged “Call” for each. 1 repeating one is scheduled again."
    )
    for cid in (anna, bartek, celina):  # one call each, and last contact moved
        entry = ws.interactions.timeline(cid)[0]
        assert (entry.kind, entry.subject, entry.occurred_at) == (
            InteractionKind.CALL,
            "Called — left a voicemail",
            now,
        )
    assert rows(ws, "SELECT last_contact_at IS NOT NULL FROM candidate") == [(1,), (1,), (1,)]
    # Anna's check-in is settled by the call, Celina's feedback is done (a call is no
    # feedback, but the reminder was done by hand), and the weekly one comes back next week.
    assert check_in not in open_ids(ws)
    (nxt,) = [r for r in open_ids(ws) if r not in (check_in, owed)]
    assert ws.reminders.get(nxt).due_at == START - timedelta(days=1) + timedelta(weeks=1)
    assert ws.reminders.get(nxt).recurrence == "FREQ=WEEKLY"

    assert outcome.undo is not None
    undone = ws.reminders.undo_bulk(outcome.undo)
    assert undone.summary == "Reopened 3 reminders and removed 3 logged interactions."
    assert everything(ws) == before  # the check-in back with its id, last contact as it was

    again = ws.reminders.complete_many([weekly, once, owed], InteractionKind.CALL)  # Redo
    assert again.changed == 3
    assert [e.subject for e in ws.interactions.timeline(bartek)] == ["Check in"]


def test_one_reminder_reads_as_before(ws: Workspace, clock: TravelClock) -> None:
    anna = person(ws, "Anna")
    plain = ws.reminders.add(anna, START)
    monthly = ws.reminders.add(anna, START, recurrence="FREQ=MONTHLY")
    assert ws.reminders.complete_many([plain]).summary == "Marked done."
    logged = ws.reminders.complete_many([monthly], InteractionKind.MEETING)
    assert logged.summary == "Marked done and logged. Next: 25 Dec 2026 09:30"
    assert ws.reminders.complete_many([plain]).summary == (
        "That reminder is done or deleted already."
    )


def test_undo_skips_reminders_deleted_meanwhile_and_keeps_a_later_contact(
    ws: Workspace, clock: TravelClock
) -> None:
    anna, bartek = person(ws, "Anna"), person(ws, "Bartek")
    a = ws.reminders.add(anna, START)
    b = ws.reminders.add(bartek, START)
    outcome = ws.reminders.complete_many([a, b], InteractionKind.EMAIL_OUT)
    ws.reminders.delete(b)
    clock.advance(hours=1)
    ws.interactions.log(anna, InteractionKind.MEETING, clock(), "Coffee")

    assert outcome.undo is not None
    undone = ws.reminders.undo_bulk(outcome.undo)

    assert undone.summary == (
        "Reopened 1 reminder and removed 2 logged interactions. 1 was deleted meanwhile."
    )
    assert open_ids(ws) == [a]
    assert [e.subject for e in ws.interactions.timeline(anna)] == ["Coffee"]
    assert rows(ws, "SELECT last_contact_at IS NOT NULL FROM candidate ORDER BY id") == [
        (1,),  # the coffee, logged after the bulk action
        (0,),  # Bartek had never been contacted
    ]


def test_snooze_many_until_a_preset_keeps_later_ones_and_undo_restores(
    ws: Workspace, clock: TravelClock
) -> None:
    anna, bartek = person(ws, "Anna"), person(ws, "Bartek")
    overdue = ws.reminders.add(anna, START - timedelta(days=2))
    today = ws.reminders.add(bartek, START + timedelta(hours=2))
    snoozed = ws.reminders.add(bartek, START - timedelta(days=1))
    ws.reminders.snooze([snoozed], START + timedelta(hours=1))
    ws.reminders.mark_notified([overdue], START)
    next_month = ws.reminders.add(anna, START + timedelta(days=30))
    finished = ws.reminders.add(anna, START)
    ws.reminders.complete(finished)
    before = everything(ws)
    until = snooze_until(SnoozePreset.NEXT_MONDAY, clock(), UTC)
    assert until == datetime(2026, 11, 30, 9, tzinfo=UTC)

    outcome = ws.reminders.snooze_many([overdue, today, snoozed, next_month, finished], until)

    assert outcome.summary == (
        "Snoozed 3 reminders until Mon 09:00. 1 reminder already due later was kept."
        " 1 was done or deleted already."
    )
    for rid in (overdue, today, snoozed):
        detail = ws.reminders.get(rid)
        assert detail.snoozed_until == until
    assert rows(ws, f"SELECT notified_at FROM reminder WHERE id = {overdue}") == [(None,)]
    assert ws.reminders.get(next_month).snoozed_until is None

    assert outcome.undo is not None
    assert ws.reminders.undo_bulk(outcome.undo).summary == "Snooze undone for 3 reminders."
    assert everything(ws) == before

    with pytest.raises(ValidationError):
        ws.reminders.snooze_many([overdue], clock() - timedelta(minutes=1))


def test_undoing_a_check_in_done_after_a_new_one_was_made_keeps_one_open(
    ws: Workspace, clock: TravelClock, people: dict[str, int]
) -> None:
    check_in = next(r[0] for r in generated(ws) if r[1] == people["Anna"])
    outcome = ws.reminders.complete_many([check_in])
    # Meanwhile a check-in for the same pool is open again (the cadence was changed).
    ws.pools.set_cadence(people["pool"], None)
    ws.pools.set_cadence(people["pool"], 30)
    clock.advance(days=40)
    ws.refresh_generated_reminders()
    assert [r[1:] for r in generated(ws)].count((people["Anna"], "cadence")) == 1

    assert outcome.undo is not None
    ws.reminders.undo_bulk(outcome.undo)
    anna_check_ins = [r[0] for r in generated(ws) if r[1:] == (people["Anna"], "cadence")]
    assert anna_check_ins == [check_in]


def test_undo_after_the_pool_was_deleted_leaves_its_check_in_out(
    ws: Workspace, clock: TravelClock, people: dict[str, int]
) -> None:
    anna = people["Anna"]
    call = ws.reminders.add(anna, START - timedelta(hours=1), note="Call back")
    assert [r[1:] for r in generated(ws)].count((anna, "cadence")) == 1
    outcome = ws.reminders.complete_many([call], InteractionKind.CALL)
    assert [r[1:] for r in generated(ws)].count((anna, "cadence")) == 0  # settled by the call
    ws.pools.delete(people["pool"])

    assert outcome.undo is not None
    assert ws.reminders.undo_bulk(outcome.undo).summary == (
        "Reopened 1 reminder and removed 1 logged interaction."
    )
    assert open_ids(ws) == [call]
    assert ws.interactions.timeline(anna)[0].subject == "Call"  # the one before, 92 days ago
