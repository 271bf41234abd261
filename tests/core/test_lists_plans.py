"""The starters' queries read the big tables through their indexes (EXPLAIN QUERY PLAN), and a
list counted by set algebra agrees with one counted row by row, in a pool and sorted both ways."""

from __future__ import annotations

import pytest

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.lists.filters import Filter
from talentdesk.core.lists.parts import joined
from talentdesk.core.lists.sql import parts
from talentdesk.core.lists.syntax import parse
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace

BIG = ("pool_membership", "application", "application_stage_change", "interaction", "reminder")
ALIASES = ("m", "a", "h")  # how stage_sql.py names the first three


def _scanned(ws: Workspace, sql: str, params: list[object]) -> list[str]:
    plan = [row[3] for row in ws.reader.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
    # Scanning a near-fit index is fine: it holds only the near-fits.
    return [
        step
        for step in plan
        if step.startswith("SCAN") and step.split()[1] in BIG + ALIASES and "_near_fit" not in step
    ]


@pytest.mark.parametrize("starter", range(6))
def test_the_starters_search_indexes_not_tables(ws: Workspace, starter: int) -> None:
    saved = ws.lists.all()[starter]
    where, params = joined(parts(saved.filter, ws.clock()))
    count = f"SELECT count(*) FROM candidate c WHERE {where}"
    assert _scanned(ws, count, params) == [], saved.name
    query = ListQuery(list_id=saved.id)
    assert ws.listing.ids(query) == []  # and it runs


def test_sets_and_rows_agree(ws: Workspace) -> None:
    people = [
        ws.candidates.create(CandidateRecord(name, "Test", city=city))
        for name, city in (("Ann", "Berlin"), ("Bob", "Kraków"), ("Cat", "Berlin"), ("Dan", None))
    ]
    pool = ws.pools.create("Backend")
    ws.pools.add_members(pool, people[:3])
    ws.pools.set_near_fit(pool, people[0], True)
    ws.pools.set_near_fit(pool, people[1], True)
    near = ws.lists.create("Near", parse("near-fit"))
    listing = ws.listing
    assert listing.count(ListQuery(list_id=near)) == 2
    assert listing.count(ListQuery(list_id=near, pool_id=pool)) == 2
    assert listing.count(ListQuery(list_id=near, search="-near-fit")) == 0
    assert listing.count(ListQuery(list_id=near, search="city:berlin")) == 1  # not only sets
    assert listing.ids(ListQuery(list_id=near, descending=True)) == [people[1], people[0]]
    assert listing.ids(ListQuery(list_id=near, pool_id=pool)) == people[:2]
    everyone = ws.lists.create("Everyone", Filter())
    assert listing.count(ListQuery(list_id=everyone)) == 4
    assert listing.ids(ListQuery(search="-near-fit", descending=True)) == [people[3], people[2]]
