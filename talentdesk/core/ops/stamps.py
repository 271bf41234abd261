"""Stamps: facts about derived state ("the generated reminders were brought up to date at T,
and nothing changed since") kept in `app_setting` under keys starting with `stamp:`.

A stamp holds for the database as it stood when it was written. The write path keeps that
true: every operation that changes anything after the last stamp it wrote (or without
writing one) deletes every stamp in the same transaction (core/ops/writer.py). A reader that
finds a stamp may therefore trust it, with the standard library alone and no write.

Written and read with plain sqlite3 (no SQLAlchemy: `talentdesk due` reads them at start).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from talentdesk.core.db.reader import ReadConnection

PREFIX = "stamp:"
# Every key with the prefix sorts between these two (the primary key's index finds them).
_RANGE = "key >= 'stamp:' AND key < 'stamp;'"


def clear(connection: sqlite3.Connection) -> None:
    """Delete every stamp (inside the caller's transaction, or on its own)."""
    try:
        connection.execute(f"DELETE FROM app_setting WHERE {_RANGE}")
    except sqlite3.OperationalError as exc:
        if "no such table" not in str(exc):  # an early migration: nothing is stamped yet
            raise


def write(connection: sqlite3.Connection, name: str, value: dict[str, Any]) -> None:
    """Store stamp `name` in the caller's transaction (the writer's: see `Writer.stamps_hold`)."""
    connection.execute(
        "INSERT INTO app_setting (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (PREFIX + name, json.dumps(value)),
    )


def read(connection: ReadConnection, name: str) -> dict[str, Any] | None:
    """Stamp `name`, or None when there is none (never written, or cleared by a change). On a
    team database's reader too (core/ops/server_stamps.py keeps them there; JSON comes back
    decoded)."""
    try:
        row = connection.execute(
            "SELECT value FROM app_setting WHERE key = ?", (PREFIX + name,)
        ).fetchone()
    except sqlite3.OperationalError:  # no such table yet: nothing is stamped
        return None
    if row is not None and isinstance(row[0], dict):
        return row[0]
    if row is None or not isinstance(row[0], str):
        return None
    try:
        value = json.loads(row[0])
    except ValueError:
        return None
    return value if isinstance(value, dict) else None
