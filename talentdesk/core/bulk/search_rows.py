"""Tagging thousands at once without rebuilding a search row per tag link.

The triggers on candidate_tag rebuild the tagged person's search row (FTS5) for every row
inserted or deleted: 10,000 links cost 10,000 rebuilds, each a statement of its own. Inside a
bulk action's transaction those triggers are dropped, the links written set-based, the search
rows of the people touched rebuilt in one statement, and the triggers created again from
their own stored SQL. DDL is transactional in SQLite: if anything fails, the rollback brings
the triggers back with everything else, and no other connection ever sees them missing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from talentdesk.core.db.triggers import search_rows_refresh


@contextmanager
def link_triggers_held(db: sqlite3.Connection) -> Iterator[set[int]]:
    """Hold the candidate_tag triggers back; the caller adds to the yielded set the people
    whose tags it changed, whose search rows are then rebuilt at once."""
    triggers = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'candidate_tag'"
    ).fetchall()
    for name, _sql in triggers:
        db.execute(f'DROP TRIGGER "{name}"')
    touched: set[int] = set()
    yield touched  # an error propagates: the rollback restores the triggers
    rebuild(db, touched)
    for _name, sql in triggers:
        db.execute(sql)


def rebuild(db: sqlite3.Connection, candidate_ids: set[int]) -> None:
    if not candidate_ids:
        return
    db.execute("CREATE TEMP TABLE IF NOT EXISTS bulk_search (id INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM temp.bulk_search")
    db.executemany("INSERT INTO temp.bulk_search (id) VALUES (?)", ((i,) for i in candidate_ids))
    for sql in search_rows_refresh("SELECT id FROM temp.bulk_search"):
        db.execute(sql)
    db.execute("DELETE FROM temp.bulk_search")
