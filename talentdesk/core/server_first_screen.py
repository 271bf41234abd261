"""The first screen of a search in "All candidates" sorted by name on a team database: the
matches' ids and names read from its search table alone (core/db/server_search_schema.py keeps
the name beside the words) and sorted; joining the candidates to sort was ~3x slower
(bench/team_search.py). The local file's counterpart is core/first_screen.py.

Free words with filters (`tag:kotlin anna`, `has:email krakow java`) start from the search
table too: the words' matches are the smaller side, and their names are there to sort by.
Filters that are sets of ids are semi-joins on that table (no candidate row read: ~2.7x faster
than intersecting the sets, then reading every candidate to sort); filters on the candidate's
columns are checked after the matches are sorted, only until the screen is full."""

from __future__ import annotations

from datetime import datetime

from talentdesk.core.db.read_sql import binary, search_words, server_match, server_text_ids
from talentdesk.core.db.reader import ReadConnection
from talentdesk.core.errors import ValidationError
from talentdesk.core.lists.filters import Filter
from talentdesk.core.lists.parts import joined
from talentdesk.core.lists.query import parse_search
from talentdesk.core.lists.sql import expiring_window, parts
from talentdesk.core.search import fts_query


def server_first_screen(
    reader: ReadConnection, search: str, limit: int | None, descending: bool, now: datetime
) -> list[int] | None:
    """The ids a search with free words finds, by name then id (None: no free words, or
    cannot be parsed, or a `city:` filter (read from its own index in name order): the
    list's general query)."""
    try:
        typed = parse_search(reader, search)
    except ValidationError:
        return None
    d = "DESC" if descending else "ASC"
    order = f" ORDER BY {binary(True, 'c.sort_name')} {d}, c.id {d}"
    bound = "" if limit is None else f" LIMIT {int(limit)}"
    rest = typed.with_text("")
    if rest == Filter():
        found = server_text_ids(typed.text)
        if found is None:
            return None
        sql, words_only = found
        sql += f" ORDER BY {binary(True, 'sort_name')} {d}, id {d}{bound}"
        return [int(row[0]) for row in reader.execute(sql, words_only)]
    words = search_words(typed.text)
    if not words or fts_query(typed.text) is None or rest.cities:
        return None
    others = parts(rest, now, server=True, expiring_days=expiring_window(reader, rest))
    where, more = joined(others)
    where = where or "true"  # (a filter that narrows nothing, as a tag list left empty)
    params: list[object] = [*words, *more]
    if all(p.ids is not None for p in others):  # `c` is the search table's row
        sql = f"SELECT c.id FROM candidate_fts c WHERE c.{server_match(len(words))} AND {where}"
        return [int(row[0]) for row in reader.execute(sql + order + bound, params)]
    # The matches sorted (kept apart: not merged into the outer query), then each checked.
    inner = f"{binary(True, 'sort_name')} {d}, id {d}"
    sql = (
        "SELECT c.id FROM (SELECT id, sort_name FROM candidate_fts"
        f" WHERE {server_match(len(words))} ORDER BY {inner} OFFSET 0) AS m"
        f" JOIN candidate c ON c.id = m.id WHERE {where}"
        f" ORDER BY {binary(True, 'm.sort_name')} {d}, m.id {d}{bound}"
    )
    return [int(row[0]) for row in reader.execute(sql, params)]
