"""What the writer counts on its connection: rows an operation changed (whether the stamps it
leaves are still true: core/ops/stamps.py on SQLite, core/ops/server_stamps.py on a server) and
SQLite's count of other connections' commits."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from talentdesk.core.ops.jobs import Job
from talentdesk.core.ops.stamps import clear as clear_stamps

if TYPE_CHECKING:
    from sqlalchemy import Connection


def raw(connection: Connection) -> sqlite3.Connection:
    """The sqlite3 connection under a SQLAlchemy one."""
    dbapi = connection.connection.dbapi_connection
    assert isinstance(dbapi, sqlite3.Connection)
    return dbapi


def total_changes(connection: Connection, sqlite: bool) -> int | None:
    """SQLite's count of rows changed on this connection; on a server database, of rows this
    transaction changed."""
    if sqlite:
        return raw(connection).total_changes
    from talentdesk.core.ops import server_stamps

    return server_stamps.changes(connection)


def clear_stale_stamps(connection: Connection, sqlite: bool, job: Job) -> None:
    """Before commit: an operation that changed anything after its last stamp (or wrote none)
    makes every stamp stale."""
    if not sqlite:  # counted and cleared in one statement there
        from talentdesk.core.ops import server_stamps

        server_stamps.clear_unless(connection, job.changes_at_stamp)
        return
    now = total_changes(connection, sqlite)
    if now is not None and now != job.changes_at_begin and now != job.changes_at_stamp:
        clear_stamps(raw(connection))


def data_version(connection: Connection, sqlite: bool) -> int | None:
    """SQLite's count of commits by other connections (None on a server database: other
    desktops' commits are heard through LISTEN/NOTIFY, core/team/listen.py)."""
    if not sqlite:
        return None
    try:
        row = raw(connection).execute("PRAGMA data_version").fetchone()
    except sqlite3.Error:
        return None
    return int(row[0])
