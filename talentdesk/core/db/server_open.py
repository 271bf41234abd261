"""Opening a team database on a PostgreSQL server (team mode): refuse one a newer TalentDesk
wrote, or one that holds other tables; create the schema in an empty one; upgrade an older one
with the same migrations as a SQLite file. migrate.py does the same for a file.

No backup is made before an upgrade: a server's backups are its administrators' (pg_dump).
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text

from talentdesk.core.db.engine import make_session_factory
from talentdesk.core.db.migrate import Database, create_schema, upgrade
from talentdesk.core.db.preflight import known_revisions, schema_head
from talentdesk.core.db.server import (
    describe,
    make_server_engine,
    make_server_read_engine,
    make_server_write_engine,
    parse_url,
)
from talentdesk.core.db.sessions import Sessions
from talentdesk.core.errors import DatabaseTooNewError, TalentDeskError
from talentdesk.core.ops.activity import ActivityNote
from talentdesk.core.ops.writer import Writer

log = logging.getLogger(__name__)


class ServerUnreachableError(TalentDeskError):
    def __init__(self, where: str, detail: str) -> None:
        super().__init__(
            f"Cannot connect to the team database {where}.",
            f"{detail.strip()} Check the address, the user and password, and that the server "
            "is running and lets this computer in.",
        )


class NotATeamDatabaseError(TalentDeskError):
    def __init__(self, where: str) -> None:
        super().__init__(
            f"{where} is not a TalentDesk database (it holds tables but no TalentDesk schema).",
            "Nothing was changed. Give an empty database, or one TalentDesk made.",
        )


def server_revision(connection: Connection, where: str) -> str | None:
    """The database's schema revision (None: empty). A revision this build does not know is
    refused as for a file (DatabaseTooNewError, the same message), and so are tables without
    a revision."""
    tables = set(inspect(connection).get_table_names())
    if "alembic_version" not in tables:
        if tables:
            raise NotATeamDatabaseError(where)
        return None
    revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if revision is None:
        return None
    if revision not in known_revisions():
        raise DatabaseTooNewError(where, str(revision))
    return str(revision)


def prepare_server(url: str) -> str:
    """Check the server database at `url` and bring it to this version's schema (creating it
    in an empty database); returns the revision it is at now."""
    where = describe(url)
    engine = make_server_engine(url)
    try:
        with _connected(engine, where) as connection, connection.begin():
            revision = server_revision(connection, where)
            head = schema_head()
            if revision is None:
                create_schema(connection)
                log.info("created the TalentDesk schema in %s (%s)", where, head)
            elif revision != head:
                upgrade(connection)
                log.info("upgraded %s from %s to %s", where, revision, head)
        return head
    finally:
        engine.dispose()


def _connected(engine: Engine, where: str) -> Connection:
    from sqlalchemy.exc import OperationalError

    try:
        return engine.connect()
    except OperationalError as exc:
        # psycopg's message names the host and the reason, never the password.
        raise ServerUnreachableError(where, str(exc.orig)) from exc


def open_server_database(url: str, marker: Path, *, max_wait_s: float | None = None) -> Database:
    """Open the team database at `url`, creating or upgrading its schema first. `marker`: a
    path in the local data folder that the notes and locks this computer keeps beside a
    database are named after (core/ops/activity.py, the outbox's sender lock)."""
    prepare_server(url)
    parsed = parse_url(url)
    write_engine = make_server_write_engine(parsed)
    engine = make_server_read_engine(parsed)
    writer = Writer(write_engine, ActivityNote(marker), max_wait_s=max_wait_s)
    sessions = Sessions(writer, make_session_factory(engine), marker)
    return Database(marker, engine, writer, sessions, write_engine, url=describe(parsed))
