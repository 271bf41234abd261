"""The search index keeps its text once (external content over the view `candidate_search`,
db/triggers.py V2): after an edit, a delete and its undo, an import, a bulk tag and its undo,
a tag renamed or deleted, the search finds exactly who it should, and FTS5's own check (rank
1: the index against its content) finds the index equal to what the view shows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.csvio.importer import run_import
from talentdesk.core.csvio.mapping import guess_mapping
from talentdesk.core.csvio.options import ImportOptions
from talentdesk.core.csvio.reader import sniff
from talentdesk.core.db.engine import make_engine
from talentdesk.core.db.enums import TagCategory
from talentdesk.core.db.migrate import downgrade, upgrade
from talentdesk.core.records import CandidateRecord, TagRef
from talentdesk.core.workspace import Workspace
from tests.conftest import TravelClock, written_outside
from tests.core.merge_people import make_pair


def found(ws: Workspace, search: str) -> set[str]:
    ids = ws.listing.ids(ListQuery(search=search))
    return {ws.candidates.get(i).full_name for i in ids}


def assert_index_matches_its_content(database: Path) -> None:
    con = sqlite3.connect(database)
    try:
        con.execute("INSERT INTO candidate_fts(candidate_fts, rank) VALUES ('integrity-check', 1)")
        indexed = con.execute("SELECT count(*) FROM candidate_fts_docsize").fetchone()[0]
        assert indexed == con.execute("SELECT count(*) FROM candidate").fetchone()[0]
        shadow = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
        assert "candidate_fts_content" not in shadow  # the text is kept once
    finally:
        con.close()


def test_an_edit_is_found_by_its_new_words_only(ws: Workspace) -> None:
    anna = ws.candidates.create(
        CandidateRecord(first_name="Anna", last_name="Kowalska", city="Kraków")
    )
    ws.candidates.create(CandidateRecord(first_name="Jan", last_name="Nowak", city="Berlin"))
    ws.candidates.update(
        anna,
        CandidateRecord(
            first_name="Anna",
            last_name="Łęcka",
            city="Gdańsk",
            other_emails=["anna@example.org"],
            tags=[TagRef(TagCategory.SKILL, "Kotlin")],
        ),
    )
    assert found(ws, "kowal") == set()
    assert found(ws, "krakow") == set()
    assert found(ws, "lecka gdansk") == {"Anna Łęcka"}
    assert found(ws, "kotlin example") == {"Anna Łęcka"}
    ws.candidates.update(anna, CandidateRecord(first_name="Anna", last_name="Łęcka"))
    assert found(ws, "kotlin") == set()
    assert found(ws, "example") == set()
    assert_index_matches_its_content(ws.paths.database)


def test_a_delete_and_its_undo(ws: Workspace) -> None:
    marta = ws.candidates.create(
        CandidateRecord(
            first_name="Marta",
            last_name="Lis",
            other_emails=["marta@example.org"],
            tags=[TagRef(TagCategory.SKILL, "Go")],
        )
    )
    ws.candidates.create(CandidateRecord(first_name="Marek", last_name="Lis"))
    deleted = ws.candidates.delete([marta])
    assert found(ws, "lis") == {"Marek Lis"}
    assert found(ws, "go") == set()
    assert_index_matches_its_content(ws.paths.database)
    ws.candidates.restore(deleted)
    assert found(ws, "lis") == {"Marta Lis", "Marek Lis"}
    assert found(ws, "go marta example") == {"Marta Lis"}
    assert_index_matches_its_content(ws.paths.database)


def test_an_import_is_found_and_its_staged_rows_equal_the_view(
    ws: Workspace, tmp_path: Path
) -> None:
    ws.candidates.create(CandidateRecord(first_name="Ewa", last_name="Nowak"))
    path = tmp_path / "people.csv"
    path.write_text(
        "First name,Last name,E-mail,Other e-mails,City,Tags\n"
        'Łukasz,Wiśniewski,lukasz@example.com,"l.w@example.org",Kraków,skill:Java\n'
        "Søren,Æbelø,soren@example.dk,,Gdańsk,skill:Java; custom:Straße\n",
        encoding="utf-8",
    )
    layout = sniff(path)
    options = ImportOptions(mapping=guess_mapping(layout.header))
    report = run_import(ws.db, path, layout, options, ws.clock)
    assert report.created == 2
    assert found(ws, "lukasz krakow") == {"Łukasz Wiśniewski"}
    assert found(ws, "java") == {"Łukasz Wiśniewski", "Søren Æbelø"}
    assert found(ws, "strasse aebelo") == {"Søren Æbelø"}
    assert found(ws, "nowak") == {"Ewa Nowak"}
    assert_index_matches_its_content(ws.paths.database)


def test_bulk_tags_their_undo_and_tags_renamed_or_deleted(ws: Workspace) -> None:
    ids = [
        ws.candidates.create(CandidateRecord(first_name=name, last_name="Kowalski"))
        for name in ("Adam", "Bartek", "Cezary")
    ]
    done = ws.bulk.tag(ids[:2], [TagRef(TagCategory.SKILL, "Kotlin")])
    assert found(ws, "kotlin") == {"Adam Kowalski", "Bartek Kowalski"}
    assert_index_matches_its_content(ws.paths.database)
    ws.bulk.undo(done.undo)
    assert found(ws, "kotlin") == set()
    ws.bulk.tag(ids, [TagRef(TagCategory.SKILL, "Rust")])
    untagged = ws.bulk.untag(ids[1:], [TagRef(TagCategory.SKILL, "Rust")])
    assert found(ws, "rust") == {"Adam Kowalski"}
    ws.bulk.undo(untagged.undo)
    assert found(ws, "rust") == {"Adam Kowalski", "Bartek Kowalski", "Cezary Kowalski"}
    with written_outside(ws.paths.database) as conn:
        conn.exec_driver_sql("UPDATE tag SET name = 'Zig' WHERE name = 'Rust'")
    assert found(ws, "rust") == set()
    assert len(found(ws, "zig kowalski")) == 3
    assert_index_matches_its_content(ws.paths.database)
    with written_outside(ws.paths.database) as conn:
        conn.exec_driver_sql("DELETE FROM tag WHERE name = 'Zig'")
    assert found(ws, "zig") == set()
    assert len(found(ws, "kowalski")) == 3
    assert_index_matches_its_content(ws.paths.database)


def _migrate(path: Path, target: str, down: bool = False) -> None:
    engine = make_engine(path)
    with engine.connect() as conn, conn.begin():
        (downgrade if down else upgrade)(conn, target)
    engine.dispose()


def _matches(path: Path, query: str) -> list[int]:
    con = sqlite3.connect(path)
    try:
        sql = "SELECT rowid FROM candidate_fts WHERE candidate_fts MATCH ? ORDER BY rowid"
        return [r[0] for r in con.execute(sql, [query])]
    finally:
        con.close()


def test_the_migration_rebuilds_the_index_from_what_is_stored(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _migrate(path, "0010")
    with written_outside(path) as conn:  # written under 0010's triggers, text kept twice
        for sql in (
            "INSERT INTO candidate (id, first_name, last_name, city, relationship_kind, status,"
            " created_at, updated_at) VALUES (1, 'Łukasz', 'Nowak', 'Kraków', 'none', 'passive',"
            " '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000')",
            "INSERT INTO candidate_email (candidate_id, email) VALUES (1, 'l@example.org')",
            "INSERT INTO tag (id, name, category) VALUES (1, 'Kotlin', 'skill')",
            "INSERT INTO candidate_tag (candidate_id, tag_id) VALUES (1, 1)",
        ):
            conn.exec_driver_sql(sql)
    _migrate(path, "0013")
    assert _matches(path, '"lukasz"* "krak"* "kotlin" "example"') == [1]
    assert_index_matches_its_content(path)
    with written_outside(path) as conn:
        conn.exec_driver_sql("UPDATE candidate SET city = 'Berlin'")
    assert _matches(path, "krakow") == []
    assert _matches(path, "berlin") == [1]
    assert_index_matches_its_content(path)
    _migrate(path, "0010", down=True)
    assert _matches(path, '"lukasz"* "berlin" "kotlin" "example"') == [1]


def test_a_merge_and_its_undo(ws: Workspace, clock: TravelClock) -> None:
    pair = make_pair(ws, clock)
    keep, other = ws.candidates.get(pair.keep), ws.candidates.get(pair.other)
    result = ws.merging.merge(pair.keep, pair.other, {"email": "other", "name": "keep"})
    assert_index_matches_its_content(ws.paths.database)
    assert pair.other not in ws.listing.ids(ListQuery(search=other.last_name))
    ws.merging.unmerge(result)
    assert_index_matches_its_content(ws.paths.database)
    assert pair.other in ws.listing.ids(ListQuery(search=other.last_name))
    assert pair.keep in ws.listing.ids(ListQuery(search=keep.last_name))
