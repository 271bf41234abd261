"""A search in a pool sorted by name: its first screen read in order from the search index (the
walk through the first matches) or from the pool's members (past the walk), always the plain
query's list."""

from __future__ import annotations

import sqlite3

import pytest

from talentdesk.core import first_screen
from talentdesk.core.candidate_list import ListQuery, SortColumn
from talentdesk.core.db.triggers import forget_rows, index_rows
from talentdesk.core.lists.sql import FTS
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from tests.core.test_first_screen import FIRST, LAST, TYPED

POOLS = ("dense", "sparse", "empty")


@pytest.fixture
def pools(ws: Workspace) -> dict[str, int]:
    """48 people (names repeat); "dense" holds every other one, "sparse" two, "empty" none."""
    ids = [
        ws.candidates.create(CandidateRecord(first_name=first, last_name=last))
        for first in FIRST
        for last in LAST
    ]
    made = {name: ws.pools.create(name) for name in POOLS}
    ws.pools.add_members(made["dense"], ids[::2])
    ws.pools.add_members(made["sparse"], [ids[7], ids[30]])
    return made


def plain(ws: Workspace, pool_id: int, typed: str, descending: bool) -> list[int]:
    """The pool's matches sorted by name then id in SQL, without the index's order."""
    match = first_screen.text_match(ws.reader, typed)
    d = "DESC" if descending else "ASC"
    sql = (
        "SELECT id FROM candidate WHERE id IN (SELECT candidate_id FROM pool_membership"
        f" WHERE pool_id = ?) AND id IN ({FTS}) ORDER BY sort_name {d}, id {d}"
    )
    return [row[0] for row in ws.reader.execute(sql, [pool_id, match])]


def assert_pages(ws: Workspace, pool_id: int, typed: str, descending: bool) -> None:
    query = ListQuery(pool_id=pool_id, search=typed, descending=descending)
    members = plain(ws, pool_id, typed, descending)
    for limit in (1, 5, len(members), len(members) + 10, None):
        assert ws.listing.ids(query, limit=limit) == members[:limit], (typed, limit)


@pytest.mark.parametrize("typed", TYPED)
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("pool", POOLS)
@pytest.mark.parametrize("walk", [2000, 3])  # 3: most searches read the pool instead
def test_a_pools_pages_are_the_plain_querys(
    ws: Workspace,
    pools: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
    typed: str,
    descending: bool,
    pool: str,
    walk: int,
) -> None:
    monkeypatch.setattr(first_screen, "WALK", walk)
    assert_pages(ws, pools[pool], typed, descending)


def read_by_first_screen(ws: Workspace, query: ListQuery, limit: int) -> list[str]:
    """Which of the first screen's two reads ran: "walk" (the index in order), "pool"."""
    assert isinstance(ws.reader, sqlite3.Connection)
    ran: list[str] = []
    ws.reader.set_trace_callback(ran.append)
    try:
        ws.listing.ids(query, limit=limit)
    finally:
        ws.reader.set_trace_callback(None)
    return [
        "walk" if "CROSS JOIN pool_membership" in sql else "pool"
        for sql in ran
        if "CROSS JOIN" in sql
    ]


def test_a_dense_pool_is_read_from_the_index_a_sparse_one_from_its_members(
    ws: Workspace, pools: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    dense = ListQuery(pool_id=pools["dense"], search="a")
    assert read_by_first_screen(ws, dense, 3) == ["walk"]
    monkeypatch.setattr(first_screen, "WALK", 4)  # fewer matches than the sparse pool's first
    sparse = ListQuery(pool_id=pools["sparse"], search="a")
    assert read_by_first_screen(ws, sparse, 2) == ["walk", "pool"]
    assert ws.listing.ids(sparse, limit=2) == plain(ws, pools["sparse"], "a", False)


def _no_room_after_anna_adamska(con: sqlite3.Connection) -> None:
    """The next name after "Anna Adamska" ("Anna Anders") moved to the key right after hers,
    its search rows along: no integer left for a name between them."""
    names = ("anna adamska", "anna anders")
    low, high = (
        con.execute("SELECT id, search_key FROM candidate WHERE sort_name = ?", [n]).fetchone()
        for n in names
    )
    who = f"SELECT id FROM candidate WHERE id = {high[0]}"
    con.execute(forget_rows(who))
    con.execute("UPDATE candidate SET search_key = ? WHERE id = ?", [low[1] + 1, high[0]])
    con.execute(index_rows(who))


def test_someone_unplaced_in_a_pool_is_listed_in_place(
    ws: Workspace, pools: dict[str, int]
) -> None:
    """Written past the write path into a crowded gap (no key between its neighbours), a member
    is still on the pool's first screen in name order (its members are read)."""
    con = sqlite3.connect(ws.db.path)
    _no_room_after_anna_adamska(con)
    con.execute(
        "INSERT INTO candidate (first_name, last_name, sort_name, status, relationship_kind,"
        " created_at, updated_at) VALUES ('Anna', 'Adamskaa', 'anna adamskaa', 'passive',"
        " 'none', '2026-01-01', '2026-01-01')"
    )
    (newcomer, key) = con.execute(
        "SELECT id, search_key FROM candidate WHERE last_name = 'Adamskaa'"
    ).fetchone()
    stage = con.execute(
        "SELECT id FROM pool_stage WHERE pool_id = ? ORDER BY position", [pools["sparse"]]
    ).fetchone()[0]
    con.execute(
        "INSERT INTO pool_membership (candidate_id, pool_id, stage_id, near_fit, added_at)"
        " VALUES (?, ?, ?, 0, '2026-01-01')",
        [newcomer, pools["sparse"], stage],
    )
    con.commit()
    con.close()
    assert key == -newcomer  # unplaced
    query = ListQuery(pool_id=pools["sparse"], search="anna", sort=SortColumn.NAME)
    assert ws.listing.ids(query, limit=1) == [newcomer]
    for descending in (False, True):
        assert_pages(ws, pools["sparse"], "anna", descending)
