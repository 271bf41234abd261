"""A search by name read in order from the search index is the plain query's list, page by page,
whoever was added, renamed, deleted or imported, and whoever could not be placed."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from talentdesk.core import first_screen
from talentdesk.core.candidate_list import ListQuery, SortColumn
from talentdesk.core.csvio.importer import run_import
from talentdesk.core.csvio.mapping import guess_mapping
from talentdesk.core.csvio.options import ImportOptions
from talentdesk.core.csvio.reader import sniff
from talentdesk.core.db.triggers import forget_rows, index_rows
from talentdesk.core.lists.sql import FTS
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace

FIRST = ("Anna", "Andrzej", "Ánika", "Jan", "Zofia", "Piotr", "Łukasz", "Ewa")
LAST = ("Kowalska", "Nowak", "Adamska", "Müller", "Smith", "Anders")
CITIES = ("Kraków", "Warszawa", "Berlin", "Aachen")
TYPED = ("a", "an", "ann", "kow", "anna kow", "aach", "krak a", "z", "nobody")


@pytest.fixture
def crowd(ws: Workspace) -> int:
    """48 people (names repeat, so ties are broken by id), a third of them in Aachen."""
    n = 0
    for first in FIRST:
        for last in LAST:
            ws.candidates.create(
                CandidateRecord(first_name=first, last_name=last, city=CITIES[n % len(CITIES)])
            )
            n += 1
    return n


def plain(ws: Workspace, typed: str, descending: bool = False) -> list[int]:
    """The matches sorted by name then id in SQL, without the index's order."""
    match = first_screen.text_match(ws.reader, typed)
    d = "DESC" if descending else "ASC"
    sql = f"SELECT id FROM candidate WHERE id IN ({FTS}) ORDER BY sort_name {d}, id {d}"
    return [row[0] for row in ws.reader.execute(sql, [match])]


def assert_in_order(ws: Workspace) -> None:
    """Every search's pages are the plain query's, both ways."""
    for typed in TYPED:
        for descending in (False, True):
            query = ListQuery(search=typed, sort=SortColumn.NAME, descending=descending)
            everyone = plain(ws, typed, descending)
            assert ws.listing.ids(query) == everyone, (typed, descending)
            for limit in (1, 5, len(everyone) + 10):
                assert ws.listing.ids(query, limit=limit) == everyone[:limit]


def keys(path: Path) -> tuple[list[int], list[int]]:
    """(everyone by key, placed or not; everyone by name then id)."""
    con = sqlite3.connect(path)
    try:
        by_key = [r[0] for r in con.execute("SELECT id FROM candidate ORDER BY search_key")]
        by_name = [r[0] for r in con.execute("SELECT id FROM candidate ORDER BY sort_name, id")]
        con.execute("INSERT INTO candidate_fts (candidate_fts, rank) VALUES ('integrity-check', 1)")
        return by_key, by_name
    finally:
        con.close()


@pytest.mark.parametrize("typed", TYPED)
@pytest.mark.parametrize("descending", [False, True])
def test_the_index_order_is_the_plain_querys(
    ws: Workspace, crowd: int, typed: str, descending: bool
) -> None:
    query = ListQuery(search=typed, sort=SortColumn.NAME, descending=descending)
    everyone = plain(ws, typed, descending)
    assert bool(everyone) is (typed != "nobody")
    for limit in (1, 5, len(everyone), len(everyone) + 10, None):
        assert ws.listing.ids(query, limit=limit) == everyone[:limit]


@pytest.mark.parametrize("typed", ["", "city:berlin", "anna city:berlin", "stage:nosuch"])
def test_only_free_words_are_read_in_index_order(ws: Workspace, crowd: int, typed: str) -> None:
    assert first_screen.text_match(ws.reader, typed) is None


def test_adds_renames_and_deletes_keep_the_index_in_name_order(ws: Workspace) -> None:
    """People added in random order (the same names many times, new names between them),
    renamed and deleted: keys sort as names do and every search lists as the plain query."""
    rng = random.Random(17)
    ids = []
    for _ in range(120):
        record = CandidateRecord(first_name=rng.choice(FIRST), last_name=rng.choice(LAST))
        ids.append(ws.candidates.create(record))
    for cid in rng.sample(ids, 30):
        record = ws.candidates.get(cid)
        record.last_name = rng.choice(LAST) + rng.choice(("", "a", "zz"))
        ws.candidates.update(cid, record)
    ws.candidates.delete(rng.sample(ids, 20))
    by_key, by_name = keys(ws.db.path)
    assert by_key == by_name
    assert_in_order(ws)


def test_an_import_between_existing_names_keeps_the_order(ws: Workspace, tmp_path: Path) -> None:
    for first, last in (("Anna", "Adamska"), ("Zofia", "Nowak"), ("Jan", "Kowalski")):
        ws.candidates.create(CandidateRecord(first_name=first, last_name=last))
    path = tmp_path / "people.csv"
    rows = [
        f"{f},{last},{f[0]}.{last}{i}@example.com"
        for i, (f, last) in enumerate((f, last) for f in FIRST for last in LAST)
    ]
    path.write_text("First Name,Last Name,Email\n" + "\n".join(rows) + "\n", encoding="utf-8")
    layout = sniff(path)
    options = ImportOptions(mapping=guess_mapping(layout.header))
    report = run_import(ws.db, path, layout, options, ws.clock)
    assert report.created == len(rows)
    by_key, by_name = keys(ws.db.path)
    assert by_key == by_name
    assert_in_order(ws)


def _crowd_a_gap(path: Path) -> tuple[int, int]:
    """Give "Anna Adamska" and "Anna Nowak" neighbouring keys (no integer between them), their
    search rows moved along; returns their ids."""
    con = sqlite3.connect(path)
    try:
        low, high = (
            con.execute("SELECT id FROM candidate WHERE last_name = ?", [last]).fetchone()[0]
            for last in ("Adamska", "Nowak")
        )
        who = f"SELECT id FROM candidate WHERE id IN ({low}, {high})"
        con.execute(forget_rows(who))
        (key,) = con.execute("SELECT search_key FROM candidate WHERE id = ?", [low]).fetchone()
        con.execute("UPDATE candidate SET search_key = ? WHERE id = ?", [key + 1, high])
        con.execute(index_rows(who))
        con.commit()
        return low, high
    finally:
        con.close()


def test_someone_with_no_room_between_names_is_listed_in_place_then_placed(
    ws: Workspace,
) -> None:
    """A name between two neighbouring keys cannot be placed: it is still listed in name order
    (read apart and merged), and the next write gives its neighbourhood room and it a key."""
    for first, last in (("Anna", "Adamska"), ("Anna", "Nowak"), ("Zofia", "Adamska")):
        ws.candidates.create(CandidateRecord(first_name=first, last_name=last))
    _crowd_a_gap(ws.db.path)
    con = sqlite3.connect(ws.db.path)
    con.execute(
        "INSERT INTO candidate (first_name, last_name, sort_name, status, relationship_kind,"
        " created_at, updated_at) VALUES ('Anna', 'Kowalska', 'anna kowalska', 'passive',"
        " 'none', '2026-01-01', '2026-01-01')"
    )
    con.commit()
    (kowalska, key) = con.execute(
        "SELECT id, search_key FROM candidate WHERE last_name = 'Kowalska'"
    ).fetchone()
    con.close()
    assert key == -kowalska  # unplaced
    assert ws.listing.ids(ListQuery(search="anna"), limit=2)[1] == kowalska
    assert_in_order(ws)

    ws.candidates.create(CandidateRecord(first_name="Ewa", last_name="Lis"))  # any write
    by_key, by_name = keys(ws.db.path)
    assert by_key == by_name
    con = sqlite3.connect(ws.db.path)
    assert con.execute("SELECT min(search_key) FROM candidate").fetchone()[0] > 0
    con.close()
    assert_in_order(ws)


def _placed_in_order(path: Path) -> None:
    by_key, by_name = keys(path)
    assert by_key == by_name
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT min(search_key) FROM candidate").fetchone()[0] > 0
    finally:
        con.close()


def test_names_added_into_one_gap_until_it_is_full_are_respaced(ws: Workspace) -> None:
    """Each new name sorting just after "Anna Adamska" halves the same gap: after a dozen
    there is no integer left, and the write path re-spaces the neighbourhood."""
    ws.candidates.create(CandidateRecord(first_name="Anna", last_name="Adamska"))
    ws.candidates.create(CandidateRecord(first_name="Zofia", last_name="Nowak"))
    for i in range(40, 0, -1):
        ws.candidates.create(CandidateRecord(first_name="Anna", last_name=f"Adamska{i:02d}"))
    _placed_in_order(ws.db.path)
    assert_in_order(ws)


def test_the_same_name_added_again_and_again_keeps_fitting(ws: Workspace) -> None:
    ws.candidates.create(CandidateRecord(first_name="Zofia", last_name="Nowak"))
    for _ in range(150):
        ws.candidates.create(CandidateRecord(first_name="John", last_name="Smith"))
    _placed_in_order(ws.db.path)
    assert_in_order(ws)
