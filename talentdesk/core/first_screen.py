"""The first screen of a search in "All candidates" sorted by name, fast at any size.

Sorting every match by name reads each match's row (about 1.3 µs a match: "a" over 1,000,000
people, 100,000 matches, takes 170 ms), or only its name from the narrow (id, sort_name) index
(about half the time). When a search matches many, reading the matching ids from the search
index alone (0.2 µs each) and walking the name index in order until the screen is full is
several times faster; when it matches few, sorting them is cheaper than walking past everyone.
A bare search-index read bounded at WALK_FROM rows tells the two apart (an estimate, never a
full count); when the walk would pass too many names first ("z"), the matches are sorted by the
narrow index. Probing the search index once per name (a correlated EXISTS on rowid) was
measured and rejected: FTS5 sets up its segment readers for every probe, ~0.5 ms each.
"""

from __future__ import annotations

from dataclasses import dataclass

from talentdesk.core.db.reader import ReadConnection
from talentdesk.core.errors import ValidationError
from talentdesk.core.lists.filters import Filter
from talentdesk.core.lists.query import parse_search
from talentdesk.core.search import fts_query

# Matches from which walking the names beats sorting the matches (measured at 1,000,000
# candidates, "anna kow": sorting its 12,561 matches ~35 ms, walking to 500 of them ~22 ms).
WALK_FROM = 10_000

# Matches sampled for where they sort, and the names a walk may pass before the screen is full.
SAMPLE = 32
WALK_PAST = 100_000

_WALK = (
    "SELECT c.id FROM candidate c INDEXED BY ix_candidate_sort_name"
    " WHERE c.id IN (SELECT rowid FROM candidate_fts WHERE candidate_fts MATCH ?)"
    " ORDER BY c.sort_name {d}, c.id {d} LIMIT ?"
)


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


# Both of the above from one read of the search index: a prefix with no prefix index of its
# length ("krak", "z") merges every matching term's list at each read (~9 ms for "krak" at
# 1,000,000), so reading it once saves such merges. A rare search's matches are all read by
# then: its first screen is sorted from them in the same statement (a second read of the index
# cost "anna kow krak", 2,126 matches, twice the plain query).
_FACTS = (
    "WITH m AS MATERIALIZED (SELECT rowid AS id FROM candidate_fts"
    "  WHERE candidate_fts MATCH :match LIMIT :cap),"
    " k AS MATERIALIZED (SELECT count(*) AS n FROM m),"
    " s AS (SELECT c.id, c.sort_name FROM m"
    "  JOIN candidate c INDEXED BY ix_candidate_id_sort_name ON c.id = m.id"
    "  WHERE (SELECT n FROM k) < :common ORDER BY c.sort_name {d}, c.id {d} LIMIT :limit)"
    " SELECT k.n, (SELECT {f}(sort_name) FROM candidate"
    "  WHERE id IN (SELECT id FROM m LIMIT :sample)), s.id"
    " FROM k LEFT JOIN s ON 1 ORDER BY s.sort_name {d}, s.id {d}"
)


@dataclass(frozen=True)
class Facts:
    """What chooses the first screen's way: matches counted up to WALK_FROM (or SAMPLE), the
    first (the last, descending) name of a sample of them (None: no match has a name), and
    for a search that is not common its first screen, sorted as `walked_ids` sorts."""

    matches: int
    bound: str | None
    screen: tuple[int, ...] = ()

    @property
    def common(self) -> bool:
        return self.matches >= WALK_FROM


def facts(reader: ReadConnection, match: str, descending: bool = False, limit: int = 0) -> Facts:
    """`is_common`, the sample `sorts_late` judges from and a rare search's first `limit`
    matches, in one statement."""
    d, f = ("DESC", "max") if descending else ("ASC", "min")
    params = {
        "match": match,
        "cap": max(WALK_FROM, SAMPLE),
        "common": WALK_FROM,
        "limit": limit,
        "sample": SAMPLE,
    }
    rows = reader.execute(_FACTS.format(d=d, f=f), params).fetchall()
    screen = tuple(row[2] for row in rows if row[2] is not None)
    return Facts(int(rows[0][0]), rows[0][1], screen)


def is_common(reader: ReadConnection, match: str) -> bool:
    """Whether the search matches at least WALK_FROM candidates (read no further)."""
    sql = "SELECT count(*) FROM (SELECT 1 FROM candidate_fts WHERE candidate_fts MATCH ? LIMIT ?)"
    return int(reader.execute(sql, [match, WALK_FROM]).fetchone()[0]) >= WALK_FROM


def walked_ids(
    reader: ReadConnection, match: str, limit: int, descending: bool = False
) -> list[int]:
    """The first `limit` candidates matching `match`, by name then id (as `ids` sorts)."""
    sql = _WALK.format(d="DESC" if descending else "ASC")
    return [row[0] for row in reader.execute(sql, [match, limit])]


# Each match's name read from the narrow (id, sort_name) index rather than its row: "z" over
# 1,000,000 (100,000 Zofias, all sorting last) ~0.55× the time of reading the rows.
_SORT = (
    "SELECT c.id FROM candidate_fts f JOIN candidate c INDEXED BY ix_candidate_id_sort_name"
    " ON c.id = f.rowid WHERE candidate_fts MATCH ? ORDER BY c.sort_name {d}, c.id {d} LIMIT ?"
)


def sorted_ids(
    reader: ReadConnection, match: str, limit: int, descending: bool = False
) -> list[int]:
    """The same as `walked_ids`, by sorting every match (as a join: ~20 % faster over 100,000
    matches than the list's general `c.id IN (…)` form)."""
    sql = _SORT.format(d="DESC" if descending else "ASC")
    return [row[0] for row in reader.execute(sql, [match, limit])]


def sorts_late(reader: ReadConnection, match: str, descending: bool = False) -> bool:
    """Whether the walk would pass more than WALK_PAST names before the screen is full ("z":
    every Zofia sorts last), judged from where a sample of the matches sorts: the names
    before its first (~1/30 of the matches, hundreds of people), counted up to WALK_PAST."""
    sample = sorted(
        row[0]
        for row in reader.execute(
            "SELECT sort_name FROM candidate WHERE id IN"
            " (SELECT rowid FROM candidate_fts WHERE candidate_fts MATCH ? LIMIT ?)",
            [match, SAMPLE],
        )
        if row[0] is not None
    )
    if not sample:
        return False
    return passes_many(reader, sample[-1] if descending else sample[0], descending)


def passes_many(reader: ReadConnection, bound: str, descending: bool = False) -> bool:
    """Whether more than WALK_PAST names sort before `bound` (after it, descending)."""
    compare = ">" if descending else "<"
    sql = (
        "SELECT count(*) FROM (SELECT 1 FROM candidate INDEXED BY ix_candidate_sort_name"
        f" WHERE sort_name {compare} ? LIMIT ?)"
    )
    return int(reader.execute(sql, [bound, WALK_PAST]).fetchone()[0]) >= WALK_PAST
