"""Bulk status, touchpoints and reminders: as the single edits do, and an exact undo."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from talentdesk.core.db.enums import CandidateStatus, InteractionKind, ReminderKind
from talentdesk.core.errors import ValidationError
from talentdesk.core.workspace import Workspace
from tests.conftest import TravelClock
from tests.core.bulk_helpers import deleted_one, people, rows, state
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)


def open_reminders(ws: Workspace) -> list[tuple[object, ...]]:
    return [r for r in rows(ws.paths.database, "reminder") if r[5] is None]  # done_at


def test_do_not_contact_drops_kept_reminders_like_a_single_edit(
    ws: Workspace, clock: TravelClock
) -> None:
    soon = clock().date() + timedelta(days=15)  # still ahead after 11 days
    ids = people(ws, 3, birthday=date(1990, soon.month, soon.day))
    pool = ws.pools.create("Backend")
    ws.pools.add_members(pool, ids)
    ws.pools.set_cadence(pool, 10)
    clock.advance(days=11)
    ws.refresh_generated_reminders()
    ws.reminders.add(ids[0], clock() + timedelta(days=1), note="call back")
    assert len(open_reminders(ws)) == 7  # a birthday and a check-in each, and a manual one
    before = state(ws.paths.database)

    result = ws.bulk.set_status([*ids, deleted_one(ws)], CandidateStatus.DO_NOT_CONTACT)
    assert result.summary == ("Set 3 candidates to Do not contact · Skipped 1 deleted meanwhile")
    assert {ws.candidates.get(i).status for i in ids} == {CandidateStatus.DO_NOT_CONTACT}
    assert [r[3] for r in open_reminders(ws)] == ["call back"]  # the manual one stays
    assert ws.candidates.get(ids[0]).updated_at == clock()

    ws.bulk.undo(result.undo)
    assert state(ws.paths.database) == before  # statuses and the very same reminders


def test_status_already_set_is_counted(ws: Workspace) -> None:
    ids = people(ws, 2)
    result = ws.bulk.set_status(ids, CandidateStatus.PASSIVE)
    assert result.summary == "Set 0 candidates to Passive · 2 had it already"


def test_touchpoint_for_each_moves_last_contact_and_settles_check_ins(
    ws: Workspace, clock: TravelClock
) -> None:
    ids = people(ws, 3)
    pool = ws.pools.create("Backend")
    ws.pools.add_members(pool, ids)
    ws.pools.set_cadence(pool, 10)
    clock.advance(days=11)
    ws.refresh_generated_reminders()
    assert len(open_reminders(ws)) == 3
    before = state(ws.paths.database)
    when = clock() - timedelta(hours=2)

    result = ws.bulk.log_touchpoint(
        [*ids, deleted_one(ws)], InteractionKind.CALL, when, " Catch-up ", "all fine"
    )
    assert result.summary == "Logged call for 3 candidates · Skipped 1 deleted meanwhile"
    assert {ws.candidates.get(i).last_contact_at for i in ids} == {when}
    timeline = ws.interactions.timeline(ids[1])
    assert [(t.kind, t.subject, t.body, t.occurred_at) for t in timeline] == [
        (InteractionKind.CALL, "Catch-up", "all fine", when)
    ]
    assert open_reminders(ws) == []  # the check-ins are settled, as by one logged call

    ws.bulk.undo(result.undo)
    assert state(ws.paths.database) == before
    assert ws.candidates.get(ids[0]).last_contact_at is None


def test_a_touchpoint_needs_a_subject_or_text(ws: Workspace) -> None:
    with pytest.raises(ValidationError):
        ws.bulk.log_touchpoint(people(ws, 1), InteractionKind.CALL, None, "  ", "")


def test_a_reminder_for_each_and_undo(ws: Workspace, clock: TravelClock) -> None:
    ids = people(ws, 3)
    before = state(ws.paths.database)
    due = clock() + timedelta(days=3)
    result = ws.bulk.add_reminder(
        [*ids, deleted_one(ws)], due, ReminderKind.CHECK_IN, " ask about Q1 "
    )
    assert result.summary == "Added a reminder for 3 candidates · Skipped 1 deleted meanwhile"
    for cid in ids:
        (item,) = ws.reminders.for_candidate(cid)
        assert (item.due_at, item.note) == (due, "ask about Q1")
    ws.bulk.undo(result.undo)
    assert state(ws.paths.database) == before


def test_undo_leaves_out_people_deleted_since(ws: Workspace) -> None:
    ids = people(ws, 3)
    pool = ws.pools.create("Backend")
    ws.pools.add_members(pool, ids)
    result = ws.bulk.remove_from_pool(ids, pool)
    ws.candidates.delete(ids[:1])
    undone = ws.bulk.undo(result.undo)
    assert undone.lost == 1
    assert undone.summary.endswith("· 1 could not come back (deleted meanwhile)")
    assert len(rows(ws.paths.database, "pool_membership")) == 2
