"""The SQLite engines, with the pragmas every connection needs.

Two engines per database: the writer's (one connection, owned by the write path; its
transactions begin IMMEDIATE, see core/ops/writer.py) and the readers' (query_only: a write
through them is refused by SQLite itself, so nothing can write past the write path).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, NullPool, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from talentdesk.core.db.access import reader_uri

BUSY_TIMEOUT_MS = 5000
# The writer waits for another process in short steps, looking at Cancel in between.
WRITER_BUSY_STEP_MS = 200


def _pragmas(dbapi_connection: sqlite3.Connection, busy_ms: int, query_only: bool) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (see _on_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    # A recruiter writes little; losing the last edit on power loss is not worth the speed.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute(f"PRAGMA busy_timeout = {busy_ms}")
    if query_only:
        cursor.execute("PRAGMA query_only = ON")
    cursor.close()


def _on_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def _on_begin_immediate(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(path: Path) -> Engine:
    """A plain engine for opening, creating and upgrading (before the write path exists);
    its transactions take the write lock at once, like the writer's."""
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    event.listen(engine, "connect", lambda c, _r: _pragmas(c, BUSY_TIMEOUT_MS, False))
    event.listen(engine, "begin", _on_begin_immediate)
    return engine


def make_write_engine(path: Path) -> Engine:
    """The writer's engine: one connection; the writer itself begins its transactions."""
    engine = create_engine(f"sqlite:///{path}", pool_size=1, max_overflow=0, pool_timeout=1)
    event.listen(engine, "connect", lambda c, _r: _pragmas(c, WRITER_BUSY_STEP_MS, False))
    return engine


def make_read_engine(path: Path, read_only: bool = False) -> Engine:
    """`read_only`: the database cannot be written (see core/db/access.py)."""
    url = f"sqlite:///{reader_uri(path, True)}&uri=true" if read_only else f"sqlite:///{path}"
    engine = create_engine(url)
    event.listen(engine, "connect", lambda c, _r: _pragmas(c, BUSY_TIMEOUT_MS, True))
    event.listen(engine, "begin", _on_begin)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def set_foreign_keys(connection: Connection, enabled: bool) -> None:
    """Switch foreign-key enforcement; SQLite ignores this inside a transaction, so it goes
    straight to the driver connection before SQLAlchemy begins one."""
    raw = connection.connection.dbapi_connection
    assert raw is not None
    raw.execute(f"PRAGMA foreign_keys = {'ON' if enabled else 'OFF'}")
