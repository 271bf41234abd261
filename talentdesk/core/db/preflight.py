"""Checking a database file before anything opens it for writing (standard library only, so
an up-to-date database opens without importing SQLAlchemy or Alembic)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from talentdesk.core.db.access import reader_uri
from talentdesk.core.errors import DatabaseBusyError, DatabaseTooNewError, NotADatabaseError

VERSIONS_DIR = Path(__file__).resolve().parent / "migrations" / "versions"


def known_revisions() -> list[str]:
    """Revision ids this build can open, oldest first: migration files are named `NNNN_….py`
    with their revision id as the prefix (a test checks this against Alembic's own view)."""
    return sorted(p.name.split("_", 1)[0] for p in VERSIONS_DIR.glob("[0-9]*_*.py"))


def schema_head() -> str:
    return known_revisions()[-1]


def inspect_file(path: Path) -> str | None:
    """The file's schema revision (None for a new or empty file), read without writing to it.

    Raises NotADatabaseError, DatabaseTooNewError or DatabaseBusyError, leaving the file as it
    was.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        conn = sqlite3.connect(reader_uri(path, read_only=True), uri=True)
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
    if revision not in known_revisions():
        raise DatabaseTooNewError(path, revision)
    return revision
