"""Migration 0022 gives an existing database's people their places by name and rebuilds the
search index under them: the same people found, listed as the plain query lists them."""

from __future__ import annotations

import sqlite3

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.backup_files import at_revision
from tests.conftest import TravelClock

PEOPLE = [("Zofia", "Nowak"), ("Anna", "Kowalska"), ("Łukasz", "Wójcik"), ("Anna", "Kowalska")]
PEOPLE += [("Ewa", "Adamska"), ("Anna", "Ąbel"), ("Jan", "Nowak")]


def test_an_existing_database_is_searched_in_name_order_after_0022(
    paths: AppPaths, clock: TravelClock
) -> None:
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    at_revision(paths.database, "0021")
    con = sqlite3.connect(paths.database)
    for first, last in PEOPLE:  # the V2 triggers index them by id
        con.execute(
            "INSERT INTO candidate (first_name, last_name, sort_name, relationship_kind, status,"
            " created_at, updated_at) VALUES (?, ?, lower(?), 'none', 'passive',"
            " '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000')",
            (first, last, f"{first} {last}".replace("Ł", "L").replace("ó", "o").replace("Ą", "A")),
        )
    con.commit()
    con.close()

    ws = Workspace.open(paths, clock)  # migrates to head
    try:
        con = sqlite3.connect(paths.database)
        by_key = [r[0] for r in con.execute("SELECT id FROM candidate ORDER BY search_key")]
        by_name = [r[0] for r in con.execute("SELECT id FROM candidate ORDER BY sort_name, id")]
        assert by_key == by_name
        assert con.execute("SELECT min(search_key) FROM candidate").fetchone()[0] > 0
        con.execute("INSERT INTO candidate_fts (candidate_fts, rank) VALUES ('integrity-check', 1)")
        con.close()
        names = ws.listing.ids(ListQuery(search="a"), limit=3)
        assert [ws.candidates.get(i).last_name for i in names] == ["Ąbel", "Kowalska", "Kowalska"]
        assert len(ws.listing.ids(ListQuery(search="nowak"))) == 2
    finally:
        ws.close()
