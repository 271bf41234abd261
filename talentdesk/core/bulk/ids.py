"""The candidates a bulk action works on, in a temporary table of the write connection.

A list of 100,000 ids is too long for one statement's parameters, and a join with a table is
what lets each action be a handful of set-based statements rather than one per person. Ids
of people deleted since the list was read (by another window or process) are dropped and
counted: the action skips them and says how many.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import Connection

from talentdesk.core.bulk.db import BulkDb, on_server, raw
from talentdesk.core.diagnose import CancelledError

_NAME = "bulk_ids"
TABLE = f"temp.{_NAME}"
# One chunk between looks at Cancel and reports of progress: a few tenths of a second.
CHUNK = 2_000

Progress = Callable[[int, int], None]  # done, total
Cancelled = Callable[[], bool]


__all__ = ["raw"]


@dataclass
class Scope:
    """The living candidates of a bulk action (sorted ids), and how many were skipped."""

    connection: BulkDb
    ids: list[int]
    skipped: int
    user_id: int | None = None  # who does it: the author of what it logs, owner of reminders

    def chunks(
        self,
        label: str,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> Iterator[tuple[int, int]]:
        """(lowest, highest) id of each chunk of the scope, for `id BETWEEN ? AND ?`; between
        chunks, progress is reported and Cancel heard (the operation then rolls back)."""
        total = len(self.ids)
        for start in range(0, total, CHUNK):
            part = self.ids[start : start + CHUNK]
            yield part[0], part[-1]
            done = start + len(part)
            if progress is not None:
                progress(done, total)
            if cancelled is not None and done < total and cancelled():
                raise CancelledError(label)


def load(connection: Connection, candidate_ids: Iterable[int]) -> Scope:
    """Fill the temporary table with the candidates that still exist."""
    db = raw(connection)
    db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_NAME} (id INTEGER PRIMARY KEY)")
    db.execute(f"DELETE FROM {TABLE}")
    wanted = dict.fromkeys(int(i) for i in candidate_ids)
    if on_server(db):  # one array parameter, and statistics for the planner's joins
        db.execute(f"INSERT INTO {TABLE} (id) SELECT unnest(?::bigint[])", (list(wanted),))
        db.execute(f"ANALYZE {TABLE}")
    else:
        db.executemany(f"INSERT INTO {TABLE} (id) VALUES (?)", ((i,) for i in wanted))
    gone = db.execute(f"DELETE FROM {TABLE} WHERE id NOT IN (SELECT id FROM candidate)").rowcount
    ids = [row[0] for row in db.execute(f"SELECT id FROM {TABLE} ORDER BY id")]
    return Scope(db, ids, max(gone, 0))
