"""What narrows the candidate list besides its pool: a saved list's filter and the search
box's text (parsed, `field:value` words and free words), as SQL for the reader."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import datetime

from talentdesk.core.errors import ValidationError
from talentdesk.core.lists.filters import Filter
from talentdesk.core.lists.sql import FOLD, condition, fold, prepare
from talentdesk.core.lists.syntax import PoolLookup, parse

Sql = tuple[str, list[object]]
PoolNames = Callable[[int], str | None]
NOTHING = "0"  # a condition no row meets


def pool_lookup(reader: sqlite3.Connection) -> PoolLookup:
    """A pool's id by its name, ignoring case and accents (None: no such pool)."""

    def find(name: str) -> int | None:
        prepare(reader)
        row = reader.execute(
            f"SELECT id FROM pool WHERE {FOLD}(name) = ? ORDER BY id LIMIT 1", [fold(name)]
        ).fetchone()
        return None if row is None else int(row[0])

    return find


def pool_name(reader: sqlite3.Connection) -> PoolNames:
    def name(pool_id: int) -> str | None:
        row = reader.execute("SELECT name FROM pool WHERE id = ?", [pool_id]).fetchone()
        return None if row is None else str(row[0])

    return name


def parse_search(reader: sqlite3.Connection, text: str) -> Filter:
    """The search box's text as a filter; raises ValidationError for a word it cannot mean."""
    return parse(text, pool_lookup(reader))


def saved_filter(reader: sqlite3.Connection, list_id: int) -> Filter | None:
    """The filter of a saved list (None: there is no such list)."""
    row = reader.execute("SELECT filter FROM saved_list WHERE id = ?", [list_id]).fetchone()
    if row is None:
        return None
    data = row[0]
    return Filter.from_json(json.loads(data) if isinstance(data, str) else data)


def narrowing(reader: sqlite3.Connection, search: str, list_id: int | None, now: datetime) -> Sql:
    """The saved list's filter AND the search's, as one condition ('' when neither narrows).
    A list that no longer exists, or a search word that cannot be meant, matches nothing (the
    window asks `problem` what is wrong with the search). `reader` is `prepare`d."""
    parts: list[str] = []
    params: list[object] = []
    if list_id is not None:
        saved = saved_filter(reader, list_id)
        if saved is None:
            return NOTHING, []
        sql, more = condition(saved, now)
        if sql:
            parts.append(sql)
            params += more
    if search.strip():
        try:
            typed = parse_search(reader, search)
        except ValidationError:
            return NOTHING, []
        sql, more = condition(typed, now)
        if sql:
            parts.append(sql)
            params += more
    return " AND ".join(f"({p})" for p in parts), params


def problem(reader: sqlite3.Connection, search: str) -> str | None:
    """What is wrong with the search text (None: nothing), in words the window shows."""
    try:
        parse_search(reader, search)
    except ValidationError as exc:
        return "; ".join(f"{field}: {why}" for field, why in exc.errors.items())
    return None
