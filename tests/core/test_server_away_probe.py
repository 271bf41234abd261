"""The server goes away (issue 18), the core's part: `ws.ping()` says whether the team
database answers, and once it does again, reads and writes work without reopening anything."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest

from talentdesk.core.clock import Clock
from talentdesk.core.db.server_open import ServerUnreachableError
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.records import CandidateRecord
from talentdesk.core.team.reachable import is_server_away
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.pg_server import PostgresServer


@pytest.fixture
def team_ws(own_pg_url: str, tmp_path: Path, clock: Clock) -> Iterator[Workspace]:
    ws = Workspace.open(AppPaths(tmp_path / "desk").with_database_url(own_pg_url), clock, tz=UTC)
    yield ws
    ws.close()


def _names(ws: Workspace) -> list[str]:
    rows = ws.reader.execute("SELECT first_name FROM candidate ORDER BY id").fetchall()
    return [str(row[0]) for row in rows]


def test_ping_says_when_the_server_is_away_and_back(
    team_ws: Workspace, own_postgres: PostgresServer
) -> None:
    ws = team_ws
    anna = ws.candidates.create(CandidateRecord("Anna", "Berg", "anna@x.example"))
    assert ws.ping() is True

    own_postgres.stop()
    assert ws.ping() is False
    with pytest.raises(TalentDeskError) as failed:
        ws.candidates.update(anna, CandidateRecord("Anne", "Berg", "anna@x.example"))
    assert is_server_away(failed.value)
    with pytest.raises(ServerUnreachableError):
        _names(ws)

    own_postgres.start()
    assert ws.ping() is True
    # Both connections are new: nothing half-written, and the next write lands.
    assert _names(ws) == ["Anna"]
    record = ws.candidates.get(anna)
    record.first_name = "Anne"
    ws.candidates.update(anna, record)
    assert _names(ws) == ["Anne"]


def test_ping_on_the_local_file_is_always_true(ws: Workspace) -> None:
    assert ws.ping() is True


def test_a_server_that_answers_with_an_error_is_not_away(team_ws: Workspace) -> None:
    import psycopg

    with pytest.raises(psycopg.Error) as failed:
        team_ws.reader.execute("SELECT 1 / 0")
    assert not is_server_away(failed.value)


def test_the_colleagues_listener_tells_when_its_connection_drops(
    team_ws: Workspace, own_postgres: PostgresServer
) -> None:
    lost = threading.Event()
    listener = team_ws.listen_to_colleagues(lambda changes: None, lost.set)
    assert team_ws.db is not None  # the write side loaded: the listener starts
    assert listener.listening.wait(30)
    own_postgres.stop()
    assert lost.wait(30)
    own_postgres.start()
    assert listener.listening.wait(60)  # and it listens again by itself
    listener.close()
