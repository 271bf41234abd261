"""A plain sqlite3 connection for the window's read path.

The list, the pool counts and the reminders overview are raw SQL; reading them through the
standard library lets the window show its first page before SQLAlchemy is even imported, and
fetches 100,000 ids several times faster than going through a SQLAlchemy result.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from talentdesk.core.db.access import reader_uri

BUSY_TIMEOUT_MS = 5000


def open_reader(path: Path, read_only: bool = False) -> sqlite3.Connection:
    """`read_only`: the database cannot be written (see core/db/access.py)."""
    if read_only:
        conn = sqlite3.connect(reader_uri(path, True), uri=True, isolation_level=None)
    else:  # autocommit: each read sees the latest
        conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA query_only = ON")  # this connection never writes
    return conn
