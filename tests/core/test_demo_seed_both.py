"""`seed_demo` on a team database (PostgreSQL): the same people, tags, memberships,
interactions and reminders as on a local file seeded alike, searchable, and the next person
added gets the next id."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC
from typing import Any

import pytest
from sqlalchemy import text

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.clock import Clock
from talentdesk.core.db.datetimes import from_db
from talentdesk.core.db.migrate import Database
from talentdesk.core.demo import seed, seed_demo
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import SERVER_FOR, written_outside
from tests.core.demo_helpers import NOW, db, rows

__all__ = ["db"]  # the fixture, used by name

_PEOPLE = (
    "SELECT id, first_name, last_name, email, city, created_at, last_contact_at FROM candidate"
    " ORDER BY id"
)
_LINKS = (
    ("SELECT candidate_id, tag_id FROM candidate_tag ORDER BY 1, 2"),
    ("SELECT candidate_id, pool_id, stage_id, added_at FROM pool_membership ORDER BY 1, 2"),
    ("SELECT candidate_id, kind, occurred_at, subject FROM interaction ORDER BY id"),
    ("SELECT candidate_id, due_at, note FROM reminder ORDER BY id"),
)


@pytest.fixture
def ws_on_server(paths: AppPaths, clock: Clock, pg_url: str) -> Iterator[Workspace]:
    workspace = Workspace.open(paths.with_database_url(pg_url), clock, tz=UTC)
    SERVER_FOR[paths.database] = pg_url  # written_outside(paths.database) reads there
    yield workspace
    workspace.close()
    SERVER_FOR.pop(paths.database, None)


def _same(value: object) -> object:
    """Times compared as instants (text on SQLite, timestamps on a server)."""
    if isinstance(value, str) and len(value) == 26 and value[4] == "-" and value[10] == " ":
        return from_db(value)
    if hasattr(value, "tzinfo"):
        return from_db(value)  # type: ignore[arg-type]
    return value


def _on_server(ws: Workspace, sql: str) -> list[tuple[Any, ...]]:
    with written_outside(ws.paths.database) as connection:
        return [tuple(_same(v) for v in row) for row in connection.execute(text(sql))]


def _local(database: Database, sql: str) -> list[tuple[Any, ...]]:
    return [tuple(_same(v) for v in row) for row in rows(database, sql)]


def test_the_server_holds_what_the_local_file_holds(ws_on_server: Workspace, db: Database) -> None:
    ws = ws_on_server
    calls: list[tuple[int, int]] = []
    summary = seed_demo(ws.db, 120, NOW, progress=lambda d, t: calls.append((d, t)))
    local = seed_demo(db, 120, NOW)
    assert summary == local and calls == [(120, 120)]
    assert _on_server(ws, _PEOPLE) == _local(db, _PEOPLE)
    for sql in _LINKS:
        assert _on_server(ws, sql) == _local(db, sql), sql

    [(last_name,)] = _on_server(ws, "SELECT last_name FROM candidate WHERE id = 7")
    assert 7 in ws.listing.ids(ListQuery(search=str(last_name)))
    added = ws.candidates.create(CandidateRecord("Next", "One"))
    assert added == 121
    again = seed_demo(ws.db, 10, NOW, rng_seed=2)
    assert again.candidates == 10
    assert _on_server(ws, "SELECT min(id), max(id), count(*) FROM candidate") == [(1, 131, 131)]


def test_a_seed_stopped_halfway_leaves_nothing_on_the_server(
    ws_on_server: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = ws_on_server
    monkeypatch.setattr(seed, "_BATCH", 20)

    def progress(done: int, _total: int) -> None:
        if done == 60:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        seed_demo(ws.db, 200, NOW, progress=progress)
    for table in ("candidate", "candidate_fts", "interaction", "reminder", "tag", "pool"):
        assert _on_server(ws, f"SELECT count(*) FROM {table}") == [(0,)], table
    assert seed_demo(ws.db, 30, NOW).candidates == 30
    assert _on_server(ws, "SELECT min(id), max(id) FROM candidate") == [(1, 30)]
