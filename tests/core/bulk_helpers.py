"""What the bulk-action tests compare: the rows of the tables a bulk action may touch."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from tests.conftest import SERVER_FOR, written_outside

# sqlite_master: the triggers bulk tagging holds back are there again, as they were (on a
# team database: its triggers, and the search index's rows).
TABLES = (
    "candidate",
    "tag",
    "candidate_tag",
    "pool_membership",
    "interaction",
    "reminder",
    "sqlite_master",
)


_ON_SERVER = {
    "sqlite_master": "SELECT tgname, tgrelid::regclass::text, tgenabled FROM pg_trigger"
    " WHERE NOT tgisinternal",
    "candidate_fts": "SELECT id, sort_name, doc::text FROM candidate_fts",
}


def rows(database: Path, table: str) -> list[tuple[Any, ...]]:
    if database in SERVER_FOR:
        with written_outside(database) as connection:
            found = connection.exec_driver_sql(_ON_SERVER.get(table, f"SELECT * FROM {table}"))
            names = list(found.keys())
            return _kept(table, names, [tuple(row) for row in found])
    with sqlite3.connect(database) as db:
        cursor = db.execute(f"SELECT * FROM {table}")
        return _kept(table, [d[0] for d in cursor.description], cursor.fetchall())


def _kept(table: str, names: list[str], found: list[Any]) -> list[tuple[Any, ...]]:
    # An undo puts a person back at a new version (an edit form opened since must not pass
    # for current): the version is the one column that is not as it was.
    keep = [i for i, name in enumerate(names) if (table, name) != VERSION]
    return sorted((tuple(row[i] for i in keep) for row in found), key=repr)


VERSION = ("candidate", "version")


def state(database: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables bulk actions touch, to compare before and after an undo."""
    tables = (*TABLES, "candidate_fts") if database in SERVER_FOR else TABLES
    return {table: rows(database, table) for table in tables}


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
