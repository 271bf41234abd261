"""What narrows the candidate list besides its pool: a saved list's filter and the search
box's text (parsed, `field:value` words and free words), as SQL for the reader."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

from talentdesk.core.db.reader import ReadConnection, on_server
from talentdesk.core.errors import ValidationError
from talentdesk.core.lists.filters import Filter
from talentdesk.core.lists.parts import Part, id_set, joined
from talentdesk.core.lists.sql import FOLD, expiring_window, fold, parts, prepare
from talentdesk.core.lists.syntax import PoolLookup, parse
from talentdesk.core.search import fts_query

Sql = tuple[str, list[object]]
PoolNames = Callable[[int], str | None]
NOTHING = "0"  # a condition no row meets
NOTHING_ON_SERVER = "false"  # (PostgreSQL wants a boolean)


def pool_lookup(reader: ReadConnection) -> PoolLookup:
    """A pool's id by its name, ignoring case and accents (None: no such pool)."""

    def find(name: str) -> int | None:
        prepare(reader)
        row = reader.execute(
            f"SELECT id FROM pool WHERE {FOLD}(name) = ? ORDER BY id LIMIT 1", [fold(name)]
        ).fetchone()
        return None if row is None else int(row[0])

    return find


def pool_name(reader: ReadConnection) -> PoolNames:
    def name(pool_id: int) -> str | None:
        row = reader.execute("SELECT name FROM pool WHERE id = ?", [pool_id]).fetchone()
        return None if row is None else str(row[0])

    return name


def parse_search(reader: ReadConnection, text: str) -> Filter:
    """The search box's text as a filter; raises ValidationError for a word it cannot mean."""
    return parse(text, pool_lookup(reader))


def saved_filter(reader: ReadConnection, list_id: int) -> Filter | None:
    """The filter of a saved list (None: there is no such list)."""
    row = reader.execute("SELECT filter FROM saved_list WHERE id = ?", [list_id]).fetchone()
    if row is None:
        return None
    data = row[0]
    return Filter.from_json(json.loads(data) if isinstance(data, str) else data)


def narrowing_parts(
    reader: ReadConnection, search: str, list_id: int | None, now: datetime
) -> list[Part] | None:
    """The saved list's conditions and the search's (ANDed); None when nothing can match: a
    list that no longer exists, or a search word that cannot be meant (the window asks
    `problem` what is wrong with the search). `reader` is `prepare`d."""
    found: list[Part] = []
    if list_id is not None:
        saved = saved_filter(reader, list_id)
        if saved is None:
            return None
        window = expiring_window(reader, saved)
        found += parts(saved, now, server=on_server(reader), expiring_days=window)
    if search.strip():
        try:
            typed = parse_search(reader, search)
        except ValidationError:
            return None
        window = expiring_window(reader, typed)
        found += parts(typed, now, server=on_server(reader), expiring_days=window)
    return found


def narrowing(reader: ReadConnection, search: str, list_id: int | None, now: datetime) -> Sql:
    """`narrowing_parts` as one condition ('' when nothing narrows, NOTHING when nothing can
    match)."""
    found = narrowing_parts(reader, search, list_id, now)
    if found is None:
        return (NOTHING_ON_SERVER if on_server(reader) else NOTHING), []
    compound = id_set(found) if len(found) > 1 else None
    if compound is not None:  # one set of ids built by set algebra, not one per part
        return f"c.id IN ({compound[0]})", compound[1]
    return joined(found)


def counted_as_sets(
    reader: ReadConnection, search: str, list_id: int | None, pool_id: int | None, now: datetime
) -> int | None:
    """How many the list holds, counted by set algebra when every condition is a set of ids
    (None: it is not, count the rows)."""
    found = narrowing_parts(reader, search, list_id, now)
    if found is None:
        return 0
    if pool_id is not None:
        members = "SELECT candidate_id FROM pool_membership WHERE pool_id = ?"
        found = [Part.of_ids(members, [pool_id]), *found]
    if id_set(found) is None:
        return None
    return count_parts(reader, found)


def count_parts(reader: ReadConnection, found: list[Part]) -> int:
    """How many candidates meet every part: one SQL count (set algebra when it can be)."""
    compound = id_set(found)
    if compound is not None:
        sql, params = compound
        return int(reader.execute(f"SELECT count(*) FROM ({sql}) AS n", params).fetchone()[0])
    where, params = joined(found)
    sql = "SELECT count(*) FROM candidate c" + (f" WHERE {where}" if where else "")
    return int(reader.execute(sql, params).fetchone()[0])


def problem(reader: ReadConnection, search: str) -> str | None:
    """What is wrong with the search text (None: nothing), in words the window shows."""
    try:
        parse_search(reader, search)
    except ValidationError as exc:
        return "; ".join(f"{field}: {why}" for field, why in exc.errors.items())
    return None


def searches_text(reader: ReadConnection, search: str) -> bool:
    """Whether the search has free words (a search-index lookup: a handful of ids, at best)."""
    if not search.strip():
        return False
    try:
        return fts_query(parse_search(reader, search).text) is not None
    except ValidationError:
        return False
