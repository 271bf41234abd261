"""What a bulk action changed, row by row, so that one generic undo puts back exactly the
state before it: rows it inserted are deleted, rows it deleted come back as they were (same
ids, same dates), columns it updated get their old values. Values are kept as the database
holds them (text dates, enum values), so nothing is converted on the way back.

Undo runs the steps backwards. Rows whose candidate (or pool, stage, vacancy) was deleted in
the meantime cannot come back and are left out, counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from talentdesk.core.bulk.db import BulkDb, on_server
from talentdesk.core.bulk.search_rows import link_triggers_held
from talentdesk.core.db.candidate_versions import bump_raw

Row = dict[str, Any]


@dataclass(frozen=True)
class Inserted:
    """Rows the action added: undo deletes them by their keys (and `only_if`, SQL that must
    hold for the row: a tag it created goes only while nobody else has it)."""

    table: str
    keys: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    only_if: str = ""


@dataclass(frozen=True)
class Deleted:
    """Rows the action removed: undo inserts them again, where their parents still exist."""

    table: str
    rows: list[Row]


@dataclass(frozen=True)
class Updated:
    """Columns the action changed: undo writes the old values back (keys first in each row)."""

    table: str
    keys: tuple[str, ...]
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]


Step = Inserted | Deleted | Updated


@dataclass
class Journal:
    steps: list[Step] = field(default_factory=list)

    def add(self, step: Step) -> None:
        if step.rows:
            self.steps.append(step)


# What must still exist for a row of each table to come back (column → parent table).
_PARENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "candidate_tag": (("candidate_id", "candidate"), ("tag_id", "tag")),
    "pool_membership": (("candidate_id", "candidate"), ("pool_id", "pool"), ("stage_id", "")),
    "reminder": (("candidate_id", "candidate"), ("pool_id", "pool"), ("vacancy_id", "vacancy")),
    "interaction": (("candidate_id", "candidate"),),
}


def _guard(table: str, value: dict[str, str] | None = None) -> str:
    """SQL that holds when a row's parents (named parameters) still exist; `value`: how a
    team database reads each parameter (typed)."""

    def p(column: str) -> str:
        return f":{column}" if value is None else value[column]

    checks = []
    for column, parent in _PARENTS.get(table, ()):
        if parent == "":  # a membership's stage must be a stage of its pool
            checks.append(
                "EXISTS (SELECT 1 FROM pool_stage s"
                f" WHERE s.id = {p('stage_id')} AND s.pool_id = {p('pool_id')})"
            )
        else:
            checks.append(
                f"({p(column)} IS NULL OR EXISTS (SELECT 1 FROM {parent} WHERE id = {p(column)}))"
            )
    return " AND ".join(checks) or ("TRUE" if value is not None else "1")


def undo(db: BulkDb, journal: Journal) -> int:
    """Reverse every step, last first; returns how many rows could not come back. The people
    whose tags or columns come back get a new version (never the old one: a form opened
    since the action must not pass for current)."""
    links = [s for s in journal.steps if s.table == "candidate_tag"]
    touched = _linked(links)
    if not links:
        lost = _undo_steps(db, journal.steps)
    else:
        with link_triggers_held(db, touched):
            lost = _undo_steps(db, journal.steps)
    for step in journal.steps:
        if step.table == "candidate" and isinstance(step, Updated):
            touched.update(int(row[0]) for row in step.rows)  # the id is the first key
    bump_raw(db, touched)
    return lost


def _linked(links: list[Step]) -> set[int]:
    touched: set[int] = set()
    for step in links:
        if isinstance(step, Deleted):
            touched.update(int(row["candidate_id"]) for row in step.rows)
        else:
            touched.update(int(row[0]) for row in step.rows)  # candidate_id is the first key
    return touched


def _undo_steps(db: BulkDb, steps: list[Step]) -> int:
    lost = 0
    for step in reversed(steps):
        if isinstance(step, Inserted):
            where = " AND ".join(f"{k} = ?" for k in step.keys)
            if step.only_if:
                where += f" AND {step.only_if}"
            db.executemany(f"DELETE FROM {step.table} WHERE {where}", step.rows)
        elif isinstance(step, Deleted):
            lost += _insert_back(db, step.table, step.rows)
        else:
            sets = ", ".join(f"{c} = ?" for c in step.columns)
            where = " AND ".join(f"{k} = ?" for k in step.keys)
            n = len(step.keys)
            db.executemany(
                f"UPDATE {step.table} SET {sets} WHERE {where}",
                (row[n:] + row[:n] for row in step.rows),
            )
    return lost


def _insert_back(db: BulkDb, table: str, rows: list[Row]) -> int:
    columns = list(rows[0])
    names = ", ".join(columns)
    if on_server(db):
        values, guard = _typed_on_server(db, table, columns)
    else:
        values, guard = ", ".join(f":{c}" for c in columns), _guard(table)
    inserted = db.executemany(
        f"INSERT OR IGNORE INTO {table} ({names}) SELECT {values} WHERE {guard}", rows
    ).rowcount
    return len(rows) - max(inserted, 0)


_COLUMN_TYPES = (
    "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
    " WHERE a.attrelid = CAST(? AS regclass) AND a.attnum > 0 AND NOT a.attisdropped"
)


def _typed_on_server(db: BulkDb, table: str, columns: list[str]) -> tuple[str, str]:
    """The values and the guard of `_insert_back` on a team database: each parameter cast to
    its column's type (a NULL or a text parameter in a SELECT's list would be taken for
    text). psycopg's executemany counts the rows of every statement."""
    types = dict(db.execute(_COLUMN_TYPES, (table,)).fetchall())
    typed = {c: f"CAST(:{c} AS {types[c]})" for c in columns}
    return ", ".join(typed[c] for c in columns), _guard(table, typed)


def select_rows(db: BulkDb, sql: str, params: Sequence[Any] = ()) -> list[Row]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def recorded_update(
    db: BulkDb,
    journal: Journal,
    table: str,
    values: dict[str, Any],
    where: str,
    params: Sequence[Any],
) -> list[int]:
    """Set `values` on the rows of `table` matching `where`, keeping their old values in the
    journal; returns the ids of the rows changed."""
    columns = tuple(values)
    old = db.execute(f"SELECT id, {', '.join(columns)} FROM {table} WHERE {where}", params)
    rows = [tuple(row) for row in old]
    sets = ", ".join(f"{c} = ?" for c in columns)
    new = tuple(values.values())
    db.executemany(f"UPDATE {table} SET {sets} WHERE id = ?", ((*new, row[0]) for row in rows))
    journal.add(Updated(table, ("id",), columns, rows))
    return [row[0] for row in rows]
