"""Opening a database: refuse what we cannot read, create new ones at head, upgrade older ones."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session, sessionmaker

from talentdesk.core.backups.make import backup_into
from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db import models, triggers
from talentdesk.core.db.engine import make_engine, make_session_factory, set_foreign_keys
from talentdesk.core.db.preflight import inspect_file

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
                saved = backup_into(backups_dir, path, f"before-{head}", clock())
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
