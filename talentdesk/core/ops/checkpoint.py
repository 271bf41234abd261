"""Emptying the write-ahead log into the main file (`wal_checkpoint(TRUNCATE)`), which the
writer does after an operation that asks for it (a large import, an erasure: the log still
holds older copies of the pages it changed, see core/privacy/cleanup.py)."""

from __future__ import annotations

import sqlite3

TRIES = 3  # each waits up to the connection's busy timeout for readers


def checkpoint(raw: sqlite3.Connection, tries: int = TRIES) -> bool:
    """Copy the log into the main file and empty it; False when a reader in the middle of a
    read held it back (busy) each time: the writer tries again, once, when idle and before
    its next operation."""
    for _ in range(tries):
        busy = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if not busy:
            return True
    return False
