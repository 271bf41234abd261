"""A search in "All candidates" sorted by name, read in the list's order from the search index.

The index's rowids sort as the list sorts by name, (sort_name, id) (db/search_order.py), so a
search's matches come out of it already in order: the first screen is its first `limit` rows
(its last, descending), however many match. "a" over 1,000,000 people reads 100 rows, not its
100,000 matches: 5 ms (walking the name index to them took 46, sorting them 254). People not
yet placed (key -id: no integer was left between their neighbours) are read apart and merged
in by name; there are none unless someone was written past the write path, which places
everyone before it commits.

In a pool (`in_pool_order`) the index's first matches are walked in order and the pool's kept:
a pool of a fifth of everyone fills its first screen from ~500 matches (3-10 ms over 1,000,000
people, where the general query took 250-330). A small pool's members lie far apart in the
index: past WALK matches its members are read instead, each checked against the matches'
keys (a pool of 2,000: ~45 ms, the general query 180-230, which maps every match to its
person first).
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
WALK = 2000  # matches a pool's first screen looks through before it reads the pool instead
_WALKED = "SELECT rowid AS r FROM candidate_fts WHERE candidate_fts MATCH ? AND rowid > 0"
_IN_POOL = (
    f"SELECT c.id FROM ({_WALKED} ORDER BY rowid {{d}} LIMIT {{walk}}) AS f"
    " CROSS JOIN candidate c INDEXED BY ix_candidate_search_key ON c.search_key = f.r"
    " CROSS JOIN pool_membership pm ON pm.candidate_id = c.id AND pm.pool_id = ?"
    " ORDER BY f.r {d} LIMIT {limit}"
)
_WALK_ENDED = f"SELECT count(*) < {{walk}} FROM ({_WALKED} LIMIT {{walk}})"
# The pool's members, each looked up by id and its key checked against the matches' keys
# (`+`: the key index would be probed with every match for every member).
_POOL_READ = (
    "SELECT c.id FROM pool_membership pm CROSS JOIN candidate c ON c.id = pm.candidate_id"
    " WHERE pm.pool_id = ? AND +c.search_key IN"
    " (SELECT rowid FROM candidate_fts WHERE candidate_fts MATCH ?)"
    " ORDER BY c.sort_name {d}, c.id {d} LIMIT {limit}"
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


def in_pool_order(
    reader: ReadConnection, match: str, pool_id: int, limit: int, descending: bool = False
) -> list[int]:
    """The pool's first `limit` members matching `match`, by name then id (the last first,
    `descending`), as the list's general query sorts them."""
    d = "DESC" if descending else "ASC"
    if reader.execute(_ANY_UNPLACED).fetchone() is None:  # else the walk would miss them
        walk = _IN_POOL.format(d=d, walk=WALK, limit=int(limit))
        walked = [row[0] for row in reader.execute(walk, [match, pool_id])]
        ended = _WALK_ENDED.format(walk=WALK)
        if len(walked) == limit or reader.execute(ended, [match]).fetchone()[0]:
            return walked  # a full screen, or every match was looked at
    sql = _POOL_READ.format(d=d, limit=int(limit))
    return [row[0] for row in reader.execute(sql, [pool_id, match])]
