"""The server goes away (issue 18), the edge cases of the write path on a real PostgreSQL server:
a connection the server ended while the app was idle, a connection lost during COMMIT (on either
side of the server receiving it), and a server that is down when the writer's thread starts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC
from pathlib import Path
from typing import Any

import psycopg
import pytest

from talentdesk.core.clock import Clock
from talentdesk.core.db.migrate import Database
from talentdesk.core.db.server_open import open_server_database
from talentdesk.core.db.server_reader import ServerReader
from talentdesk.core.diagnose import ServerConnectionError
from talentdesk.core.ops.jobs import OpDone
from talentdesk.core.ops.server_link import OutcomeUnknownError, transaction_status
from talentdesk.core.records import CandidateRecord
from talentdesk.core.team.reachable import is_server_away, ping
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.pg_proxy import CommitCutter
from tests.pg_server import PostgresServer
from tests.polling import poll


def _open(url: str, folder: Path, clock: Clock) -> Workspace:
    return Workspace.open(AppPaths(folder).with_database_url(url), clock, tz=UTC)


def _direct(url: str) -> psycopg.Connection[Any]:
    return psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)


def _stored(url: str) -> list[tuple[str, int]]:
    with _direct(url) as connection:
        rows = connection.execute("SELECT first_name, version FROM candidate ORDER BY id")
        return [(str(name), int(version)) for name, version in rows]


@pytest.fixture
def cutter(pg_url: str) -> Iterator[CommitCutter]:
    proxy = CommitCutter(pg_url)
    yield proxy
    proxy.close()


@pytest.fixture
def cut_ws(cutter: CommitCutter, tmp_path: Path, clock: Clock) -> Iterator[Workspace]:
    ws = _open(cutter.url_text(), tmp_path / "desk", clock)
    yield ws
    ws.close()


def _renamed(ws: Workspace, candidate_id: int, name: str) -> CandidateRecord:
    record = ws.candidates.get(candidate_id)
    record.first_name = name
    return record


def test_connections_the_server_ended_while_idle_are_made_again_for_the_first_save(
    pg_url: str, postgres: PostgresServer, tmp_path: Path, clock: Clock
) -> None:
    ws = _open(pg_url, tmp_path / "desk", clock)
    try:
        anna = ws.candidates.create(CandidateRecord("Anna", "Berg", "anna@x.example"))
        assert ws.reader.execute("SELECT count(*) FROM candidate").fetchone() == (1,)
        record = _renamed(ws, anna, "Anne")
        database = pg_url.rsplit("/", 1)[1]
        with postgres.admin() as admin:
            ended = admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND application_name = 'TalentDesk'",
                [database],
            ).fetchall()
            assert len(ended) >= 2  # the writer's and the reader's at least

            def gone() -> bool:
                left = admin.execute(
                    "SELECT count(*) FROM pg_stat_activity"
                    " WHERE datname = %s AND application_name = 'TalentDesk'",
                    [database],
                ).fetchone()
                return bool(left == (0,))

            assert poll(gone, seconds=30, every=0.05)
        ws.candidates.update(anna, record)  # the first save after it works
        assert _stored(pg_url) == [("Anne", 2)]
        assert ws.reader.execute("SELECT first_name FROM candidate").fetchall() == [("Anne",)]
    finally:
        ws.close()


def test_a_commit_the_server_received_before_the_connection_went_is_saved_once(
    cut_ws: Workspace, cutter: CommitCutter, pg_url: str
) -> None:
    anna = cut_ws.candidates.create(CandidateRecord("Anna", "Berg", "anna@x.example"))
    heard: list[OpDone] = []
    cut_ws.db.writer.add_listener(heard.append)
    record = _renamed(cut_ws, anna, "Anne")
    cutter.cut_next_commit("after")
    cut_ws.candidates.update(anna, record)  # told "saved": it was
    assert cutter.cut_done.is_set()
    assert _stored(pg_url) == [("Anne", 2)]  # applied once
    assert [done.error for done in heard] == [None]
    # The write path works on, on a new connection.
    cut_ws.candidates.update(anna, _renamed(cut_ws, anna, "Annie"))
    assert _stored(pg_url) == [("Annie", 3)]


def test_a_commit_that_never_reached_the_server_is_reported_not_saved(
    cut_ws: Workspace, cutter: CommitCutter, pg_url: str
) -> None:
    anna = cut_ws.candidates.create(CandidateRecord("Anna", "Berg", "anna@x.example"))
    record = _renamed(cut_ws, anna, "Anne")
    cutter.cut_next_commit("before")
    with pytest.raises(ServerConnectionError) as failed:
        cut_ws.candidates.update(anna, record)
    assert not isinstance(failed.value, OutcomeUnknownError)
    assert "not saved" in str(failed.value)
    assert is_server_away(failed.value)
    assert _stored(pg_url) == [("Anna", 1)]
    cut_ws.candidates.update(anna, record)  # the form's edits, saved again: once
    assert _stored(pg_url) == [("Anne", 2)]


def test_an_outcome_the_server_cannot_tell_yet_is_told_once_it_answers(
    cut_ws: Workspace, cutter: CommitCutter, pg_url: str
) -> None:
    anna = cut_ws.candidates.create(CandidateRecord("Anna", "Berg", "anna@x.example"))
    heard: list[OpDone] = []
    cut_ws.db.writer.add_listener(heard.append)
    record = _renamed(cut_ws, anna, "Anne")
    cutter.refusing = True  # once the COMMIT is cut off, the server looks away
    cutter.cut_next_commit("after")
    with pytest.raises(OutcomeUnknownError) as unknown:
        cut_ws.candidates.update(anna, record)
    assert is_server_away(unknown.value)
    assert "whether it was saved" in unknown.value.message
    assert _stored(pg_url) == [("Anne", 2)]  # it did commit; the app cannot know yet
    assert cut_ws.ping() is False
    cutter.refusing = False
    assert cut_ws.ping() is True
    saved = [done for done in heard if done.error is None and done.changes.candidates]
    assert [done.label for done in saved] == [heard[0].label]  # heard once it was known


def test_the_status_of_a_committed_and_an_aborted_transaction(pg_url: str) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(pg_url)
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("CREATE TABLE t (x int)")
            committed = connection.exec_driver_sql("SELECT pg_current_xact_id()::text").scalar()
            connection.commit()
            connection.exec_driver_sql("INSERT INTO t VALUES (1)")
            aborted = connection.exec_driver_sql("SELECT pg_current_xact_id()::text").scalar()
            connection.rollback()
            assert transaction_status(connection, str(committed)) == "committed"
            assert transaction_status(connection, str(aborted)) == "aborted"
            connection.rollback()
    finally:
        engine.dispose()


def test_a_write_path_started_while_the_server_is_down_comes_up_once_it_answers(
    own_pg_url: str, own_postgres: PostgresServer, tmp_path: Path
) -> None:
    db = open_server_database(own_pg_url, tmp_path / "marker")  # its writer's thread not started
    reader = ServerReader(own_pg_url)
    try:
        own_postgres.stop()
        first = db.writer.submit(lambda: _count(db), label="first write")  # the thread starts
        with pytest.raises(ServerConnectionError):
            first.result(timeout=60)
        assert ping(reader, db.writer) is False
        own_postgres.start()
        assert ping(reader, db.writer) is True  # the banner's retry: the write path is up
        assert db.writer.submit(lambda: _count(db), label="a write").result(timeout=60) == 0
    finally:
        reader.close()
        db.close()


def _count(db: Database) -> int:
    return int(db.writer.connection.exec_driver_sql("SELECT count(*) FROM candidate").scalar_one())
