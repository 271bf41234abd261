"""Erasure: the person and everything naming them gone — from the tables and from the bytes of
the database files — leaving only suppression entries and an audit entry."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC
from pathlib import Path

import pytest

from talentdesk.core.errors import ValidationError
from talentdesk.core.privacy.suppression import KEY_SETTING
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import TravelClock
from tests.core.erased_person import MARKERS, found_in_files, make_person, markers_in
from tests.core.merge_people import dump, make_pair


def test_the_bytes_are_gone_from_the_database_its_log_and_the_search_index(
    ws: Workspace, paths: AppPaths, clock: TravelClock
) -> None:
    person = make_person(ws)
    ws.close()  # what they were given settles in the main file, as it has for anyone added
    # long ago (a delete without secure_delete leaves it there: see the README, "Erasure")
    again = Workspace.open(paths, clock, tz=UTC)
    try:
        assert set(found_in_files(paths.database)) == set(MARKERS)  # the scan sees them
        # Debian's SQLite turns secure_delete on by default, python.org's (Windows, macOS)
        # does not: the connection starts as it would there, and the erasure must turn it on.
        again.writer.run(_secure_delete_off(again), label="as on Windows")
        assert again.erasure.erase([person.id]).count == 1
        assert found_in_files(paths.database) == {}
        index = sqlite3.connect(paths.database)
        try:
            # The index's own pages, read as the blobs FTS5 keeps them in, and the raw pages of
            # every FTS5 shadow table, read from the file where dbstat says they are.
            blobs = b"".join(b for (b,) in index.execute("SELECT block FROM candidate_fts_data"))
            assert markers_in(blobs) == []
            pages = _shadow_pages(index, paths.database)
            assert pages is None or (len(pages) > 10 and markers_in(pages) == [])
            assert index.execute(
                "SELECT count(*) FROM candidate_fts WHERE candidate_fts MATCH 'qwyxxelbert'"
            ).fetchone() == (0,)
        finally:
            index.close()
    finally:
        again.close()
    assert found_in_files(paths.database) == {}


def _shadow_pages(index: sqlite3.Connection, database: Path) -> bytes | None:
    """The raw pages of the search index's shadow tables (candidate_fts_data, _idx, _content,
    _docsize, _config), as they are in the file; None for an SQLite without `dbstat` (the
    scan of the whole file covers them there)."""
    size = index.execute("PRAGMA page_size").fetchone()[0]
    sql = "SELECT pageno FROM dbstat WHERE name LIKE 'candidate_fts_%' ORDER BY pageno"
    try:
        numbers = [n for (n,) in index.execute(sql)]
    except sqlite3.OperationalError:
        return None
    data = database.read_bytes()
    return b"".join(data[(n - 1) * size : n * size] for n in numbers)


def _secure_delete_off(ws: Workspace) -> Callable[[], None]:
    def off() -> None:
        raw = ws.writer.connection.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA secure_delete = OFF")

    return off


def test_a_plain_delete_leaves_the_bytes_where_the_scan_finds_them(ws: Workspace) -> None:
    """What the test above guards against: the undoable Delete removes the rows only."""
    person = make_person(ws)
    ws.candidates.delete([person.id])
    assert found_in_files(ws.paths.database)


def test_everything_naming_them_goes_and_only_suppression_and_audit_remain(
    ws: Workspace, clock: TravelClock
) -> None:
    pair = make_pair(ws, clock)
    ws.merging.merge(pair.keep, pair.other)  # the merge record names the merged-away record
    before = dump(ws.paths.database)
    ws.erasure.erase([pair.keep])
    after = dump(ws.paths.database)
    for table in ("candidate_email", "interaction", "reminder", "pool_membership",
                  "application", "application_stage_change", "outbox_message", "consent",
                  "candidate_merge", "duplicate_dismissal", "candidate_fts"):  # fmt: skip
        remaining = [row for row in after[table] if row in before[table]]
        mine = [r for r in before[table] if r not in after[table]]
        assert mine, table  # they had some
        assert all("Anna" not in repr(r) for r in remaining), table
    assert [r[0] for r in after["candidate"]] == [pair.referred]  # Jan, no longer referred
    # 4 addresses, a phone and its last digits (no LinkedIn URL)
    assert len(after["suppression"]) == 6
    assert [(r[2], r[3], r[4]) for r in after["audit_entry"]] == [("erasure", 1, None)]
    assert {r[0] for r in after["app_setting"]} >= {KEY_SETTING}


def test_the_key_is_made_once_and_kept(ws: Workspace) -> None:
    first, second = make_person(ws, others=0), make_person(ws, others=0)

    def stored() -> object:
        connection = sqlite3.connect(ws.paths.database)
        try:
            sql = "SELECT value FROM app_setting WHERE key = ?"
            return connection.execute(sql, (KEY_SETTING,)).fetchone()
        finally:
            connection.close()

    ws.erasure.erase([first.id])
    key = stored()
    ws.erasure.erase([second.id])
    assert key is not None and stored() == key


def test_several_at_once_and_ids_already_gone(ws: Workspace) -> None:
    person = make_person(ws, others=4)
    result = ws.erasure.erase([person.id, *person.others[:2], 999_999])
    assert result.count == 3
    assert ws.candidates.count() == 2
    assert ws.erasure.erase([999_999]).count == 0
    with pytest.raises(ValidationError):
        ws.erasure.erase([])


def test_review_lists_who_and_how_much(ws: Workspace) -> None:
    person = make_person(ws, others=0)
    [row] = ws.erasure.review([person.id])
    assert (row.name, row.interactions, row.outbox) == ("Qwyxxelbert Vuzzquamski", 1, 1)


def test_a_reader_holding_the_log_back_only_delays_the_clean_up(
    ws: Workspace, paths: AppPaths, clock: TravelClock
) -> None:
    person = make_person(ws, others=20)
    ws.close()
    again = Workspace.open(paths, clock, tz=UTC)
    reader = sqlite3.connect(paths.database)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM candidate").fetchone()  # a read left open
        again.erasure.erase([person.id])
        assert found_in_files(paths.database)  # the main file cannot be rewritten yet
        reader.rollback()  # it lets go: the writer empties the log when idle, or before its
        again.writer.run(lambda: None, label="the next write")  # next operation
        assert found_in_files(paths.database) == {}
        assert paths.database.with_name(paths.database.name + "-wal").stat().st_size == 0
    finally:
        reader.close()
        again.close()


def test_a_whole_list_is_erased_whatever_the_sqlite_builds_parameter_limit(
    ws: Workspace,
) -> None:
    """ "Select all N" may hand over more ids than an SQLite build allows parameters (32,766
    by default): the ids go as one parameter. The writer's limit is lowered to show it."""
    person = make_person(ws, others=6)

    def few_parameters() -> None:
        raw = ws.writer.connection.connection.dbapi_connection
        assert isinstance(raw, sqlite3.Connection)
        raw.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 50)

    ws.writer.run(few_parameters, label="a build with a low limit")
    ids = [person.id, *person.others, *range(10_000, 10_200)]
    assert len(ws.erasure.review(ids)) == 7
    assert ws.erasure.erase(ids).count == 7
    assert ws.candidates.count() == 0
