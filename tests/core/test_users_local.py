"""Who did what on a local file: "My candidates", and the reminders overview of one's own
(the reader's raw SQL), once a file holds more than its one user."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from tests.conftest import TravelClock, written_outside


def _bobs(ws: Workspace, table: str, ids: list[int]) -> None:
    bob = ws.users.find_or_add("Bob")
    with written_outside(ws.paths.database) as connection:
        for i in ids:
            connection.execute(
                text(f"UPDATE {table} SET owner_id = :bob WHERE id = :id"), {"bob": bob, "id": i}
            )


def test_my_candidates_and_everyones(ws: Workspace) -> None:
    ola = ws.candidates.create(CandidateRecord(first_name="Ola", last_name="Nowak"))
    ewa = ws.candidates.create(CandidateRecord(first_name="Ewa", last_name="Nowak"))
    _bobs(ws, "candidate", [ewa])
    assert ws.listing.ids(ListQuery(mine=True)) == [ola]
    assert ws.listing.ids(ListQuery(mine=True, search="nowak")) == [ola]
    assert ws.listing.count(ListQuery(mine=True, search="nowak")) == 1
    assert ws.listing.ids(ListQuery(search="nowak")) == [ewa, ola]
    assert ws.users.owned([ewa, ola]) == [ola]
    assert ws.users.owned_counts() == {ws.users.current_id: 1, ws.users.find_or_add("Bob"): 1}


def test_the_overview_and_due_list_hold_ones_own_and_nobodys(
    ws: Workspace, clock: TravelClock
) -> None:
    cid = ws.candidates.create(CandidateRecord(first_name="Ola", last_name="Nowak"))
    due = clock() - timedelta(hours=1)
    mine = ws.reminders.add(cid, due, note="mine")
    bobs = ws.reminders.add(cid, due, note="Bob's")
    _bobs(ws, "reminder", [bobs])
    overdue = {g.key: g for g in ws.reads.reminder_overview()}["overdue"]
    assert [r.id for r in overdue.items] == [mine] and overdue.total == 1
    assert ws.reads.due_counts(clock(), clock() - timedelta(days=1)) == (1, 0)
    assert [row[0] for row in ws.reads.due_rows(clock() + timedelta(days=1))] == [mine]
    assert [r.id for r in ws.reads.open_reminders(clock() + timedelta(days=1))] == [mine]


def test_mine_in_the_search_box_and_a_saved_list(ws: Workspace) -> None:
    from talentdesk.core.lists.describe import describe
    from talentdesk.core.lists.filters import Filter
    from talentdesk.core.lists.syntax import parse, to_text

    ola = ws.candidates.create(CandidateRecord(first_name="Ola", last_name="Nowak"))
    ewa = ws.candidates.create(CandidateRecord(first_name="Ewa", last_name="Nowak"))
    _bobs(ws, "candidate", [ewa])
    assert ws.listing.ids(ListQuery(search="nowak mine")) == [ola]
    mine = ws.listing.parse_search("mine")
    assert mine == Filter(mine=True) and to_text(mine) == "mine"
    assert [c.label for c in describe(mine)] == ["My candidates"]
    assert Filter.from_json(mine.to_json()) == mine and "mine" not in Filter().to_json()
    assert parse("mine") == mine
    saved = ws.lists.create("Mine", mine)
    assert ws.listing.ids(ListQuery(list_id=saved)) == [ola]


def test_bulk_actions_are_stamped_with_the_user(ws: Workspace, clock: TravelClock) -> None:
    from talentdesk.core.db.enums import InteractionKind

    people = [
        ws.candidates.create(CandidateRecord(first_name=n, last_name="Nowak"))
        for n in ("Ola", "Ewa")
    ]
    pool = ws.pools.create("Backend")
    ws.bulk.add_to_pool(people, pool)
    ws.bulk.move_to_stage(people, pool, ws.pools.stages(pool)[2].id)
    ws.bulk.log_touchpoint(people, InteractionKind.CALL, subject="Catch-up")
    ws.bulk.add_reminder(people, clock() + timedelta(days=3), note="Follow up")
    me = ws.users.current_id
    with written_outside(ws.paths.database) as connection:
        for sql in (
            "SELECT DISTINCT stage_changed_by_id FROM pool_membership",
            "SELECT DISTINCT created_by_id FROM interaction",
            "SELECT DISTINCT owner_id FROM reminder",
        ):
            assert [r[0] for r in connection.execute(text(sql))] == [me], sql
