"""While an import moves its rows in, the write connection has a larger page cache and the
search index a larger word buffer (csvio/bulk_writing.py): both are back to what they were
after the import, whether it succeeded or failed, and the index is whole."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from talentdesk.core.csvio.bulk_writing import FTS_DEFAULT_BUFFER
from talentdesk.core.csvio.importer import run_import
from talentdesk.core.csvio.mapping import guess_mapping
from talentdesk.core.csvio.options import ImportOptions
from talentdesk.core.csvio.reader import sniff
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.workspace import Workspace
from tests.core.test_search_index import assert_index_matches_its_content


def people(path: Path, rows: int = 300) -> Path:
    with path.open("w", encoding="utf-8") as f:
        f.write("First Name,Last Name,Email,Company,City,Skills\n")
        for i in range(rows):
            f.write(f'Łucja{i},Nowak,p{i}@example.com,Company {i % 7},Kraków,"Java, SQL"\n')
    return path


def imported(ws: Workspace, path: Path) -> int:
    layout = sniff(path)
    options = ImportOptions(mapping=guess_mapping(layout.header))
    return run_import(ws.db, path, layout, options, ws.clock).created


def settings(ws: Workspace) -> tuple[int, list[tuple[str, object]]]:
    """The write connection's page cache, and the search index's stored settings."""

    def read() -> int:
        (cache,) = ws.db.writer.connection.exec_driver_sql("PRAGMA cache_size").one()
        return int(cache)

    cache = ws.db.writer.run(read, label="read the cache size")
    con = sqlite3.connect(ws.db.path)
    try:
        stored = con.execute("SELECT k, v FROM candidate_fts_config WHERE k <> 'version'")
        return cache, sorted(stored.fetchall())
    finally:
        con.close()


def test_the_settings_are_back_after_an_import(ws: Workspace, tmp_path: Path) -> None:
    cache, _stored = settings(ws)

    assert imported(ws, people(tmp_path / "people.csv")) == 300

    assert settings(ws) == (cache, [("hashsize", FTS_DEFAULT_BUFFER)])
    assert_index_matches_its_content(ws.db.path)


def test_the_settings_are_back_after_a_failed_import(ws: Workspace, tmp_path: Path) -> None:
    before = settings(ws)
    with sqlite3.connect(ws.db.path) as con:  # fails after every other table is written
        con.execute(
            "CREATE TRIGGER boom BEFORE INSERT ON import_person"
            " BEGIN SELECT RAISE(ABORT, 'boom'); END"
        )

    with pytest.raises((sqlite3.DatabaseError, TalentDeskError)):
        imported(ws, people(tmp_path / "people.csv"))

    assert settings(ws) == before
    assert_index_matches_its_content(ws.db.path)


def test_folded_letters_in_every_searched_column_are_indexed_as_the_view_shows_them(
    ws: Workspace, tmp_path: Path
) -> None:
    # The stage keeps a search text only where the view's folding changes a column or there
    # are other e-mails; the final step makes the rest from the record (csvio/move.py).
    path = tmp_path / "people.csv"
    path.write_text(
        "First Name,Last Name,Email,Other Emails,Title,Company,City,Notes,Skills\n"
        "Paweł,Łoś,pawel@example.com,,Główny inżynier,Ørsted,Łódź,Straße 5,Æther\n"
        "Anna,Nowak,łucja@example.com,,Dev,ACME,Kraków,plain,Java\n"
        "Ewa,Lis,ewa@example.com,e.lis@example.org,Dev,ACME,Berlin,,\n"
        "Jan,Kos,,,,,,,\n",
        encoding="utf-8",
    )
    assert imported(ws, path) == 4
    assert_index_matches_its_content(ws.db.path)
    con = sqlite3.connect(ws.db.path)
    try:
        shown = con.execute(
            "SELECT s.name, s.email, s.title, s.company, s.city, s.tags, s.notes"
            " FROM candidate_search s JOIN candidate c ON c.search_key = s.id ORDER BY c.id"
        ).fetchall()
    finally:
        con.close()
    assert shown == [
        ("Pawel Loś", "pawel@example.com ", "Glówny inżynier", "Orsted", "Lódź", "AEther",
         "Strasse 5"),
        ("Anna Nowak", "lucja@example.com ", "Dev", "ACME", "Kraków", "Java", "plain"),
        ("Ewa Lis", "ewa@example.com e.lis@example.org", "Dev", "ACME", "Berlin", "", ""),
        ("Jan Kos", " ", "", "", "", "", ""),
    ]  # fmt: skip
    for query, found in [("los lodz", 1), ("strasse", 1), ("aether orsted", 1),
                         ("lucja", 1), ("lis", 1), ("kos", 1), ("glowny", 1)]:  # fmt: skip
        con = sqlite3.connect(ws.db.path)
        try:
            (count,) = con.execute(
                "SELECT count(*) FROM candidate_fts WHERE candidate_fts MATCH ?", (query,)
            ).fetchone()
        finally:
            con.close()
        assert count == found, query
