"""Reminders TalentDesk writes itself: keep-in-touch check-ins, against a real SQLite file with
an injected clock (birthdays and feedback owed: test_generated_birthdays.py and
test_generated_feedback.py)."""

from __future__ import annotations

from datetime import UTC, date, timedelta

import pytest

from talentdesk.core.db.datetimes import from_db
from talentdesk.core.db.enums import CandidateStatus, InteractionKind, ReminderKind
from talentdesk.core.errors import ValidationError
from talentdesk.core.reminders.generated import RefreshSummary, refresh
from talentdesk.core.workspace import Workspace
from tests.conftest import START, TravelClock, written_outside
from tests.core.generated_reminder_helpers import (
    call,
    full_refresh,
    generated,
    open_generated,
    person,
    stage,
)
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)

# --------------------------------------------------------------------------- cadence


def test_cadence_check_in_is_made_once_and_a_contact_clears_it(
    ws: Workspace, clock: TravelClock
) -> None:
    anna = person(ws)
    pool = ws.pools.create("Kraków Java")
    ws.pools.add_members(pool, [anna])
    last_call = START - timedelta(days=92)
    call(ws, anna, last_call)
    assert generated(ws) == []  # no cadence yet

    ws.pools.set_cadence(pool, 30)
    (made,) = generated(ws)
    assert made["candidate_id"] == anna
    assert (made["origin"], made["kind"], made["pool_id"]) == ("cadence", "check_in", pool)
    assert made["reason"] == "No contact for 92 days in pool Kraków Java"
    assert from_db(made["due_at"]) == last_call + timedelta(days=30)

    for _ in range(3):  # the scheduler's safety check, again and again
        assert full_refresh(ws, clock) == RefreshSummary(0, 0, 0)
    clock.advance(days=5)
    assert full_refresh(ws, clock) == RefreshSummary(0, 0, 0)
    assert generated(ws) == [made]  # the reason keeps the days counted when it was made

    call(ws, anna, clock())
    assert generated(ws) == []  # cleared (deleted: nobody dealt with the check-in itself)

    clock.advance(days=29)
    assert full_refresh(ws, clock).created == 0
    clock.advance(days=1)
    assert full_refresh(ws, clock).created == 1
    (again,) = generated(ws)
    assert again["reason"] == "No contact for 30 days in pool Kraków Java"
    assert from_db(again["due_at"]) == clock()


def test_a_note_is_no_contact_and_a_backdated_contact_moves_the_check_in(
    ws: Workspace, clock: TravelClock
) -> None:
    anna = person(ws)
    pool = ws.pools.create("Pool")
    ws.pools.add_members(pool, [anna])
    call(ws, anna, START - timedelta(days=100))
    ws.pools.set_cadence(pool, 30)
    (first,) = generated(ws)

    call(ws, anna, START, kind=InteractionKind.NOTE)
    assert generated(ws) == [first]
    call(ws, anna, START - timedelta(days=40))  # remembered an older call: still out of touch
    (moved,) = generated(ws)
    assert moved["id"] == first["id"]
    assert from_db(moved["due_at"]) == START - timedelta(days=10)


def test_never_contacted_members_count_from_joining(ws: Workspace, clock: TravelClock) -> None:
    anna = person(ws)
    pool = ws.pools.create("Berlin data")
    ws.pools.set_cadence(pool, 30)
    ws.pools.add_members(pool, [anna])
    assert generated(ws) == []
    clock.advance(days=30)
    assert full_refresh(ws, clock) == RefreshSummary(1, 0, 0)
    (made,) = generated(ws)
    assert made["reason"] == "No contact since joining pool Berlin data 30 days ago"
    assert from_db(made["due_at"]) == START + timedelta(days=30)


def test_joining_late_and_leaving_the_pool(ws: Workspace, clock: TravelClock) -> None:
    anna, bartek = person(ws), person(ws, "Bartek")
    pool = ws.pools.create("Pool")
    other = ws.pools.create("Other")
    ws.pools.set_cadence(pool, 30)
    ws.pools.set_cadence(other, 60)
    call(ws, anna, START - timedelta(days=70))
    ws.pools.add_members(pool, [anna, bartek])
    ws.pools.add_members(other, [anna])
    assert [(r["candidate_id"], r["pool_id"]) for r in generated(ws)] == [
        (anna, pool),
        (anna, other),
    ]

    ws.pools.remove_member(pool, anna)
    assert [r["pool_id"] for r in generated(ws)] == [other]
    ws.pools.delete(other)  # the foreign key's cascade
    assert generated(ws) == []


def test_changing_the_cadence_re_evaluates(ws: Workspace, clock: TravelClock) -> None:
    anna = person(ws)
    pool = ws.pools.create("Pool")
    ws.pools.add_members(pool, [anna])
    last_call = START - timedelta(days=40)
    call(ws, anna, last_call)

    ws.pools.set_cadence(pool, 30)
    (made,) = generated(ws)
    ws.reminders.mark_notified([made["id"]], clock())
    ws.pools.set_cadence(pool, 20)
    (moved,) = generated(ws)
    assert moved["id"] == made["id"]
    assert from_db(moved["due_at"]) == last_call + timedelta(days=20)
    assert moved["notified_at"] is None  # a new due time is announced again
    ws.pools.set_cadence(pool, 60)
    assert generated(ws) == []
    ws.pools.set_cadence(pool, 35)
    assert len(generated(ws)) == 1
    ws.pools.set_cadence(pool, None)
    assert generated(ws) == []
    assert ws.pools.cadence(pool) is None
    with pytest.raises(ValidationError):
        ws.pools.set_cadence(pool, 0)


def test_completing_a_check_in_restarts_the_cadence(ws: Workspace, clock: TravelClock) -> None:
    anna = person(ws)
    pool = ws.pools.create("Pool")
    ws.pools.add_members(pool, [anna])
    call(ws, anna, START - timedelta(days=50))
    ws.pools.set_cadence(pool, 30)
    (made,) = generated(ws)
    ws.reminders.mark_done(made["id"])

    assert full_refresh(ws, clock) == RefreshSummary(0, 0, 0)
    clock.advance(days=30)
    assert full_refresh(ws, clock).created == 1
    done, again = generated(ws)
    assert done["id"] == made["id"] and done["done_at"] is not None
    assert from_db(again["due_at"]) == START + timedelta(days=30)
    assert again["reason"] == "No contact for 80 days in pool Pool"


def test_manual_reminders_and_do_not_contact_are_left_alone(
    ws: Workspace, clock: TravelClock
) -> None:
    anna = person(ws)
    dnc = person(ws, "Celina", status=CandidateStatus.DO_NOT_CONTACT, birthday=date(1990, 12, 1))
    manual = ws.reminders.add(anna, START - timedelta(days=3), ReminderKind.CHECK_IN, "Call")
    pool = ws.pools.create("Pool")
    ws.pools.add_members(pool, [anna, dnc])
    ws.pools.set_stage(pool, dnc, stage(ws, pool, "Declined"))
    ws.pools.set_cadence(pool, 1)
    clock.advance(days=2)
    full_refresh(ws, clock)
    assert [r["candidate_id"] for r in open_generated(ws)] == [anna]

    call(ws, anna, clock())
    ws.pools.remove_member(pool, anna)
    full_refresh(ws, clock)
    with written_outside(ws.paths.database) as conn:
        rows = conn.exec_driver_sql(
            "SELECT id, origin, due_at, done_at, reason FROM reminder WHERE origin = 'manual'"
        ).all()
    assert [(i, o, from_db(due), done, why) for i, o, due, done, why in rows] == [
        (manual, "manual", START - timedelta(days=3), None, None)
    ]


def test_a_refresh_can_be_narrowed(ws: Workspace, clock: TravelClock) -> None:
    anna = person(ws, birthday=date(1990, 12, 1))
    bartek = person(ws, "Bartek")
    pool = ws.pools.create("Pool")
    ws.pools.add_members(pool, [anna, bartek])
    with written_outside(ws.paths.database) as conn:  # a cadence set behind the services' back
        conn.exec_driver_sql("UPDATE pool SET cadence_days = 1")
    clock.advance(days=2)

    assert refresh(ws.db, clock(), UTC, candidate_ids=[]) == RefreshSummary(0, 0)
    assert refresh(ws.db, clock(), UTC, pool_ids=[pool]).created == 2  # no birthdays
    assert {r["origin"] for r in generated(ws)} == {"cadence"}
    assert refresh(ws.db, clock(), UTC, candidate_ids=[bartek]).created == 0
    assert refresh(ws.db, clock(), UTC, candidate_ids=[anna]).created == 1
    assert {(r["candidate_id"], r["origin"]) for r in generated(ws)} == {
        (anna, "cadence"),
        (bartek, "cadence"),
        (anna, "birthday"),
    }
