"""The changes a merge makes, each done through a `Journal` that keeps what reverses it.

A merge is a sequence of small row changes (move these rows to the kept person, delete that
doubled reminder, add this address); undoing it replays their inverses newest first, so each
inverse meets the database exactly as its change left it (a unique key freed before the row
that needs it comes back, a parent reinserted before its children move home).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, and_, delete, insert, select, update

from talentdesk.core.db.candidate_versions import bump

Row = dict[str, Any]


@dataclass(frozen=True)
class Moved:
    """`column` of the rows `ids` went from `old` to `new`."""

    table: Table
    column: str
    ids: tuple[Any, ...]
    old: Any
    new: Any


@dataclass(frozen=True)
class Inserted:
    table: Table
    rows: tuple[Row, ...]  # as inserted, primary key included


@dataclass(frozen=True)
class Deleted:
    """Rows removed, parents before children (a cascade's victims listed with their parent)."""

    tables: tuple[tuple[Table, tuple[Row, ...]], ...]


@dataclass(frozen=True)
class Rewritten:
    table: Table
    before: tuple[Row, ...]  # whole rows as they were


Step = Moved | Inserted | Deleted | Rewritten


def _key(table: Table) -> Any:
    (column,) = table.primary_key.columns  # every table moved or rewritten has a one-column key
    return column


def _matching(table: Table, row: Row) -> Any:
    return and_(*(c == row[c.name] for c in table.primary_key.columns))


class Journal:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.steps: list[Step] = []

    def rows(self, table: Table, *where: Any) -> list[Row]:
        return [dict(r._mapping) for r in self.connection.execute(select(table).where(*where))]

    def move(self, table: Table, column: str, ids: Sequence[Any], old: Any, new: Any) -> int:
        if not ids:
            return 0
        key = _key(table)
        self.connection.execute(
            update(table).where(key.in_(ids), table.c[column] == old).values({column: new})
        )
        self.steps.append(Moved(table, column, tuple(ids), old, new))
        return len(ids)

    def insert(self, table: Table, rows: Sequence[Row]) -> list[Row]:
        """Insert `rows`, one at a time so each gets its key back; returns them with it."""
        done: list[Row] = []
        for row in rows:
            result = self.connection.execute(insert(table).values(row))
            keys = tuple(result.inserted_primary_key or ())
            names = [c.name for c in table.primary_key.columns]
            full = dict(row) | dict(zip(names, keys, strict=bool(keys)))
            done.append(full)
        if done:
            self.steps.append(Inserted(table, tuple(done)))
        return done

    def delete(self, groups: Sequence[tuple[Table, Sequence[Row]]]) -> None:
        """Delete the first group's rows (the others go with them by cascade, or are deleted
        here too when they are not the first group's children)."""
        kept = tuple((t, tuple(rows)) for t, rows in groups if rows)
        if not kept:
            return
        for table, rows in reversed(kept):
            for row in rows:
                self.connection.execute(delete(table).where(_matching(table, row)))
        self.steps.append(Deleted(kept))

    def rewrite(self, table: Table, row_id: Any, values: Row) -> None:
        key = _key(table)
        before = self.rows(table, key == row_id)
        self.connection.execute(update(table).where(key == row_id).values(values))
        self.steps.append(Rewritten(table, tuple(before)))


def reverse(connection: Connection, steps: Sequence[Step]) -> None:
    """Undo `steps`, newest first. The people it puts back get a new version (never their old
    one: an edit form opened since must not pass for current)."""
    for step in reversed(steps):
        if isinstance(step, Moved):
            connection.execute(
                update(step.table)
                .where(_key(step.table).in_(step.ids))
                .values({step.column: step.old})
            )
        elif isinstance(step, Inserted):
            for row in step.rows:
                connection.execute(delete(step.table).where(_matching(step.table, row)))
        elif isinstance(step, Deleted):
            for table, rows in step.tables:
                connection.execute(insert(table), [_placed_afresh(row) for row in rows])
        else:
            for row in step.before:
                # A candidate's version is never put back (the caller moves it on instead).
                values = {k: v for k, v in _placed_afresh(row).items() if k != "version"}
                connection.execute(
                    update(step.table).where(_matching(step.table, row)).values(values)
                )
    bump(connection, _people(steps))


def _placed_afresh(row: Row) -> Row:
    """The row without its place in name order: the triggers give a person put back a key
    (db/search_order.py; the old one may be someone else's by now)."""
    return {k: v for k, v in row.items() if k != "search_key"}


def _people(steps: Sequence[Step]) -> set[int]:
    """The candidates whose own rows `steps` changed."""
    found: set[int] = set()
    for step in steps:
        if isinstance(step, Moved) and step.table.name == "candidate":
            found.update(step.ids)
        elif isinstance(step, Rewritten) and step.table.name == "candidate":
            found.update(row["id"] for row in step.before)
        elif isinstance(step, Deleted):
            for table, rows in step.tables:
                if table.name == "candidate":
                    found.update(row["id"] for row in rows)
    return found
