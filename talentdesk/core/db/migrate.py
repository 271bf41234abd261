"""Opening a database: refuse what we cannot read, create new ones at head, upgrade older ones."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text

from talentdesk.core.backups.make import backup_into
from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db import models, server_schema, triggers
from talentdesk.core.db.engine import (
    make_engine,
    make_read_engine,
    make_session_factory,
    make_write_engine,
    set_foreign_keys,
)
from talentdesk.core.db.preflight import inspect_file, schema_head
from talentdesk.core.db.sessions import Sessions
from talentdesk.core.diagnose import ReadOnlyError
from talentdesk.core.ops.activity import ActivityNote
from talentdesk.core.ops.writer import Writer
from talentdesk.core.permissions import private_file

if TYPE_CHECKING:  # Alembic is loaded only to create or upgrade a database (start-up time)
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


@dataclass
class Database:
    """An open, up-to-date database: its file, its one write path and the services' sessions.

    `engine` only reads (query_only); every write is an operation on `writer`.
    """

    path: Path
    engine: Engine
    writer: Writer
    sessions: Sessions
    write_engine: Engine
    # A team database's address (without its password); None for a file. `path` is then
    # a name in the local data folder for this computer's notes and locks beside it.
    url: str | None = None

    @property
    def read_only(self) -> str | None:
        """Why this database cannot be written (None: it can)."""
        return self.writer.read_only

    def close(self) -> None:
        self.writer.close()
        self.write_engine.dispose()
        self.engine.dispose()


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def create_schema(connection: Connection) -> None:
    """A brand-new database: the current models and search index, stamped at head (a local
    file with its one user)."""
    server_schema.prelude(connection)
    models.Base.metadata.create_all(connection)
    triggers.create(connection)
    _add_starter_lists(connection)
    if connection.dialect.name == "sqlite":  # a team's recruiters name themselves on connecting
        from talentdesk.core.users.default import add_default_user

        add_default_user(connection)
    from alembic import command

    command.stamp(alembic_config(connection), "head")


def _add_starter_lists(connection: Connection) -> None:
    """The starter smart lists, as the migrations that brought them write them."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    for revision in ("0007", "0009"):
        script = scripts.get_revision(revision)
        assert script is not None
        script.module.add_starters(connection)


def upgrade(connection: Connection, target: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(connection), target)


def downgrade(connection: Connection, target: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(connection), target)


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def open_database(
    path: Path,
    backups_dir: Path | None = None,
    clock: Clock = utcnow,
    *,
    read_only: str | None = None,
    max_wait_s: float | None = None,
) -> Database:
    """Open (creating or upgrading as needed) the database at `path`. `read_only`: why it
    cannot be written (it must then be at the current schema already); `max_wait_s`: how long
    a write waits for another process before giving up (None: until cancelled)."""
    revision = inspect_file(path)
    head = schema_head()  # the migration files' names: Alembic is not loaded at head
    if read_only is None:
        _create_or_upgrade(path, revision, head, backups_dir, clock)
    elif revision != head:
        raise ReadOnlyError(f"{read_only}, and it needs upgrading to this version's schema")
    return attach_database(path, read_only=read_only, max_wait_s=max_wait_s)


def attach_database(
    path: Path, *, read_only: str | None = None, max_wait_s: float | None = None
) -> Database:
    """The write path and sessions over `path` as it is, without checking or upgrading it
    (`open_database` does that first)."""
    write_engine = make_write_engine(path)
    engine = make_read_engine(path, read_only is not None)
    writer = Writer(write_engine, ActivityNote(path), max_wait_s=max_wait_s, read_only=read_only)
    sessions = Sessions(writer, make_session_factory(engine), path)
    return Database(path, engine, writer, sessions, write_engine)


def _create_or_upgrade(
    path: Path, revision: str | None, head: str, backups_dir: Path | None, clock: Clock
) -> None:
    if revision is None:
        # 0600 before SQLite makes it with the umask's mode (its -wal/-shm follow the file's).
        private_file(path)
    engine = make_engine(path)
    try:
        if revision is None:
            with engine.begin() as conn:
                create_schema(conn)
            log.info("created a new database at %s (schema %s)", path, head)
        elif revision != head:
            if backups_dir is not None:
                saved = backup_into(backups_dir, path, f"before-{head}", clock())
                log.info("backed up %s to %s before upgrading", path, saved)
            _upgrade_with_foreign_keys_off(engine)
            log.info("upgraded %s from %s to %s", path, revision, head)
    finally:
        engine.dispose()


def _upgrade_with_foreign_keys_off(engine: Engine) -> None:
    # Batch migrations copy tables; with foreign keys on, dropping the old copy would cascade.
    with engine.connect() as conn:
        set_foreign_keys(conn, False)
        try:
            with conn.begin():
                upgrade(conn)
                problems = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
                if problems:
                    raise RuntimeError(f"migration broke foreign keys: {problems[:5]}")
        finally:
            set_foreign_keys(conn, True)
