"""The one write path: writes from many threads take turns, an operation is all or nothing,
nothing writes past it, a write waits for another process (saying what for), and another
process's commits are heard."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from talentdesk.core.db.enums import InteractionKind
from talentdesk.core.diagnose import (
    BusyTooLongError,
    CancelledError,
    explain,
)
from talentdesk.core.errors import DiskFullError, NotFoundError
from talentdesk.core.ops.activity import ActivityNote
from talentdesk.core.ops.changes import Changes
from talentdesk.core.ops.writer import OpDone, Waiting, WouldBlockError
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace

WAIT_S = 10  # how long a test waits for a state before it fails


def names(ws: Workspace) -> list[str]:
    return [r[0] for r in ws.reader.execute("SELECT first_name FROM candidate ORDER BY id")]


@pytest.fixture
def held(ws: Workspace) -> Iterator[sqlite3.Connection]:
    """Another program holding the database's write lock until the test commits."""
    ws.db  # noqa: B018  (created before the other program opens it)
    other = sqlite3.connect(ws.paths.database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO pool (name, colour, created_at) VALUES ('Theirs', '#000', '2026')")
    yield other
    if other.in_transaction:
        other.execute("ROLLBACK")
    other.close()


def in_thread(fn: Callable[[], object]) -> tuple[threading.Thread, list[object]]:
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(fn())
        except BaseException as exc:  # handed to the test
            outcome.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def test_writes_from_many_threads_take_turns(ws: Workspace) -> None:
    def add(n: int) -> None:
        for i in range(20):
            ws.candidates.create(CandidateRecord(f"T{n}-{i}", "Nowak"))

    threads = [threading.Thread(target=add, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert ws.candidates.count() == 120  # no "database is locked"


def test_an_operation_is_all_or_nothing(ws: Workspace) -> None:
    def two_writes_then_a_failure() -> None:
        anna = ws.candidates.create(CandidateRecord("Anna", "Kowalska"))
        ws.pools.add_members(ws.pools.create("Backend"), [anna])
        ws.interactions.log(anna + 1000, InteractionKind.CALL, subject="nobody")

    with pytest.raises(NotFoundError):
        ws.writer.run(two_writes_then_a_failure, label="test")
    assert names(ws) == []
    assert ws.reads.pool_summaries() == []


def test_an_operation_reports_what_it_changed(ws: Workspace) -> None:
    heard: list[OpDone] = []
    ws.writer.add_listener(heard.append)
    anna = ws.candidates.create(CandidateRecord("Anna", "Kowalska"))
    pool = ws.pools.create("Backend")
    ws.pools.add_members(pool, [anna])
    assert [d.changes for d in heard] == [
        Changes.of([anna], candidate_list=True),
        Changes(pools=True),
        Changes.of([anna], pools=True, reminders=True, candidate_list=True),
    ]


def test_nothing_writes_past_the_write_path(ws: Workspace) -> None:
    """The services' read sessions are query_only: SQLite itself refuses a write there."""
    from sqlalchemy import text

    with ws.db.sessions() as session, pytest.raises(Exception) as raised:
        session.execute(text("INSERT INTO pool (name, colour, created_at) VALUES ('x', '', '')"))
    assert "readonly" in str(raised.value)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        ws.reader.execute("DELETE FROM candidate")


def test_a_thread_that_must_never_wait_cannot_wait_for_a_write(ws: Workspace) -> None:
    ws.writer.never_wait_in(threading.current_thread())
    with pytest.raises(WouldBlockError):
        ws.candidates.create(CandidateRecord("Anna", "Kowalska"))
    future = ws.writer.submit(
        lambda: ws.candidates.create(CandidateRecord("Anna", "Kowalska")), label="test"
    )
    assert future.result(WAIT_S) > 0  # submitting is how it writes


def test_a_write_waits_for_another_process_says_so_and_then_lands(
    ws: Workspace, held: sqlite3.Connection, tmp_path: Path
) -> None:
    # The other program is a TalentDesk importing a file: its note says so.
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        note = ActivityNote(ws.paths.database)
        note.path.write_text(f'{{"pid": {other.pid}, "what": "importing people.csv"}}')
        waits: list[Waiting | None] = []
        waiting = threading.Event()
        ws.writer.add_wait_listener(lambda w: (waits.append(w), waiting.set()))

        thread, outcome = in_thread(lambda: ws.candidates.create(CandidateRecord("Anna", "K")))
        assert waiting.wait(WAIT_S)
        assert waits[0] is not None
        assert waits[0].text() == (
            "Waiting: another TalentDesk is importing people.csv… (adding a candidate will follow)"
        )
        assert thread.is_alive() and names(ws) == []
        held.execute("COMMIT")  # the import lets go
        thread.join(WAIT_S)
        assert isinstance(outcome[0], int)
        assert names(ws) == ["Anna"]
        assert waits[-1] is None  # no longer waiting
        assert [p.name for p in ws.reads.pool_summaries()] == ["Theirs"]
    finally:
        other.kill()
        other.wait()


def test_a_waiting_write_can_be_cancelled_and_changes_nothing(
    ws: Workspace, held: sqlite3.Connection
) -> None:
    stop = threading.Event()
    waiting = threading.Event()
    ws.writer.add_wait_listener(lambda w: w is not None and waiting.set())
    future = ws.writer.submit(
        lambda: ws.candidates.create(CandidateRecord("Anna", "K")),
        label="saving Anna",
        cancel=stop.is_set,
    )
    assert waiting.wait(WAIT_S)
    stop.set()
    with pytest.raises(CancelledError, match="Nothing was changed"):
        future.result(WAIT_S)
    held.execute("COMMIT")
    assert names(ws) == []
    ws.candidates.create(CandidateRecord("Bartek", "Nowak"))  # the writer goes on
    assert names(ws) == ["Bartek"]


def test_the_command_line_stops_waiting_after_its_limit(
    paths, clock, held_elsewhere: Callable[[], sqlite3.Connection]
) -> None:
    ws = Workspace.open(paths, clock, max_wait_s=0.5)
    try:
        other = held_elsewhere()
        with pytest.raises(BusyTooLongError, match="another program is writing"):
            ws.candidates.create(CandidateRecord("Anna", "K"))
        other.execute("ROLLBACK")
        assert names(ws) == []
    finally:
        ws.close()


@pytest.fixture
def held_elsewhere(paths) -> Iterator[Callable[[], sqlite3.Connection]]:
    held: list[sqlite3.Connection] = []

    def hold() -> sqlite3.Connection:
        conn = sqlite3.connect(paths.database, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        held.append(conn)
        return conn

    yield hold
    for conn in held:
        conn.close()


def test_another_processs_commit_is_heard(ws: Workspace) -> None:
    heard = threading.Event()
    ws.writer.add_listener(lambda done: done.changes.external and heard.set())
    ws.writer.start()
    ws.candidates.create(CandidateRecord("Anna", "K"))  # our own commit is not "external"
    assert not heard.is_set()
    other = sqlite3.connect(ws.paths.database, isolation_level=None)
    try:
        other.execute("UPDATE candidate SET city = 'Kraków'")
    finally:
        other.close()
    assert heard.wait(WAIT_S)


def test_disk_full_in_an_operation_is_explained_and_nothing_is_written(ws: Workspace) -> None:
    """A real SQLITE_FULL: the write connection may not grow the file past its size."""
    ws.candidates.create(CandidateRecord("Anna", "Kowalska"))

    def cap() -> None:
        raw = ws.writer.connection.connection.dbapi_connection
        pages = raw.execute("PRAGMA page_count").fetchone()[0]
        raw.execute(f"PRAGMA max_page_count = {pages}")

    ws.writer.run(cap, label="test")

    def many() -> None:
        for i in range(3000):
            ws.candidates.create(CandidateRecord(f"P{i}", "Nowak", notes="x" * 500))

    with pytest.raises(DiskFullError, match="The disk is full") as raised:
        ws.writer.run(many, label="adding many")
    assert "Free some disk space" in raised.value.hint
    assert names(ws) == ["Anna"]


def test_environment_errors_are_told_apart_from_bugs() -> None:
    import errno

    full = explain(OSError(errno.ENOSPC, "No space left on device", "/x/a.csv"))
    assert full is not None and full.message == "The disk holding /x/a.csv is full."
    assert explain(KeyError("a bug")) is None
