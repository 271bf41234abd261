"""Checking a database file before anything opens it for writing (standard library only, so
an up-to-date database opens without importing SQLAlchemy or Alembic)."""

from __future__ import annotations

import functools
import sqlite3
from pathlib import Path

from talentdesk.core.db.access import reader_uri
from talentdesk.core.db.diagnose import SQLITE_MAGIC, check_is_file, from_os, from_sqlite
from talentdesk.core.errors import DatabaseTooNewError, NotADatabaseError

VERSIONS_DIR = Path(__file__).resolve().parent / "migrations" / "versions"


def known_revisions() -> list[str]:
    """Revision ids this build can open, oldest first: migration files are named `NNNN_….py`
    with their revision id as the prefix (a test checks this against Alembic's own view)."""
    return list(_revisions())


@functools.cache  # a start asks several times; the folder is part of this build
def _revisions() -> tuple[str, ...]:
    return tuple(sorted(p.name.split("_", 1)[0] for p in VERSIONS_DIR.glob("[0-9]*_*.py")))


def schema_head() -> str:
    return known_revisions()[-1]


def inspect_file(path: Path, backups: Path | None = None) -> str | None:
    """The file's schema revision (None for a new or empty file), read without writing to it.

    Raises a TalentDeskError that says what is wrong (see diagnose.py: only a file that really
    is not a TalentDesk database is a NotADatabaseError), leaving the file as it was.
    `backups` is the folder a hint about restoring looks in (default: beside the database).
    """
    status = check_is_file(path)
    if status is None or status.st_size == 0:
        return None
    try:
        with path.open("rb") as f:
            magic = f.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise from_os(path, exc) from exc
    if magic != SQLITE_MAGIC:
        raise NotADatabaseError(path, "file is not a database", backups)
    try:
        tables, revision = _read_schema(path)
    except sqlite3.Error as exc:
        raise from_sqlite(path, exc, backups) from exc
    if revision is None:
        if tables:
            raise NotADatabaseError(
                path, "it holds tables but no TalentDesk schema version", backups
            )
        return None
    if revision not in known_revisions():
        raise DatabaseTooNewError(path, revision)
    return revision


def _read_schema(path: Path) -> tuple[set[str], str | None]:
    conn = sqlite3.connect(reader_uri(path.absolute(), read_only=True), uri=True)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        return tables, revision
    finally:
        conn.close()
