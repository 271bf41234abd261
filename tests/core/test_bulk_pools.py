"""Bulk pool actions: join, leave, move stage, near-fit; reminders re-judged; exact undo."""

from __future__ import annotations

import pytest

from talentdesk.core.errors import ValidationError
from talentdesk.core.workspace import Workspace
from tests.conftest import TravelClock
from tests.core.bulk_helpers import deleted_one, people, rows, state
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)


def stage(ws: Workspace, pool: int, name: str) -> int:
    return next(s.id for s in ws.pools.stages(pool) if s.name == name)


def test_add_to_pool_joins_those_not_in_it_and_undo_takes_them_out(
    ws: Workspace, clock: TravelClock
) -> None:
    ids = people(ws, 4)
    pool = ws.pools.create("Backend")
    ws.pools.add_members(pool, ids[:1])
    gone = deleted_one(ws)
    before = state(ws.paths.database)
    clock.advance(days=1)
    result = ws.bulk.add_to_pool([*ids, gone], pool, stage(ws, pool, "Engaged"))
    assert result.summary == (
        "Added 3 candidates to Backend at Engaged · 1 were in it already"
        " · Skipped 1 deleted meanwhile"
    )
    joined = {m.pool_name: m for m in ws.pools.memberships(ids[1])}["Backend"]
    assert (joined.stage_name, joined.added_at) == ("Engaged", clock())
    assert ws.pools.memberships(ids[0])[0].stage_name == "Sourced"  # left as it was
    ws.bulk.undo(result.undo)
    assert state(ws.paths.database) == before


def test_remove_from_pool_and_undo_restores_the_rows_exactly(
    ws: Workspace, clock: TravelClock
) -> None:
    ids = people(ws, 3)
    pool = ws.pools.create("Backend")
    ws.pools.add_members(pool, ids, stage(ws, pool, "Interviewing"))
    clock.advance(days=3)
    ws.pools.set_stage(pool, ids[0], stage(ws, pool, "Offer"))
    ws.pools.set_near_fit(pool, ids[1], True)
    ws.pools.set_cadence(pool, 10)
    clock.advance(days=20)
    ws.refresh_generated_reminders()
    assert rows(ws.paths.database, "reminder")  # check-ins and feedback owed
    before = state(ws.paths.database)
    result = ws.bulk.remove_from_pool([*ids, people(ws, 1)[0]], pool)
    assert result.summary == "Removed 3 candidates from Backend · 1 were not in it"
    assert rows(ws.paths.database, "pool_membership") == []
    assert rows(ws.paths.database, "reminder") == []  # they left: no check-ins for that pool
    ws.bulk.undo(result.undo)
    after = state(ws.paths.database)
    after["candidate"] = [r for r in after["candidate"] if r[0] in ids]
    before["candidate"] = [r for r in before["candidate"] if r[0] in ids]
    if "candidate_fts" in after:  # a team database's search rows: the same people
        after["candidate_fts"] = [r for r in after["candidate_fts"] if r[0] in ids]
    assert after == before  # stage, near-fit, joined, stage change and the very reminders


def test_move_to_stage_moves_members_only_and_notes_when(ws: Workspace, clock: TravelClock) -> None:
    ids = people(ws, 4)
    pool = ws.pools.create("Backend")
    offer = stage(ws, pool, "Offer")
    ws.pools.add_members(pool, ids[:3])
    ws.pools.set_stage(pool, ids[2], offer)
    clock.advance(days=2)
    before = state(ws.paths.database)
    result = ws.bulk.move_to_stage(ids, pool, offer)
    assert result.summary == (
        "Moved 2 candidates to Offer in Backend · 1 were there already · 1 not in the pool"
    )
    moved = [r for r in rows(ws.paths.database, "pool_membership") if r[1] == ids[0]]
    assert moved[0][3] == offer
    assert moved[0][6] is not None and str(moved[0][6]).startswith(clock().strftime("%Y-%m-%d"))
    ws.bulk.undo(result.undo)
    assert state(ws.paths.database) == before


def test_moving_to_a_not_hired_stage_owes_feedback_and_undo_takes_it_back(
    ws: Workspace,
) -> None:
    ids = people(ws, 2)
    pool = ws.pools.create("Backend")
    ws.pools.add_members(pool, ids)
    before = state(ws.paths.database)
    result = ws.bulk.move_to_stage(ids, pool, stage(ws, pool, "Not a fit"))
    owed = rows(ws.paths.database, "reminder")
    assert len(owed) == 2  # as a single move does
    ws.bulk.undo(result.undo)
    assert state(ws.paths.database) == before


def test_near_fit_set_and_clear(ws: Workspace) -> None:
    ids = people(ws, 3)
    pool = ws.pools.create("Backend")
    ws.pools.add_members(pool, ids[:2])
    before = state(ws.paths.database)
    result = ws.bulk.set_near_fit(ids, pool, True)
    assert result.summary == "Marked 2 candidates near-fit in Backend · 1 not in the pool"
    assert all(m.near_fit for i in ids[:2] for m in ws.pools.memberships(i))
    cleared = ws.bulk.set_near_fit(ids[:1], pool, False)
    assert cleared.summary == "Cleared near-fit of 1 candidate in Backend"
    ws.bulk.undo(cleared.undo)
    ws.bulk.undo(result.undo)
    assert state(ws.paths.database) == before


def test_a_stage_of_another_pool_or_a_missing_pool_is_refused(ws: Workspace) -> None:
    ids = people(ws, 1)
    a, b = ws.pools.create("A"), ws.pools.create("B")
    with pytest.raises(ValidationError):
        ws.bulk.move_to_stage(ids, a, stage(ws, b, "Offer"))
    with pytest.raises(Exception, match="no longer exists"):
        ws.bulk.add_to_pool(ids, 999)
