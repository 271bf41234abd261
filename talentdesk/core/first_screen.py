"""A search in "All candidates" sorted by name, read in the list's order from the search index.

The index's rowids sort as the list sorts by name, (sort_name, id) (db/search_order.py), so a
search's matches come out of it already in order: the first screen is its first `limit` rows
(its last, descending), however many match. "a" over 1,000,000 people reads 100 rows, not its
100,000 matches: 5 ms (walking the name index to them took 46, sorting them 254). People not
yet placed (key -id: no integer was left between their neighbours) are read apart and merged
in by name; there are none unless someone was written past the write path, which places
everyone before it commits.
"""

from __future__ import annotations

from talentdesk.core.db.reader import ReadConnection
from talentdesk.core.errors import ValidationError
from talentdesk.core.lists.filters import Filter
from talentdesk.core.lists.query import parse_search
from talentdesk.core.search import fts_query

_MATCHES = (
    "SELECT c.id, c.sort_name FROM candidate_fts f"
    " JOIN candidate c INDEXED BY ix_candidate_search_key ON c.search_key = f.rowid"
    " WHERE candidate_fts MATCH ? AND f.rowid {where}"
)
# A second read of the index costs a prefix without a prefix index its merge again ("java
# krak": 2×); the unplaced exist only if written past the write path (which places them).
_ANY_UNPLACED = "SELECT 1 FROM candidate WHERE search_key < 0 LIMIT 1"


def text_match(reader: ReadConnection, search: str) -> str | None:
    """The FTS query of a search made only of free words (None: it has `field:value` words,
    or none at all, or cannot be parsed)."""
    try:
        typed = parse_search(reader, search)
    except ValidationError:
        return None
    if typed.with_text("") != Filter():
        return None
    return fts_query(typed.text)


def in_order(
    reader: ReadConnection, match: str, limit: int | None, descending: bool = False
) -> list[int]:
    """The first `limit` (None: all) candidates matching `match`, by name then id (the last
    first, `descending`), as the list's general query sorts them."""
    d = "DESC" if descending else "ASC"
    bound = "" if limit is None else f" LIMIT {int(limit)}"
    sql = _MATCHES.format(where="> 0") + f" ORDER BY f.rowid {d}{bound}"
    placed = reader.execute(sql, [match]).fetchall()
    if reader.execute(_ANY_UNPLACED).fetchone() is None:  # the write path places them all
        return [row[0] for row in placed]
    unplaced = reader.execute(_MATCHES.format(where="< 0"), [match]).fetchall()
    merged = sorted([*placed, *unplaced], key=lambda row: (row[1], row[0]), reverse=descending)
    return [row[0] for row in merged[:limit]]
