"""Migration 0016 gives every candidate of an older database (a file, or a team database on a
server) a version, 1, from which the edit forms' checks start; a downgrade takes it away."""

from __future__ import annotations

from datetime import UTC

import pytest
from sqlalchemy import Engine, inspect

from talentdesk.core.db.engine import make_engine, set_foreign_keys
from talentdesk.core.db.migrate import downgrade
from talentdesk.core.db.server import make_server_engine
from talentdesk.core.edit_conflict import EditConflictError
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)


def _engine(paths: AppPaths) -> Engine:
    url = paths.database_url
    return make_engine(paths.database) if url is None else make_server_engine(url)


def _before_0016(paths: AppPaths) -> list[str]:
    """Downgrade below 0016 (wherever the chain puts it); the candidate table's columns."""
    engine = _engine(paths)
    try:
        with engine.connect() as conn:
            if paths.database_url is None:
                set_foreign_keys(conn, False)
            with conn.begin():
                downgrade(conn, "0016-1")
            return [c["name"] for c in inspect(conn).get_columns("candidate")]
    finally:
        engine.dispose()


def test_an_older_database_gets_versions_from_1(ws: Workspace) -> None:
    paths, clock = ws.paths, ws.clock
    anna = ws.candidates.create(CandidateRecord(first_name="Anna", last_name="Kowalska"))
    jan = ws.candidates.create(CandidateRecord(first_name="Jan", last_name="Nowak"))
    ws.candidates.update(anna, _renamed(ws, anna))  # at version 2, until the downgrade
    ws.close()
    assert "version" not in _before_0016(paths)

    again = Workspace.open(paths, clock, tz=UTC)  # upgrades to the head
    try:
        assert [again.candidates.get(i).version for i in (anna, jan)] == [1, 1]
        stale = again.candidates.get(anna)
        fresh = again.candidates.get(anna)
        fresh.city = "Gdańsk"
        assert again.candidates.update(anna, fresh).version == 2
        stale.city = "Poznań"
        with pytest.raises(EditConflictError):
            again.candidates.update(anna, stale)
    finally:
        again.close()


def _renamed(ws: Workspace, candidate_id: int) -> CandidateRecord:
    record = ws.candidates.get(candidate_id)
    record.first_name = "Ania"
    return record
