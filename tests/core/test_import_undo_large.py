"""Undoing a large import (issue 17): the people go set-wise in chunks with the search and
summary triggers held back, progress is told between chunks, a cancel half-way leaves the
database exactly as it was (people, triggers, search index), and the search index stays
exact after a whole undo."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.csvio.importer import run_import
from talentdesk.core.csvio.mapping import guess_mapping
from talentdesk.core.csvio.options import ImportConsent, ImportOptions
from talentdesk.core.csvio.reader import sniff
from talentdesk.core.db.server_search_schema import DOCUMENT
from talentdesk.core.diagnose import CancelledError
from talentdesk.core.imports.removal import CHUNK
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.core.test_search_index import assert_index_matches_its_content
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)

PEOPLE = CHUNK + CHUNK // 2  # two chunks: a cancel can come between them


def _file(path: Path, rows: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["First Name", "Last Name", "Email", "Company", "City", "Skills"])
        for i in range(rows):
            out.writerow(
                [
                    ("Łukasz", "Zoë", "Anna")[i % 3],
                    f"Wiśniewski{i}",
                    f"person{i}@example.com",
                    f"Firma {i % 7}",
                    ("Kraków", "Gdańsk")[i % 2],
                    "Java, Straße, Kotlin",
                ]
            )
    return path


def _import(ws: Workspace, path: Path) -> int:
    layout = sniff(path)
    pool = ws.pools.create("Imported")
    options = ImportOptions(
        guess_mapping(layout.header), consent=ImportConsent(source=path.name), pool_id=pool
    )
    report = run_import(ws.db, path, layout, options, ws.clock)
    assert report.created == PEOPLE and report.import_id is not None
    return report.import_id


def _triggers(ws: Workspace) -> list[tuple[str, str]]:
    if ws.on_server:  # the enabled ones
        query = (
            "SELECT tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal"
            " AND tgenabled <> 'D' ORDER BY tgname"
        )
    else:
        query = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    return [(str(name), str(sql)) for name, sql in ws.reader.execute(query).fetchall()]


def _index_is_exact(ws: Workspace, paths: AppPaths) -> None:
    if not ws.on_server:
        assert_index_matches_its_content(paths.database)
        return
    differ = ws.reader.execute(
        f"SELECT count(*) FROM candidate_fts f FULL JOIN (SELECT s.id, {DOCUMENT} AS doc"
        " FROM candidate_search s) n ON n.id = f.id WHERE f.doc IS DISTINCT FROM n.doc"
    ).fetchone()[0]
    assert differ == 0


def _count(ws: Workspace, table: str) -> int:
    return int(ws.reader.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


@pytest.fixture
def imported(ws: Workspace, tmp_path: Path) -> int:
    ws.candidates.create(CandidateRecord("Łucja", "Kraus", "lucja@example.com", city="Kraków"))
    return _import(ws, _file(tmp_path / "people.csv", PEOPLE))


def test_a_large_undo_tells_its_progress_and_keeps_the_search_exact(
    ws: Workspace, paths: AppPaths, imported: int
) -> None:
    triggers = _triggers(ws)
    told: list[tuple[int, int]] = []
    result = ws.imports.undo(imported, progress=lambda done, of: told.append((done, of)))
    assert result.removed == PEOPLE
    assert told == [(0, PEOPLE), (CHUNK, PEOPLE), (PEOPLE, PEOPLE)]
    assert _triggers(ws) == triggers
    assert [_count(ws, t) for t in ("candidate", "candidate_tag", "consent")] == [1, 0, 0]
    assert _count(ws, "pool_membership") == 0
    assert ws.listing.ids(ListQuery(search="krakow")) == [1]
    assert ws.listing.ids(ListQuery(search="strasse")) == []
    _index_is_exact(ws, paths)


def test_a_cancel_half_way_leaves_everything_as_it_was(
    ws: Workspace, paths: AppPaths, imported: int
) -> None:
    triggers = _triggers(ws)
    told: list[int] = []
    with pytest.raises(CancelledError, match="Nothing was changed"):
        ws.imports.undo(
            imported,
            progress=lambda done, _of: told.append(done),
            cancelled=lambda: told[-1] > 0,  # after the first chunk went
        )
    assert told == [0, CHUNK]
    assert _triggers(ws) == triggers
    assert _count(ws, "candidate") == PEOPLE + 1
    assert _count(ws, "candidate_tag") == PEOPLE * 3
    assert ws.imports.get(imported).undone_at is None
    assert len(ws.listing.ids(ListQuery(search="wisniewski"))) == PEOPLE
    _index_is_exact(ws, paths)
    assert ws.imports.undo(imported).removed == PEOPLE  # and it can be undone after all
    _index_is_exact(ws, paths)
