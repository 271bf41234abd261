"""Settings of the write connection while an import's final step moves its rows in, restored
when it ends however it ends (csvio/move.py).

- A larger page cache (16 MiB, SQLite's default is 2 MiB): the candidates' indexes (e-mail,
  sort name) grow at random places, and with a small cache their pages are written out to the
  WAL and read back again within the one transaction.
- A larger FTS5 buffer ("hashsize", 1 MiB by default): FTS5 writes its pending words out as a
  new segment each time the buffer fills, then merges the segments again and again as they
  pile up. A 16 MiB buffer makes a few large segments instead, which is also what a search
  reads fastest: about a sixth less CPU for the whole move of a 100,000-row file. The
  setting is stored in the index's config table, so it is set back before the transaction
  commits (a rollback undoes both anyway).

Both are memory while the rows move in: together ~45 MiB at most (a 1,000,000-row import
stays within its +150 MB; bench/csv_import.py --memory).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

IMPORT_CACHE_KIB = 16 * 1024
IMPORT_FTS_BUFFER = 16 * 1024 * 1024
FTS_DEFAULT_BUFFER = 1024 * 1024  # FTS5's own default (FTS5_DEFAULT_HASHSIZE)


def _fts_buffer(cur: sqlite3.Cursor, size: int) -> None:
    cur.execute(
        "INSERT INTO main.candidate_fts (candidate_fts, rank) VALUES ('hashsize', ?)", (size,)
    )


@contextmanager
def bulk_writing(cur: sqlite3.Cursor) -> Iterator[None]:
    """The settings above for the block (on the write connection, inside its transaction)."""
    (cache,) = cur.execute("PRAGMA main.cache_size").fetchone()
    cur.execute(f"PRAGMA main.cache_size = {-IMPORT_CACHE_KIB}")
    try:
        _fts_buffer(cur, IMPORT_FTS_BUFFER)
        try:
            yield
        except BaseException:
            with contextlib.suppress(sqlite3.Error):  # the transaction is rolled back anyway
                _fts_buffer(cur, FTS_DEFAULT_BUFFER)
            raise
        _fts_buffer(cur, FTS_DEFAULT_BUFFER)
    finally:
        cur.execute(f"PRAGMA main.cache_size = {int(cache)}")
