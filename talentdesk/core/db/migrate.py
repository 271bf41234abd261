"""Opening a database: refuse what we cannot read, create new ones at head, upgrade older ones."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session, sessionmaker

from talentdesk.core import backup
from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db import models, triggers
from talentdesk.core.db.engine import make_engine, make_session_factory, set_foreign_keys
from talentdesk.core.errors import DatabaseBusyError, DatabaseTooNewError, NotADatabaseError

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


@dataclass
class Database:
    """An open, up-to-date database: its file, engine and session factory."""

    path: Path
    engine: Engine
    sessions: sessionmaker[Session]

    def close(self) -> None:
        self.engine.dispose()


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def inspect_file(path: Path) -> str | None:
    """The file's schema revision (None for a new or empty file), read without writing to it.

    Raises NotADatabaseError or DatabaseTooNewError, leaving the file untouched.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise NotADatabaseError(path, str(exc)) from exc
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc):
            raise DatabaseBusyError(path) from exc
        raise NotADatabaseError(path, str(exc)) from exc
    except sqlite3.DatabaseError as exc:
        raise NotADatabaseError(path, str(exc)) from exc
    finally:
        conn.close()
    if revision is None:
        if tables:
            raise NotADatabaseError(path, "it holds tables but no TalentDesk schema version")
        return None
    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except CommandError as exc:
        raise DatabaseTooNewError(path, revision) from exc
    return revision


def create_schema(connection: Connection) -> None:
    """A brand-new database: the current models and search index, stamped at head."""
    models.Base.metadata.create_all(connection)
    triggers.create(connection)
    command.stamp(alembic_config(connection), "head")


def upgrade(connection: Connection, target: str = "head") -> None:
    command.upgrade(alembic_config(connection), target)


def downgrade(connection: Connection, target: str) -> None:
    command.downgrade(alembic_config(connection), target)


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def open_database(path: Path, backups_dir: Path | None = None, clock: Clock = utcnow) -> Database:
    """Open (creating or upgrading as needed) the database at `path`."""
    revision = inspect_file(path)
    head = head_revision()
    engine = make_engine(path)
    try:
        if revision is None:
            with engine.begin() as conn:
                create_schema(conn)
            log.info("created a new database at %s (schema %s)", path, head)
        elif revision != head:
            if backups_dir is not None:
                saved = backup.backup_database(path, backups_dir, f"before-{head}", clock())
                log.info("backed up %s to %s before upgrading", path, saved)
            _upgrade_with_foreign_keys_off(engine)
            log.info("upgraded %s from %s to %s", path, revision, head)
    except Exception:
        engine.dispose()
        raise
    return Database(path=path, engine=engine, sessions=make_session_factory(engine))


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
