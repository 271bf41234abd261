"""Undoing a merge puts every row of every table back as it was."""

from __future__ import annotations

from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from tests.conftest import TravelClock
from tests.core.merge_people import dump, make_pair
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)


def test_unmerge_restores_every_table_exactly(ws: Workspace, clock: TravelClock) -> None:
    pair = make_pair(ws, clock)
    before = dump(ws.paths.database)
    result = ws.merging.merge(pair.keep, pair.other, {"email": "other", "name": "keep"})
    assert dump(ws.paths.database) != before
    ws.merging.unmerge(result)
    assert dump(ws.paths.database) == before


def test_unmerge_the_other_way_round_restores_too(ws: Workspace, clock: TravelClock) -> None:
    pair = make_pair(ws, clock)
    before = dump(ws.paths.database)
    result = ws.merging.merge(pair.other, pair.keep)
    ws.merging.unmerge(result)
    assert dump(ws.paths.database) == before


def test_a_chain_of_merges_undone_in_turn(ws: Workspace, clock: TravelClock) -> None:
    first = ws.candidates.create(CandidateRecord("Anna", email="anna@example.com"))
    second = ws.candidates.create(CandidateRecord("Anna", email="ANNA@example.com"))
    third = ws.candidates.create(CandidateRecord("Ania", other_emails=["anna@example.com"]))
    start = dump(ws.paths.database)
    one = ws.merging.merge(second, first)
    middle = dump(ws.paths.database)
    two = ws.merging.merge(third, second)
    assert ws.merging.merged_into(first) is not None
    assert ws.candidates.count() == 1
    ws.merging.unmerge(two)
    assert dump(ws.paths.database) == middle
    ws.merging.unmerge(one)
    assert dump(ws.paths.database) == start


def test_unmerge_brings_back_the_reminders_the_merge_settled(
    ws: Workspace, clock: TravelClock
) -> None:
    from talentdesk.core.db.enums import InteractionKind

    pair = make_pair(ws, clock)
    ws.interactions.log(pair.other, InteractionKind.CALL, subject="Caught up")
    before = dump(ws.paths.database)
    result = ws.merging.merge(pair.keep, pair.other)
    ws.merging.unmerge(result)
    assert dump(ws.paths.database) == before
