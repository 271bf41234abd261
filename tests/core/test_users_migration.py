"""Migration 0015 (who did what): a local file's rows become its one user's, named after the
login; a team database's stay nobody's until its recruiters connect. Both ways on both."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from sqlalchemy import Connection, inspect, text

from talentdesk.core.db.engine import make_engine, set_foreign_keys
from talentdesk.core.db.enums import InteractionKind
from talentdesk.core.db.migrate import downgrade, upgrade
from talentdesk.core.db.server import make_server_engine
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import TravelClock

COLUMNS = {
    "candidate": "owner_id",
    "interaction": "created_by_id",
    "reminder": "owner_id",
    "pool_membership": "stage_changed_by_id",
    "application_stage_change": "by_id",
}


@pytest.fixture(autouse=True)
def _login(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.setenv(name, "marta")
    monkeypatch.delenv("TALENTDESK_USER", raising=False)


def _migrate(backend: str, paths: AppPaths, to: str) -> None:
    if backend == "sqlite":
        engine = make_engine(paths.database)
        with engine.connect() as connection:
            set_foreign_keys(connection, False)
            with connection.begin():
                _to(connection, to)
    else:
        assert paths.database_url is not None
        engine = make_server_engine(paths.database_url)
        with engine.begin() as connection:
            _to(connection, to)
    engine.dispose()


def _to(connection: Connection, to: str) -> None:
    (upgrade if to == "head" else downgrade)(connection, to)


def _filled(paths: AppPaths, clock: TravelClock) -> None:
    ws = Workspace.open(paths, clock, tz=UTC)
    try:
        cid = ws.candidates.create(CandidateRecord(first_name="Ola", last_name="Nowak"))
        ws.interactions.log(cid, InteractionKind.CALL, subject="Intro call")
        ws.reminders.add(cid, clock() + timedelta(days=1))
        pool = ws.pools.create("Backend")
        ws.pools.add_members(pool, [cid])
    finally:
        ws.close()


def _read(backend: str, paths: AppPaths, sql: str) -> list[tuple[object, ...]]:
    engine = (
        make_engine(paths.database)
        if backend == "sqlite"
        else make_server_engine(str(paths.database_url))
    )
    try:
        with engine.connect() as connection:
            if sql == "tables":
                return [(t,) for t in sorted(inspect(connection).get_table_names())]
            return [tuple(row) for row in connection.execute(text(sql))]
    finally:
        engine.dispose()


def test_older_rows_become_the_local_users_or_stay_nobodys(
    backend: str, paths: AppPaths, clock: TravelClock, request: pytest.FixtureRequest
) -> None:
    if backend == "postgresql":
        paths = paths.with_database_url(request.getfixturevalue("pg_url"))
    _filled(paths, clock)
    _migrate(backend, paths, "0014")
    assert ("app_user",) not in _read(backend, paths, "tables")
    _migrate(backend, paths, "head")
    users = _read(backend, paths, "SELECT id, name FROM app_user")
    owners = {
        table: _read(backend, paths, f"SELECT DISTINCT {column} FROM {table}")
        for table, column in COLUMNS.items()
        if table != "application_stage_change"  # none made here
    }
    if backend == "sqlite":
        [(marta, name)] = users
        assert name == "marta"
        assert all(v == [(marta,)] for v in owners.values())
    else:
        assert users == []  # each recruiter is added when they connect
        assert all(v == [(None,)] for v in owners.values())
