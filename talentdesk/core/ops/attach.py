"""Databases attached to the write connection for one operation (a staged import's rows)."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)


@contextmanager
def attached(raw: sqlite3.Connection, databases: dict[str, Path]) -> Iterator[None]:
    """ATTACH `databases` (schema name → file) to `raw` for the block, before its transaction
    begins, and DETACH them after it has ended: SQLite cannot detach inside a transaction."""
    done: list[str] = []
    try:
        for name, path in databases.items():
            if not name.isidentifier():
                raise ValueError(f"not a schema name: {name!r}")
            raw.execute(f"ATTACH DATABASE ? AS {name}", (str(path),))
            done.append(name)
            # Only read from, and thrown away after: no journal, no sync, and so no
            # super-journal for a transaction that spans it and the database.
            raw.execute(f"PRAGMA {name}.journal_mode = OFF")
            raw.execute(f"PRAGMA {name}.synchronous = OFF")
        yield
    finally:
        for name in done:
            try:
                raw.execute(f"DETACH DATABASE {name}")
            except sqlite3.Error:  # the operation's outcome stands; the next ATTACH would say
                log.exception("could not detach %s after an operation", name)
