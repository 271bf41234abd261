"""Pools with their stages and counts; reminders grouped by when they are due."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from talentdesk.core.db.enums import DEFAULT_STAGES, InteractionKind
from talentdesk.core.errors import ValidationError
from talentdesk.core.reads import ReadModel
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from tests.conftest import TravelClock
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)


def test_a_new_pool_has_the_default_stages(ws: Workspace) -> None:
    pool = ws.pools.create("  Berlin data  ")
    assert [s.name for s in ws.pools.stages(pool)] == list(DEFAULT_STAGES)
    assert ws.reads.pool_summaries()[0].name == "Berlin data"


def test_pool_names_are_unique_and_required(ws: Workspace) -> None:
    ws.pools.create("Kraków Java")
    with pytest.raises(ValidationError, match="already exists"):
        ws.pools.create("Kraków Java")
    with pytest.raises(ValidationError):
        ws.pools.create("   ")
    other = ws.pools.create("Other")
    with pytest.raises(ValidationError):
        ws.pools.rename(other, "Kraków Java")
    ws.pools.rename(other, "Wrocław .NET")
    assert [p.name for p in ws.reads.pool_summaries()] == ["Kraków Java", "Wrocław .NET"]


def test_membership_counts_stage_and_near_fit(ws: Workspace) -> None:
    ids = [ws.candidates.create(CandidateRecord(first_name=f"C{i}")) for i in range(3)]
    pool = ws.pools.create("Pool")
    assert ws.pools.add_members(pool, ids[:2]) == 2
    assert ws.pools.add_members(pool, ids) == 1  # two were already in
    assert ws.reads.pool_summaries()[0].members == 3
    offer = next(s for s in ws.pools.stages(pool) if s.name == "Offer")
    ws.pools.set_stage(pool, ids[0], offer.id)
    ws.pools.set_near_fit(pool, ids[0], True)
    (m,) = ws.pools.memberships(ids[0])
    assert (m.stage_name, m.near_fit) == ("Offer", True)
    ws.pools.remove_member(pool, ids[0])
    assert ws.pools.memberships(ids[0]) == []
    ws.pools.delete(pool)
    assert ws.reads.pool_summaries() == []
    assert ws.candidates.count() == 3  # the candidates stay


def test_a_near_fit_flag_and_a_generated_reminder_deleted_stamp_the_person(
    ws: Workspace, clock: TravelClock
) -> None:
    """Neither leaves a dated row of its own: they stamp `updated_at` (an import's undo reads
    it, core/imports/touched.py); a manual reminder deleted or a flag left as it was do not."""
    cid = ws.candidates.create(CandidateRecord(first_name="Ola"))
    pool = ws.pools.create("Pool")
    ws.pools.add_members(pool, [cid])

    def stamp() -> object:
        return ws.reader.execute("SELECT updated_at FROM candidate WHERE id = ?", [cid]).fetchone()

    clock.advance(days=40)
    ws.pools.set_cadence(pool, 30)  # a check-in: never contacted since joining
    manual = ws.reminders.add(cid, clock.now + timedelta(days=1), note="call back")
    before = stamp()
    ws.pools.set_near_fit(pool, cid, False)  # as it was: no change
    ws.reminders.delete(manual)
    assert stamp() == before
    clock.advance(minutes=1)
    ws.pools.set_near_fit(pool, cid, True)
    flagged = stamp()
    assert flagged != before
    [checkin] = ws.reader.execute(
        "SELECT id FROM reminder WHERE candidate_id = ? AND origin = 'cadence'", [cid]
    ).fetchall()
    clock.advance(minutes=1)
    ws.reminders.delete(checkin[0])
    assert stamp() not in (before, flagged)


def test_stage_of_another_pool_is_refused(ws: Workspace) -> None:
    cid = ws.candidates.create(CandidateRecord(first_name="A"))
    a, b = ws.pools.create("A"), ws.pools.create("B")
    with pytest.raises(ValidationError):
        ws.pools.add_members(a, [cid], ws.pools.stages(b)[0].id)


def test_last_contact_follows_interactions_but_not_notes(ws: Workspace) -> None:
    cid = ws.candidates.create(CandidateRecord(first_name="A"))
    t0 = ws.clock()
    ws.interactions.log(cid, InteractionKind.NOTE, t0, "memo")
    assert ws.candidates.get(cid).last_contact_at is None
    first = ws.interactions.log(cid, InteractionKind.CALL, t0 - timedelta(days=3), "call")
    later = ws.interactions.log(cid, InteractionKind.EMAIL_IN, t0 - timedelta(days=1), "reply")
    assert ws.candidates.get(cid).last_contact_at == t0 - timedelta(days=1)
    ws.interactions.delete(later)
    assert ws.candidates.get(cid).last_contact_at == t0 - timedelta(days=3)
    ws.interactions.delete(first)
    assert ws.candidates.get(cid).last_contact_at is None
    timeline = ws.interactions.timeline(cid)
    assert [e.subject for e in timeline] == ["memo"]


def test_an_empty_interaction_is_refused(ws: Workspace) -> None:
    cid = ws.candidates.create(CandidateRecord(first_name="A"))
    with pytest.raises(ValidationError):
        ws.interactions.log(cid, InteractionKind.CALL, subject="  ", body="")


def test_reminder_overview_groups_by_local_day(ws: Workspace, clock: TravelClock) -> None:
    cid = ws.candidates.create(CandidateRecord(first_name="Anna", last_name="Kowalska"))
    now = clock()
    overdue = ws.reminders.add(cid, now - timedelta(days=2), note="overdue")
    earlier_today = ws.reminders.add(cid, now - timedelta(minutes=5), note="just passed")
    today = ws.reminders.add(cid, now + timedelta(hours=3), note="today")
    week = ws.reminders.add(cid, now + timedelta(days=6), note="this week")
    ws.reminders.add(cid, now + timedelta(days=30), note="later")
    done = ws.reminders.add(cid, now - timedelta(days=1), note="done")
    ws.reminders.mark_done(done)
    groups = {g.key: g for g in ws.reads.reminder_overview()}
    assert [i.id for i in groups["overdue"].items] == [overdue, earlier_today]
    assert [i.id for i in groups["today"].items] == [today]
    assert [i.id for i in groups["week"].items] == [week]
    assert groups["overdue"].items[0].candidate_name == "Anna Kowalska"
    clock.advance(hours=4)
    groups = {g.key: g for g in ws.reads.reminder_overview()}
    assert groups["overdue"].total == 3 and groups["today"].total == 0
    with ws.db.engine.connect() as conn:
        stored = conn.execute(text("SELECT done_at FROM reminder WHERE id = :i"), {"i": done})
        assert stored.scalar_one() is not None


def test_today_ends_at_local_midnight(ws: Workspace) -> None:
    cid = ws.candidates.create(CandidateRecord(first_name="A"))
    # 23:00 UTC on the 25th is already the 26th in Warsaw (UTC+1 in November).
    warsaw = timezone(timedelta(hours=1))
    reads = ReadModel(ws.reader, lambda: datetime(2026, 11, 25, 20, tzinfo=UTC), warsaw)
    ws.reminders.add(cid, datetime(2026, 11, 25, 23, 30, tzinfo=UTC))
    groups = {g.key: g.total for g in reads.reminder_overview()}
    assert groups == {"overdue": 0, "today": 0, "week": 1}


def test_overview_limits_items_but_counts_all(ws: Workspace, clock: TravelClock) -> None:
    cid = ws.candidates.create(CandidateRecord(first_name="A"))
    for i in range(7):
        ws.reminders.add(cid, clock() - timedelta(hours=i + 1))
    groups = {g.key: g for g in ws.reads.reminder_overview(limit_per_group=5)}
    assert groups["overdue"].total == 7
    assert len(groups["overdue"].items) == 5
