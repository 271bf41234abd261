"""The connection test against a real PostgreSQL server (tests/pg_server.py: no TLS, passwords
checked with scram-sha-256): connected but unencrypted, a wrong password, a missing database,
TLS asked of a server without it, and what it says about the tables it finds."""

from __future__ import annotations

import pytest

from talentdesk.core.db.preflight import schema_head
from talentdesk.core.team.connection import TeamConnection, TlsMode
from talentdesk.core.team.outcome import Verdict
from talentdesk.core.team.probe import test_connection as probe
from tests.pg_server import PASSWORD, SUPERUSER, PostgresServer


def _conn(
    postgres: PostgresServer, database: str, tls: TlsMode = TlsMode.DISABLE
) -> TeamConnection:
    return TeamConnection(postgres.host, database, SUPERUSER, postgres.port, tls)


@pytest.fixture
def database(postgres: PostgresServer) -> str:
    name = postgres.create_database()
    yield name  # type: ignore[misc]
    postgres.drop_database(name)


def test_connected_unencrypted_is_a_warning(postgres: PostgresServer, database: str) -> None:
    outcome = probe(_conn(postgres, database), PASSWORD)
    assert outcome.connected and outcome.verdict is Verdict.UNENCRYPTED
    assert outcome.encrypted is False and outcome.server_version
    assert outcome.text().startswith(
        f"Connected, unencrypted: PostgreSQL {outcome.server_version}, but names, notes and "
        "e-mails cross the network readable"
    )
    # The extensions' functions are there, but no table: empty.
    assert outcome.schema == "The database is empty: TalentDesk sets it up when it first opens it."


def test_a_wrong_password(postgres: PostgresServer, database: str) -> None:
    outcome = probe(_conn(postgres, database), "not the password")
    assert outcome.verdict is Verdict.AUTH_FAILED and not outcome.connected
    assert outcome.text() == (
        f"Wrong user or password: the server refused user {SUPERUSER} with this password.\n"
        "Check the user name and the password you were given."
    )


def test_no_password_at_all(postgres: PostgresServer, database: str) -> None:
    assert probe(_conn(postgres, database), None).verdict is Verdict.PASSWORD_NEEDED


def test_a_database_that_does_not_exist(postgres: PostgresServer) -> None:
    outcome = probe(_conn(postgres, "no_such_team"), PASSWORD)
    assert outcome.verdict is Verdict.NO_DATABASE
    assert outcome.text().startswith(
        "Database does not exist: the server has no database named no_such_team."
    )


def test_tls_asked_of_a_server_without_it(postgres: PostgresServer, database: str) -> None:
    for tls in (TlsMode.REQUIRE, TlsMode.VERIFY_FULL):
        outcome = probe(_conn(postgres, database, tls), PASSWORD)
        assert outcome.verdict is Verdict.TLS_UNSUPPORTED, outcome.text()
        assert outcome.title == "The server does not offer encryption"


def test_what_the_tables_say(postgres: PostgresServer, database: str) -> None:
    conn = _conn(postgres, database)
    import psycopg

    def run(sql: str) -> None:
        with psycopg.connect(**conn.libpq_params(), password=PASSWORD, autocommit=True) as db:
            db.execute(sql)  # type: ignore[arg-type]

    run("CREATE TABLE someone_elses (id int)")
    assert "holds 1 table, but not TalentDesk's" in (probe(conn, PASSWORD).schema or "")
    run("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)")
    run(f"INSERT INTO alembic_version VALUES ('{schema_head()}')")
    assert probe(conn, PASSWORD).schema == (
        f"TalentDesk's tables are there (revision {schema_head()}, up to date)."
    )
    run("UPDATE alembic_version SET version_num = '0001'")
    assert "(revision 0001); this TalentDesk upgrades them" in (probe(conn, PASSWORD).schema or "")
    run("UPDATE alembic_version SET version_num = '9999'")
    assert "at revision 9999, newer than this TalentDesk knows" in (
        probe(conn, PASSWORD).schema or ""
    )
