"""The search index's rowids in name order, so a search's first screen is a bare indexed read.

FTS5 returns a match's rows in rowid order. Its rowid is `candidate.search_key` (not the id),
a number that sorts as the list sorts by name, (sort_name, id): the first screen of any search
"by name" is then the index's first rows, `LIMIT 100`, however many match ("a" over 1,000,000
people: 7 ms instead of 90 ms to sort its 100,000 matches), descending its last rows.

Keys are spread out so a new name fits between its neighbours: the migration and an import
into an empty gap leave END_STEP between neighbours; a new candidate, or a renamed one, takes a
key between the keys of the people it sorts between (`place_one`, in the insert and rename
triggers, db/triggers.py V3). Past the last (before the first) name keys go up (down) by
END_STEP; between two different names to the midpoint; after someone of the same name (the
300th "John Smith", added one by one) by at most INNER_STEP. The spacing is small on purpose:
FTS5 stores each match's rowid as a delta from the last, so wide gaps cost bytes in every
doclist (over the 1,000,000-candidate bench, 114 B a candidate for the index with dense ids,
134 B 1,024 apart, 149 B 65,536 apart, 203 B 2^40 apart). When no integer is left between two
neighbours the person stays *unplaced*: key -id (ids are positive, so no placed key collides),
found by every search and merged in by name (core/first_screen.py) until `tidy`, run by the
write path before every commit, re-spaces its neighbourhood.
"""

from __future__ import annotations

import sqlite3

MID = 1 << 61  # the first key of an empty database: room both ways
TOP = 1 << 62  # above every key (a sentinel, never a key)
END_STEP = 1 << 12
INNER_STEP = 1 << 6

# The placed key before a person (sort_name {s}, id {i}) in name order: 0 when none.
_BEFORE = (
    "coalesce((SELECT b.search_key FROM candidate b INDEXED BY ix_candidate_placed"
    " WHERE b.search_key > 0 AND b.sort_name = {s} AND b.id < {i} ORDER BY b.id DESC LIMIT 1),"
    " (SELECT b.search_key FROM candidate b INDEXED BY ix_candidate_placed WHERE b.search_key > 0"
    " AND b.sort_name < {s} ORDER BY b.sort_name DESC, b.id DESC LIMIT 1), 0)"
)
# The placed key after key {p}: keys sort as names do, so the next key is the next name's.
_AFTER = (
    f"coalesce((SELECT a.search_key FROM candidate a WHERE a.search_key > {{p}}"
    f" ORDER BY a.search_key LIMIT 1), {TOP})"
)


def _keys(rows: str, batch: bool = False) -> str:
    """SELECT (id, key) for the people `rows` selects (id, sort_name; none placed yet): each
    gap's newcomers spread over it in name order, at most a step apart; -id where the gap is
    too narrow for them all. A `batch` computes each step once (MATERIALIZED: flattened, the
    neighbours' look-ups ran again for every use of `p`, 2.6 s for 100,000 people); a
    trigger may not use WITH, and does one person."""
    before = _BEFORE.format(s="w.sort_name", i="w.id")
    parts = (
        ("w", f"SELECT w.id, w.sort_name, {before} AS p FROM ({rows}) AS w"),
        (
            "g",
            f"SELECT w.id, w.sort_name, w.p, {_AFTER.format(p='w.p')} AS n,"
            " (SELECT s.sort_name FROM candidate s WHERE s.search_key = w.p) = w.sort_name"
            " AS same FROM w",
        ),
        (
            "r",
            "SELECT id, p, n, same, row_number() OVER (PARTITION BY p ORDER BY sort_name, id)"
            " AS r, count(*) OVER (PARTITION BY p) AS m FROM g",
        ),
        (
            "t",
            f"SELECT id, p, n, r, m, min((n - p) / (m + 1), CASE WHEN p = 0 OR n = {TOP}"
            f" THEN {END_STEP} WHEN same THEN {INNER_STEP} ELSE {TOP} END) AS step FROM r",
        ),
    )
    last = (
        "SELECT id, CASE WHEN step < 1 THEN -id"
        f" WHEN p = 0 AND n = {TOP} THEN {MID} + (r - 1) * min({END_STEP}, {TOP - MID} / (m + 1))"
        " WHEN p = 0 THEN n - (m + 1 - r) * step"
        " ELSE p + r * step END AS key FROM t"
    )
    if batch:
        ctes = ", ".join(f"{name} AS MATERIALIZED ({sql})" for name, sql in parts)
        return f"WITH {ctes} {last}"
    sql = last
    for name, inner in reversed(parts):
        sql = sql.replace(f" FROM {name}", f" FROM ({inner}) AS {name}", 1)
    return sql


def place_one(candidate_id: str, sort_name: str, when: str = "1") -> str:
    """Trigger statements giving one person (expressions for its id and sort_name) a new key
    if `when`: its old one is let go first, so the gap it left is free for it."""
    rows = f"SELECT {candidate_id} AS id, {sort_name} AS sort_name"
    return (
        f"UPDATE candidate SET search_key = NULL WHERE id = {candidate_id} AND ({when});"
        f" UPDATE candidate SET search_key = (SELECT key FROM ({_keys(rows)}))"
        f" WHERE id = {candidate_id} AND search_key IS NULL;"
    )


def keys_of(rows: str) -> str:
    """SELECT (id, key) giving the people `rows` selects (id, sort_name; not in the table
    yet, or with NULL keys) their places: an import's newcomers, computed from its stage so
    they are inserted with their keys (setting 100,000 keys afterwards cost 1.2 s more)."""
    return _keys(rows, batch=True)


def fill_all() -> str:
    """Every key from scratch (all NULL before), END_STEP apart from MID or closer if the
    people would not fit (a migration)."""
    return (
        f"UPDATE candidate SET search_key = {MID} + (r - 1)"
        f" * min({END_STEP}, {TOP - MID} / ((SELECT count(*) FROM candidate) + 1))"
        " FROM (SELECT id, row_number() OVER (ORDER BY sort_name, id) AS r FROM candidate) AS k"
        " WHERE candidate.id = k.id"
    )


# -- the unplaced, placed again ----------------------------------------------------------
WINDOW = 64  # placed neighbours each side of an unplaced person respaced first (then 2×, …)
ROOM = 1 << 10  # the spacing a respaced neighbourhood must reach


def tidy(conn: sqlite3.Connection) -> int:
    """Give the unplaced (key -id) keys, each by respacing the neighbourhood it is crowded
    in: its WINDOW placed neighbours either side, widened until they span ROOM a person, get
    keys spread evenly, their search rows moved with them. Run by the write path before each
    commit (a look at the key index when there are none); returns how many were placed."""
    placed = 0
    while True:
        row = conn.execute(
            "SELECT sort_name, id FROM candidate WHERE search_key < 0 LIMIT 1"
        ).fetchone()
        if row is None:
            return placed
        placed += _respace(conn, row[0], row[1])


def _respace(conn: sqlite3.Connection, name: str, cid: int) -> int:
    width = WINDOW
    while True:
        lo = _neighbour(conn, name, cid, width, "<", "DESC")
        hi = _neighbour(conn, name, cid, width, ">", "ASC")
        members = _between(conn, lo, hi)
        low, high = (0 if lo is None else lo[2]), (TOP if hi is None else hi[2])
        step = (high - low) // (len(members) + 1)
        if step >= ROOM or (lo is None and hi is None):
            break
        width *= 2
    if lo is None and hi is None:
        step = min(END_STEP, (TOP - MID) // (len(members) + 1))
        keys = [MID + r * step for r in range(len(members))]
    elif lo is None:
        step = min(step, END_STEP)
        keys = [high - (len(members) - r) * step for r in range(len(members))]
    else:
        step = min(step, END_STEP) if hi is None else step
        keys = [low + (r + 1) * step for r in range(len(members))]
    _move(conn, list(zip(members, keys, strict=True)))
    return sum(1 for m in members if m < 0)


def _neighbour(
    conn: sqlite3.Connection, name: str, cid: int, width: int, side: str, order: str
) -> tuple[str, int, int] | None:
    """The placed person `width` places before ("<") or after (">") (name, id); None: fewer."""
    found = conn.execute(
        "SELECT sort_name, id, search_key FROM candidate INDEXED BY ix_candidate_placed"
        f" WHERE search_key > 0 AND (sort_name, id) {side} (?, ?)"
        f" ORDER BY sort_name {order}, id {order} LIMIT 1 OFFSET ?",
        (name, cid, width - 1),
    ).fetchone()
    return None if found is None else (found[0], found[1], found[2])


def _between(
    conn: sqlite3.Connection, lo: tuple[str, int, int] | None, hi: tuple[str, int, int] | None
) -> list[int]:
    """Everyone (placed or not) strictly between the two, in name order: their ids, negated
    for the unplaced."""
    where, params = ["1"], []
    if lo is not None:
        where.append("(sort_name, id) > (?, ?)")
        params += [lo[0], lo[1]]
    if hi is not None:
        where.append("(sort_name, id) < (?, ?)")
        params += [hi[0], hi[1]]
    sql = (
        "SELECT CASE WHEN search_key < 0 THEN -id ELSE id END FROM candidate"
        f" INDEXED BY ix_candidate_sort_name WHERE {' AND '.join(where)} ORDER BY sort_name, id"
    )
    return [r[0] for r in conn.execute(sql, params)]


def _move(conn: sqlite3.Connection, keyed: list[tuple[int, int]]) -> None:
    """New keys for these people (ids negated for the unplaced), search rows moved along."""
    from talentdesk.core.db.triggers import forget_rows, index_rows

    conn.execute("CREATE TEMP TABLE IF NOT EXISTS respaced (id INTEGER PRIMARY KEY, key INT)")
    conn.execute("DELETE FROM temp.respaced")
    conn.executemany("INSERT INTO temp.respaced VALUES (?, ?)", ((abs(i), k) for i, k in keyed))
    who = "SELECT id FROM temp.respaced"
    conn.execute(forget_rows(who))  # while the view still shows them under their old keys
    conn.execute(f"UPDATE candidate SET search_key = NULL WHERE id IN ({who})")
    conn.execute(
        "UPDATE candidate SET search_key = r.key FROM temp.respaced r WHERE candidate.id = r.id"
    )
    conn.execute(index_rows(who))
    conn.execute("DELETE FROM temp.respaced")
