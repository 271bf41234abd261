"""Folded cities and column sorts give the same answers on both backends (team mode, issue 18):
`city:` compares through td_fold (an IMMUTABLE `talentdesk_fold` with a folded-city index on a
server, db/server_fold.py), and the title, company and city columns sort as SQLite's NOCASE
does (ASCII letters folded, the rest byte by byte) rather than by the server's ICU collation."""

from __future__ import annotations

from datetime import UTC

import pytest
from sqlalchemy import inspect, text

from talentdesk.core.candidate_list import ListQuery, SortColumn
from talentdesk.core.clock import utcnow
from talentdesk.core.db.migrate import downgrade, upgrade
from talentdesk.core.db.server import make_server_engine
from talentdesk.core.db.server_fold import CITY_INDEX
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import written_outside
from tests.pg_fixtures import ws_on_both  # noqa: F401

CITIES = ("Kraków", "KRAKÓW", "krakow", "Krakow ", "Łódź", "LODZ", "Lodz", "Gdańsk", None)


def _add(ws: Workspace, first: str, **fields: str | None) -> int:
    return ws.candidates.create(CandidateRecord(first, "Test", **fields))  # type: ignore[arg-type]


def _cities(ws: Workspace) -> dict[str, int]:
    return {f"P{i}": _add(ws, f"P{i}", city=city) for i, city in enumerate(CITIES)}


@pytest.mark.parametrize(
    ("search", "people"),
    [
        ("city:krakow", ["P0", "P1", "P2", "P3"]),
        ("city:Kraków", ["P0", "P1", "P2", "P3"]),
        ("city:KRAKÓW", ["P0", "P1", "P2", "P3"]),
        ("city:lodz", ["P4", "P5", "P6"]),
        ("city:Łódź", ["P4", "P5", "P6"]),
        ('city:"łódź" city:gdansk', ["P4", "P5", "P6", "P7"]),
        ("city:krak", []),
        ("p2 city:krakow", ["P2"]),
    ],
)
def test_folded_cities_find_the_same_people(ws: Workspace, search: str, people: list[str]) -> None:
    _cities(ws)
    found = [ws.candidates.get(i).first_name for i in ws.search_ids(search)]
    assert sorted(found) == people
    assert ws.listing.count(ListQuery(search=search)) == len(people)


def test_a_city_changed_outside_is_found_by_its_new_name(ws: Workspace, paths: AppPaths) -> None:
    ids = _cities(ws)
    with written_outside(paths.database) as connection:  # the index follows any writer
        connection.execute(text("UPDATE candidate SET city = 'ŁÓDŹ' WHERE city = 'Gdańsk'"))
    lodz = [ids["P4"], ids["P5"], ids["P6"], ids["P7"]]
    assert sorted(ws.search_ids("city:lodz")) == sorted(lodz)


def test_the_server_reads_the_folded_city_from_its_index(pg_url: str, paths: AppPaths) -> None:
    ws = Workspace.open(paths.with_database_url(pg_url), utcnow, tz=UTC)
    try:
        _cities(ws)
        reader = ws.reader
        reader.execute("SET enable_seqscan = off")  # a few rows: the planner would scan them
        plan = reader.execute(
            "EXPLAIN SELECT id FROM candidate WHERE td_fold(city) IN (?)", ["krakow"]
        ).fetchall()
    finally:
        ws.close()
    assert "ix_candidate_city_fold" in "\n".join(str(row[0]) for row in plan)


SORTED = ["Émile", "émile", "Zofia", "ÉMILE", "Łódź", "zebra", "Ąbc", "abc", "ABD", "", None]


@pytest.mark.parametrize("column", ["title", "company", "city"])
@pytest.mark.parametrize("descending", [False, True])
def test_columns_sort_as_sqlite_nocase_sorts(ws: Workspace, column: str, descending: bool) -> None:
    values = {_add(ws, f"P{i}", **{column: value}): value for i, value in enumerate(SORTED)}
    ids = ws.listing.ids(ListQuery(sort=SortColumn(column), descending=descending))
    shown = [values[i] for i in ids]
    # NOCASE folds ASCII letters only: "Émile" = "ÉMILE" (then by id), É and é apart, Ł
    # after z; empty values last either way.
    ascending = ["abc", "ABD", "zebra", "Zofia", "Émile", "ÉMILE", "émile", "Ąbc", "Łódź"]
    expected = (ascending[::-1] if descending else ascending) + ["", None]
    assert [v or "" for v in shown[:-2]] == expected[:-2]
    assert {v or "" for v in shown[-2:]} == {""}


def _indexes(url: str) -> set[str]:
    engine = make_server_engine(url)
    try:
        with engine.connect() as connection:
            return {i["name"] for i in inspect(connection).get_indexes("candidate")}
    finally:
        engine.dispose()


def _migrate(url: str, to: str) -> None:
    engine = make_server_engine(url)
    try:
        with engine.begin() as connection:
            (upgrade if to == "head" else downgrade)(connection, to)
    finally:
        engine.dispose()


def test_migration_0020_gives_an_older_team_database_the_index(
    pg_url: str, paths: AppPaths
) -> None:
    ws = Workspace.open(paths.with_database_url(pg_url), utcnow, tz=UTC)
    try:
        _cities(ws)
    finally:
        ws.close()
    assert CITY_INDEX in _indexes(pg_url)
    _migrate(pg_url, "0019")
    assert CITY_INDEX not in _indexes(pg_url)
    ws = Workspace.open(paths.with_database_url(pg_url), utcnow, tz=UTC)  # upgraded to head
    try:
        assert CITY_INDEX in _indexes(pg_url)
        assert len(ws.search_ids("city:lodz")) == 3
    finally:
        ws.close()
