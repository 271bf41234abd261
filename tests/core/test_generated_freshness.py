"""`talentdesk due` refreshes the reminders TalentDesk writes itself only when the last full
refresh no longer holds (core/reminders/freshness.py); whatever makes new reminders due —
a change, or time passing — shows in its output. On both backends (a team database keeps its
stamp as the local file does: core/ops/server_stamps.py), an injected clock."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from talentdesk import cli_reminders
from talentdesk.core import settings
from talentdesk.core.db.datetimes import to_db
from talentdesk.core.ops import stamps
from talentdesk.core.reminders import freshness
from talentdesk.core.workspace import Workspace
from tests.conftest import TravelClock, written_outside
from tests.core.generated_reminder_helpers import call, full_refresh, person, stage
from tests.pg_fixtures import ws_on_both  # noqa: F401


def due(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> list[tuple[str, str]]:
    """What `talentdesk due --json` lists: (candidate, kind) of each reminder."""
    capsys.readouterr()
    assert cli_reminders.run_due(ws, argparse.Namespace(json=True)) == 0
    rows = json.loads(capsys.readouterr().out)["due"]
    return [(r["candidate"], r["kind"]) for r in rows]


def stamped(ws: Workspace) -> bool:
    return stamps.read(ws.reader, freshness.NAME) is not None


def _stored(ws: Workspace, when: datetime) -> object:
    """`when` as the database's time column takes it."""
    return when if ws.on_server else to_db(when)


def pool_with_cadence(ws: Workspace, days: int = 30) -> int:
    pool = ws.pools.create("Kraków Java")
    ws.pools.set_cadence(pool, days)
    return pool


def test_a_second_due_with_nothing_changed_needs_no_refresh(
    ws: Workspace, clock: TravelClock, capsys: pytest.CaptureFixture[str]
) -> None:
    anna = person(ws)
    ws.reminders.add(anna, clock() - timedelta(hours=1), note="Send the offer")
    assert not freshness.is_fresh(ws.reader, clock(), UTC)
    first = due(ws, capsys)
    assert first == [("Anna Kowalska", "follow_up")]
    assert freshness.is_fresh(ws.reader, clock(), UTC)
    clock.advance(minutes=5)
    assert freshness.is_fresh(ws.reader, clock(), UTC)
    assert due(ws, capsys) == first


def test_a_new_candidate_in_a_pool_with_a_cadence_shows_at_once(
    ws: Workspace, clock: TravelClock, capsys: pytest.CaptureFixture[str]
) -> None:
    pool = pool_with_cadence(ws)
    assert due(ws, capsys) == []
    assert stamped(ws)
    bartek = person(ws, "Bartek")
    assert not stamped(ws)  # any change clears the stamp
    call(ws, bartek, clock() - timedelta(days=45))
    ws.pools.add_members(pool, [bartek])
    assert due(ws, capsys) == [("Bartek Kowalska", "check_in")]


def test_a_logged_contact_clears_a_check_in(
    ws: Workspace, clock: TravelClock, capsys: pytest.CaptureFixture[str]
) -> None:
    pool = pool_with_cadence(ws)
    bartek = person(ws, "Bartek")
    call(ws, bartek, clock() - timedelta(days=45))
    ws.pools.add_members(pool, [bartek])
    assert due(ws, capsys) == [("Bartek Kowalska", "check_in")]
    call(ws, bartek, clock() - timedelta(minutes=1))
    assert due(ws, capsys) == []


def test_a_check_in_falling_due_later_the_same_day_shows_then(
    ws: Workspace, clock: TravelClock, capsys: pytest.CaptureFixture[str]
) -> None:
    pool = pool_with_cadence(ws)
    bartek = person(ws, "Bartek")
    call(ws, bartek, clock() - timedelta(days=30) + timedelta(hours=2))  # due at 11:30 today
    ws.pools.add_members(pool, [bartek])
    assert due(ws, capsys) == []
    assert freshness.is_fresh(ws.reader, clock(), UTC)
    clock.advance(hours=1, minutes=59)
    assert due(ws, capsys) == []
    clock.advance(minutes=2)
    assert not freshness.is_fresh(ws.reader, clock(), UTC)
    assert due(ws, capsys) == [("Bartek Kowalska", "check_in")]


def test_a_day_passing_makes_the_next_days_check_ins_due(
    ws: Workspace, clock: TravelClock, capsys: pytest.CaptureFixture[str]
) -> None:
    pool = pool_with_cadence(ws, 7)
    assert due(ws, capsys) == []
    ws.pools.add_members(pool, [person(ws, "Bartek")])  # joined now, never contacted
    assert due(ws, capsys) == []
    clock.advance(days=1)
    assert not freshness.is_fresh(ws.reader, clock(), UTC)  # a new day
    assert due(ws, capsys) == []
    clock.advance(days=6)
    assert due(ws, capsys) == [("Bartek Kowalska", "check_in")]


def test_interviewing_long_enough_makes_feedback_due(
    ws: Workspace, clock: TravelClock, capsys: pytest.CaptureFixture[str]
) -> None:
    pool = ws.pools.create("Designers")
    celina = person(ws, "Celina")
    ws.pools.add_members(pool, [celina], stage(ws, pool, "Interviewing"))
    clock.advance(days=13, hours=23)
    assert due(ws, capsys) == []
    clock.advance(hours=1)
    assert due(ws, capsys) == [("Celina Kowalska", "feedback_owed")]


def test_a_stamp_holds_until_consent_comes_within_its_renewal_notice(
    ws: Workspace, clock: TravelClock
) -> None:
    dorota = person(ws, "Dorota")
    ends = clock() + timedelta(days=30, hours=5)  # the notice (30 days) starts in five hours
    with written_outside(ws.paths.database) as conn:
        conn.execute(
            text(
                "INSERT INTO consent (candidate_id, status, legal_basis, source, created_at,"
                " expires_at) VALUES (:who, 'given', 'consent', 'form', :at, :ends)"
            ),
            {"who": dorota, "at": _stored(ws, clock()), "ends": _stored(ws, ends)},
        )
    if ws.on_server:  # read on the write connection, as the refresh reads it there
        until = ws.writer.run(
            lambda: freshness.valid_until(ws.writer.connection, clock(), UTC), label="bounds"
        )
    else:
        until = freshness.valid_until(ws.reader, clock(), UTC)
    assert until == ends - timedelta(days=30)


def test_the_stamp_lasts_at_most_until_the_next_local_day(
    ws: Workspace, clock: TravelClock
) -> None:
    full_refresh(ws, clock)
    assert freshness.is_fresh(ws.reader, clock(), UTC)
    midnight = datetime(2026, 11, 26, tzinfo=UTC)
    assert not freshness.is_fresh(ws.reader, midnight, UTC)
    assert freshness.is_fresh(ws.reader, midnight - timedelta(microseconds=1), UTC)
    assert not freshness.is_fresh(ws.reader, clock() - timedelta(seconds=1), UTC)  # clock back


def test_a_write_that_changes_nothing_keeps_the_stamp_and_a_change_clears_it(
    ws: Workspace, clock: TravelClock
) -> None:
    full_refresh(ws, clock)
    assert stamped(ws)
    ws.writer.run(lambda: None, label="nothing")
    full_refresh(ws, clock)  # nothing new to generate: the stamp stays as it was
    assert stamped(ws)
    ws.settings_store().set(settings.FEEDBACK_AFTER_INTERVIEW_DAYS, 7)  # decides what is owed
    assert not stamped(ws)


def test_noting_reminders_announced_keeps_the_stamp(ws: Workspace, clock: TravelClock) -> None:
    anna = person(ws)
    due_now = ws.reminders.add(anna, clock() - timedelta(minutes=1), note="Call")
    full_refresh(ws, clock)
    ws.reminders.mark_notified([due_now], clock())  # bookkeeping of the tray's announcement
    assert stamped(ws)
    assert freshness.is_fresh(ws.reader, clock(), UTC)


def test_a_completed_check_in_falls_due_again_a_cadence_later(
    ws: Workspace, clock: TravelClock, capsys: pytest.CaptureFixture[str]
) -> None:
    pool = pool_with_cadence(ws, 7)
    bartek = person(ws, "Bartek")
    call(ws, bartek, clock() - timedelta(days=20))
    ws.pools.add_members(pool, [bartek])
    (check_in,) = [r.id for r in ws.reminders.for_candidate(bartek) if r.done_at is None]
    ws.reminders.mark_done(check_in)  # dealt with now: the cadence restarts from here
    clock.advance(days=7, hours=-2)  # 07:30, a week on: due again at 09:30
    assert due(ws, capsys) == []
    assert freshness.is_fresh(ws.reader, clock(), UTC)
    clock.advance(hours=2, minutes=1)
    assert due(ws, capsys) == [("Bartek Kowalska", "check_in")]
