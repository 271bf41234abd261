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
from talentdesk.core.db.triggers import forget_rows, index_rows

_WHO = "SELECT id FROM temp.bulk_search"


@contextmanager
def link_triggers_held(
    db: BulkDb, who: str | Iterable[int], params: Sequence[object] = ()
) -> Iterator[None]:
    """Hold the candidate_tag triggers back while the links of the people `who` selects (a
    query with `params`, or ids: everyone whose tags the caller may change) are written.
    On a team database the triggers stay (dropping one would lock the table against every
    colleague's reads until the action commits)."""
    if on_server(db):
        yield
        return
    triggers = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'candidate_tag'"
    ).fetchall()
    db.execute("CREATE TEMP TABLE IF NOT EXISTS bulk_search (id INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM temp.bulk_search")
    if isinstance(who, str):
        db.execute(f"INSERT OR IGNORE INTO temp.bulk_search (id) {who}", params)
    else:
        rows = ((i,) for i in who)
        db.executemany("INSERT OR IGNORE INTO temp.bulk_search (id) VALUES (?)", rows)
    db.execute(forget_rows(_WHO))
    for name, _sql in triggers:
        db.execute(f'DROP TRIGGER "{name}"')
    yield  # an error propagates: the rollback restores the triggers and the index
    db.execute(index_rows(_WHO))
    for _name, sql in triggers:
        db.execute(sql)
    db.execute("DELETE FROM temp.bulk_search")
