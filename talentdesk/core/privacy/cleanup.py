"""Making deleted bytes unreadable in the database files, for erasure.

SQLite does not overwrite what it deletes: a deleted row stays in its page (and a freed page
stays as it was) until something reuses the space. Three things make an erased person's bytes
go from the main file, its write-ahead log (`-wal`) and the search index:

- `PRAGMA secure_delete` for the erasing transaction: deleted cells and freed pages are
  overwritten with zeros (per connection; on only for the erasure, as it makes every delete
  write more);
- the FTS5 index rewritten (`optimize`): SQLite 3.40 (what Python links on these machines)
  deletes an FTS5 row by adding a "delete" marker, and the row's tokens stay in the older
  index segments until they are merged; `optimize` merges them all into one, and the old
  segments' pages are freed (and, under `secure_delete`, zeroed). FTS5's own `secure-delete`
  option would avoid this rewrite but needs SQLite 3.42; see the README ("Erasure");
- a `wal_checkpoint(TRUNCATE)` once the transaction has committed (the writer does it, see
  `Writer.checkpoint_after`): the log still holds older copies of the person's pages; the
  checkpoint copies the zeroed pages into the main file and empties the log.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

SEARCH_INDEX = "candidate_fts"


def _raw(conn: Connection) -> sqlite3.Connection:
    raw = conn.connection.dbapi_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


@contextmanager
def secure_delete(conn: Connection) -> Iterator[None]:
    """Deletes inside overwrite what they delete with zeros (the setting as it was after)."""
    raw = _raw(conn)
    before = int(raw.execute("PRAGMA secure_delete").fetchone()[0])
    raw.execute("PRAGMA secure_delete = ON")
    try:
        yield
    finally:
        raw.execute(f"PRAGMA secure_delete = {before}")


def wipe_search_index(conn: Connection) -> None:
    """Rewrite the search index so that no deleted row's tokens remain in it."""
    _raw(conn).execute(f"INSERT INTO {SEARCH_INDEX}({SEARCH_INDEX}) VALUES ('optimize')")
