"""What a team database's errors say (core/diagnose.py). psycopg files a lock waited on past
`lock_timeout`, a deadlock, a time limit and a lost connection all as OperationalError; each
is told in its own words (a lock once read "the server could not be reached"). Real errors of
a real server, raised through SQLAlchemy as the write path meets them."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import Connection, Engine, create_engine, exc, make_url

from talentdesk.core.diagnose import BusyTooLongError, ServerConnectionError, explain
from talentdesk.core.errors import TalentDeskError
from tests.pg_fixtures import pg_url, postgres  # noqa: F401


@pytest.fixture
def engine(pg_url: str) -> Iterator[Engine]:  # noqa: F811
    engine = create_engine(pg_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE person (id int PRIMARY KEY, name text)")
        connection.exec_driver_sql("INSERT INTO person VALUES (1, 'Anna'), (2, 'Jan')")
    yield engine
    engine.dispose()


def _failure(connection: Connection, *statements: str) -> exc.OperationalError:
    with pytest.raises(exc.OperationalError) as caught:
        for statement in statements:
            connection.exec_driver_sql(statement)
    return caught.value


def test_a_lock_held_past_the_wait_says_busy_not_unreachable(engine: Engine) -> None:
    with engine.connect() as importer, engine.connect() as colleague:
        importer.begin()
        importer.exec_driver_sql("LOCK TABLE person IN SHARE ROW EXCLUSIVE MODE")
        colleague.begin()
        error = _failure(
            colleague,
            "SET LOCAL lock_timeout = 200",
            "UPDATE person SET name = 'Anna K' WHERE id = 1",
        )
    explained = explain(error)
    assert isinstance(explained, BusyTooLongError)
    assert explained.message == (
        "The database stayed busy for 30 s: a colleague's change (a large import finishing,"
        " say) held what this needed."
    )
    assert explained.hint == "Nothing was changed. Try again once the other work has finished."


def test_a_deadlock_says_the_changes_crossed(engine: Engine) -> None:
    with engine.connect() as first, engine.connect() as second:
        first.begin()
        second.begin()
        first.exec_driver_sql("UPDATE person SET name = 'a' WHERE id = 1")
        second.exec_driver_sql("UPDATE person SET name = 'b' WHERE id = 2")
        errors: list[BaseException] = []

        def cross() -> None:
            try:
                first.exec_driver_sql("UPDATE person SET name = 'a' WHERE id = 2")
            except exc.OperationalError as error:
                errors.append(error)
                first.rollback()

        waiting = threading.Thread(target=cross)
        waiting.start()
        try:  # waits until the first is waiting on it, then one of the two is chosen
            second.exec_driver_sql(
                "DO $$ BEGIN WHILE NOT EXISTS (SELECT 1 FROM pg_stat_activity"
                " WHERE datname = current_database() AND wait_event_type = 'Lock')"
                " LOOP PERFORM pg_sleep(0.01); END LOOP; END $$"
            )
            second.exec_driver_sql("UPDATE person SET name = 'b' WHERE id = 1")
        except exc.OperationalError as error:
            errors.append(error)
            second.rollback()
        waiting.join()
    assert len(errors) == 1
    explained = explain(errors[0])
    assert explained is not None
    assert explained.message == "This change crossed a colleague's, made at the same moment."
    assert explained.hint == "Nothing was changed. Try again."


def test_other_refusals_quote_the_server(engine: Engine) -> None:
    with engine.connect() as connection:
        connection.begin()
        error = _failure(connection, "SET LOCAL statement_timeout = 50", "SELECT pg_sleep(5)")
    explained = explain(error)
    assert isinstance(explained, TalentDeskError)
    assert not isinstance(explained, ServerConnectionError)
    assert explained.message == (
        "The team database's server stopped this change:"
        " canceling statement due to statement timeout"
    )


def test_a_refused_connection_is_still_the_server_away(pg_url: str) -> None:  # noqa: F811
    engine = create_engine(make_url(pg_url).set(port=1))  # nothing listens there
    try:
        with pytest.raises(exc.OperationalError) as caught:
            engine.connect()
    finally:
        engine.dispose()
    assert isinstance(explain(caught.value), ServerConnectionError)
