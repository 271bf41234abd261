"""What the bulk-action tests compare: the rows of the tables a bulk action may touch."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace

# sqlite_master: the triggers bulk tagging holds back are there again, as they were.
TABLES = (
    "candidate",
    "tag",
    "candidate_tag",
    "pool_membership",
    "interaction",
    "reminder",
    "sqlite_master",
)


def rows(database: Path, table: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(database) as db:
        cursor = db.execute(f"SELECT * FROM {table}")
        # An undo puts a person back at a new version (an edit form opened since must not pass
        # for current): the version is the one column that is not as it was.
        keep = [i for i, d in enumerate(cursor.description) if (table, d[0]) != VERSION]
        return sorted((tuple(row[i] for i in keep) for row in cursor), key=repr)


VERSION = ("candidate", "version")


def state(database: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables bulk actions touch, to compare before and after an undo."""
    return {table: rows(database, table) for table in TABLES}


def people(ws: Workspace, count: int, **fields: Any) -> list[int]:
    return [
        ws.candidates.create(CandidateRecord(first_name=f"Person{i}", last_name="Bulk", **fields))
        for i in range(count)
    ]


def deleted_one(ws: Workspace) -> int:
    """The id of someone deleted (as if by another window) before the bulk action ran."""
    (gone,) = people(ws, 1)
    ws.candidates.delete([gone])
    return gone
