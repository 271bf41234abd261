"""Test a team database connection: connect with psycopg, read-only, and say what happened
(see outcome.py) and, once connected, the server's version, whether the connection is
encrypted and whether TalentDesk's tables are there (at which revision) or the database is
empty. Nothing is written."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from talentdesk.core.team.connection import TeamConnection, TlsMode
from talentdesk.core.team.outcome import UNENCRYPTED_WARNING, Outcome, Verdict, classify

if TYPE_CHECKING:
    import psycopg

log = logging.getLogger(__name__)
TIMEOUT_S = 10


def test_connection(
    conn: TeamConnection, password: str | None, timeout_s: int = TIMEOUT_S
) -> Outcome:
    """Connect once and report; a failure is an Outcome, never an exception."""
    import psycopg

    params = conn.libpq_params()
    if password:
        params["password"] = password
    try:
        with psycopg.connect(
            connect_timeout=max(2, timeout_s), application_name="TalentDesk test", **params
        ) as db:
            db.read_only = True
            outcome = _connected(conn, db)
    except psycopg.Error as exc:
        outcome = classify(conn, str(exc))
    log.info("team database test %s: %s", conn.label, outcome.verdict.value)
    return outcome


def _connected(conn: TeamConnection, db: psycopg.Connection[tuple[object, ...]]) -> Outcome:
    version = str(db.execute("SHOW server_version").fetchone()[0]).split(" ")[0]  # type: ignore[index]
    encrypted = bool(db.info.pgconn.ssl_in_use)
    schema = schema_state(db)
    if not encrypted:
        return Outcome(
            Verdict.UNENCRYPTED,
            f"PostgreSQL {version}, but {UNENCRYPTED_WARNING}.",
            "Use an encrypted connection unless this network is trusted.",
            server_version=version,
            encrypted=False,
            schema=schema,
        )
    how = "server verified" if conn.tls is TlsMode.VERIFY_FULL else "server not verified"
    return Outcome(
        Verdict.CONNECTED,
        f"PostgreSQL {version}, encrypted ({how}).",
        server_version=version,
        encrypted=True,
        schema=schema,
    )


def schema_state(db: psycopg.Connection[tuple[object, ...]]) -> str:
    """Whether TalentDesk's tables are there and at which revision, or the database is empty."""
    from talentdesk.core.db.preflight import known_revisions

    tables = db.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
    ).fetchone()
    count = int(tables[0]) if tables else 0  # type: ignore[call-overload]
    if count == 0:
        return "The database is empty: TalentDesk sets it up when it first opens it."
    found = db.execute("SELECT to_regclass('alembic_version') IS NOT NULL").fetchone()
    if not (found and found[0]):
        return (
            f"The database holds {count} table{'s' if count != 1 else ''}, but not "
            "TalentDesk's: use an empty database or one TalentDesk set up."
        )
    row = db.execute("SELECT version_num FROM alembic_version").fetchone()
    revision = str(row[0]) if row else "none"
    known = known_revisions()
    if revision == known[-1]:
        return f"TalentDesk's tables are there (revision {revision}, up to date)."
    if revision in known:
        return (
            f"TalentDesk's tables are there (revision {revision}); this TalentDesk upgrades "
            f"them to {known[-1]} when it opens the database."
        )
    return (
        f"TalentDesk's tables are there at revision {revision}, newer than this TalentDesk "
        f"knows ({known[-1]}): update TalentDesk before opening it."
    )
