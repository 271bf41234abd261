"""Tagging thousands at once without rebuilding a search row per tag link.

The triggers on candidate_tag take the tagged person's search row (FTS5) out of the index and
put it back for every row inserted or deleted: 10,000 links cost 10,000 of each, a statement
apiece. Inside a bulk action's transaction those triggers are dropped, the search rows of
everyone whose tags may change leave the index at once (while the search view still shows
their old tags: db/triggers.py), the links are written set-based, the rows come back in one
statement, and the triggers are created again from their own stored SQL. DDL is transactional
in SQLite: if anything fails, the rollback brings the triggers back with everything else, and
no other connection ever sees them missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from talentdesk.core.bulk.db import BulkDb, on_server
from talentdesk.core.db.server_search_schema import TRIGGERS
from talentdesk.core.db.triggers import forget_rows, index_rows

_WHO = "SELECT id FROM temp.bulk_search"


@contextmanager
def link_triggers_held(
    db: BulkDb, who: str | Iterable[int], params: Sequence[object] = ()
) -> Iterator[None]:
    """Hold the candidate_tag triggers back while the links of the people `who` selects (a
    query with `params`, or ids: everyone whose tags the caller may change) are written."""
    if on_server(db):
        with _held_on_server(db, who, params):
            yield
        return
    triggers = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'candidate_tag'"
    ).fetchall()
    _fill(db, who, params)
    db.execute(forget_rows(_WHO))
    for name, _sql in triggers:
        db.execute(f'DROP TRIGGER "{name}"')
    yield  # an error propagates: the rollback restores the triggers and the index
    db.execute(index_rows(_WHO))
    for _name, sql in triggers:
        db.execute(sql)
    db.execute("DELETE FROM temp.bulk_search")


def _fill(db: BulkDb, who: str | Iterable[int], params: Sequence[object]) -> None:
    db.execute("CREATE TEMP TABLE IF NOT EXISTS bulk_search (id INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM temp.bulk_search")
    if isinstance(who, str):
        db.execute(f"INSERT OR IGNORE INTO temp.bulk_search (id) {who}", params)
    elif on_server(db):
        ids = sorted(set(who))
        db.execute("INSERT INTO temp.bulk_search (id) SELECT unnest(?::bigint[])", (ids,))
    else:
        rows = ((i,) for i in who)
        db.executemany("INSERT OR IGNORE INTO temp.bulk_search (id) VALUES (?)", rows)


_SERVER_TRIGGER = next(name for name, table, _ in TRIGGERS if table == "candidate_tag")


@contextmanager
def _held_on_server(
    db: BulkDb, who: str | Iterable[int], params: Sequence[object]
) -> Iterator[None]:
    """On a team database: the search trigger of candidate_tag disabled for this transaction
    (ALTER TABLE … DISABLE TRIGGER locks the table against other writes until the commit,
    not against reads), the search rows refreshed once after. A role that may not alter the
    table keeps the trigger firing row by row: slower, the same result."""
    import psycopg

    db.execute("SAVEPOINT bulk_search")
    try:
        db.execute(f"ALTER TABLE candidate_tag DISABLE TRIGGER {_SERVER_TRIGGER}")
    except psycopg.errors.InsufficientPrivilege:
        db.execute("ROLLBACK TO SAVEPOINT bulk_search")
        yield
        return
    db.execute("RELEASE SAVEPOINT bulk_search")
    _fill(db, who, params)
    yield  # an error propagates: the rollback enables the trigger again
    db.execute(f"SELECT talentdesk_search_refresh(ARRAY({_WHO})::bigint[])")
    db.execute(f"ALTER TABLE candidate_tag ENABLE TRIGGER {_SERVER_TRIGGER}")
    db.execute("DELETE FROM temp.bulk_search")
