"""The window's read connection: a plain sqlite3 connection on the local file, a psycopg one on a
team database (server_reader.py); both read through `ReadConnection`.

The list, the pool counts and the reminders overview are raw SQL; reading them through the
standard library lets the window show its first page before SQLAlchemy is even imported, and
fetches 100,000 ids several times faster than going through a SQLAlchemy result. The SQL is
written for SQLite (`?` placeholders); the few SQLite-only bits are made per dialect by small
helpers (core/db/read_sql.py), asked with `on_server(reader)`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from talentdesk.core.db.access import reader_uri

BUSY_TIMEOUT_MS = 5000
SQLITE = "sqlite"
POSTGRESQL = "postgresql"


class Rows(Protocol):
    """What a statement gives back (a sqlite3 or psycopg cursor)."""

    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def __iter__(self) -> Iterator[Any]: ...


class ReadConnection(Protocol):
    """A read connection: statements with `?` placeholders, rows as tuples."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Rows: ...
    def close(self) -> None: ...


def dialect_of(reader: object) -> str:
    """ "sqlite" for a sqlite3 connection, "postgresql" for a team database's reader."""
    return str(getattr(reader, "dialect", SQLITE))


def on_server(reader: object) -> bool:
    return dialect_of(reader) == POSTGRESQL


def open_reader(path: Path, read_only: bool = False) -> sqlite3.Connection:
    """`read_only`: the database cannot be written (see core/db/access.py)."""
    if read_only:
        conn = sqlite3.connect(reader_uri(path, True), uri=True, isolation_level=None)
    else:  # autocommit: each read sees the latest
        conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA query_only = ON")  # this connection never writes
    return conn
