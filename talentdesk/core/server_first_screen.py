"""The first screen of a search in "All candidates" sorted by name on a team database: the
matches' ids and names read from its search table alone (core/db/server_search_schema.py keeps
the name beside the words) and sorted; joining the candidates to sort was ~3x slower
(bench/team_search.py). The local file's counterpart is core/first_screen.py."""

from __future__ import annotations

from talentdesk.core.db.read_sql import binary, server_text_ids
from talentdesk.core.db.reader import ReadConnection
from talentdesk.core.errors import ValidationError
from talentdesk.core.lists.filters import Filter
from talentdesk.core.lists.query import parse_search


def server_first_screen(
    reader: ReadConnection, search: str, limit: int | None, descending: bool
) -> list[int] | None:
    """The ids a search made only of free words finds, by name then id (None: it has
    `field:value` words, or no words, or cannot be parsed: the list's general query)."""
    try:
        typed = parse_search(reader, search)
    except ValidationError:
        return None
    if typed.with_text("") != Filter():
        return None
    found = server_text_ids(typed.text)
    if found is None:
        return None
    sql, params = found
    d = "DESC" if descending else "ASC"
    sql += f" ORDER BY {binary(True, 'sort_name')} {d}, id {d}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [int(row[0]) for row in reader.execute(sql, params)]
