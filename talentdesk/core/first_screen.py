"""The first screen of a search in "All candidates" sorted by name, fast at any size.

Sorting every match by name costs as much as there are matches ("a" over 1,000,000 people: a
quarter of a second). When a search matches many, walking the name index in order and probing
each candidate against the search index finds the first screen after a few hundred probes;
when it matches few, sorting them is cheaper than walking past everyone. A bare search-index
read bounded at WALK_FROM rows tells the two apart (an estimate, never a full count).
"""

from __future__ import annotations

import sqlite3

from talentdesk.core.errors import ValidationError
from talentdesk.core.lists.filters import Filter
from talentdesk.core.lists.query import parse_search
from talentdesk.core.search import fts_query

# Matches past which walking the names beats sorting the matches (at 1,000,000 candidates
# sorting 2,000 matches takes ~5 ms; walking to 100 of them among 2,000 takes ~50,000 probes
# at worst when they all sort last, which the bench shows is rare enough to accept).
WALK_FROM = 2000

_WALK = (
    "SELECT c.id FROM candidate c INDEXED BY ix_candidate_sort_name"
    " WHERE EXISTS (SELECT 1 FROM candidate_fts f"
    " WHERE candidate_fts MATCH ? AND f.rowid = c.id)"
    " ORDER BY c.sort_name {d}, c.id {d} LIMIT ?"
)


def text_match(reader: sqlite3.Connection, search: str) -> str | None:
    """The FTS query of a search made only of free words (None: it has `field:value` words,
    or none at all, or cannot be parsed)."""
    try:
        typed = parse_search(reader, search)
    except ValidationError:
        return None
    if typed.with_text("") != Filter():
        return None
    return fts_query(typed.text)


def is_common(reader: sqlite3.Connection, match: str) -> bool:
    """Whether the search matches at least WALK_FROM candidates (read no further)."""
    sql = "SELECT count(*) FROM (SELECT 1 FROM candidate_fts WHERE candidate_fts MATCH ? LIMIT ?)"
    return int(reader.execute(sql, [match, WALK_FROM]).fetchone()[0]) >= WALK_FROM


def walked_ids(
    reader: sqlite3.Connection, match: str, limit: int, descending: bool = False
) -> list[int]:
    """The first `limit` candidates matching `match`, by name then id (as `ids` sorts)."""
    sql = _WALK.format(d="DESC" if descending else "ASC")
    return [row[0] for row in reader.execute(sql, [match, limit])]
