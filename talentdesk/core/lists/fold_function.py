"""`td_fold` on a connection from the moment it opens, without loading the filter modules
(core/lists/sql.py) until a statement first calls it: `talentdesk info` never does, and
searches and lists may call it before anything else has prepared the connection."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

_fold: Callable[[object], str | None] | None = None


def _td_fold(value: object) -> str | None:
    global _fold
    if _fold is None:
        from talentdesk.core.lists.sql import fold_cached

        _fold = fold_cached
    return _fold(value)


def register_fold(connection: sqlite3.Connection) -> None:
    """The same function `core.lists.sql.prepare` registers (it may register it again)."""
    connection.create_function("td_fold", 1, _td_fold, deterministic=True)
