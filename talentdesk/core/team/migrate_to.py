"""`talentdesk migrate-to URL`: copy everything in the local database into an empty team database
on a PostgreSQL server, in one server transaction: the schema, every table's rows (ids kept),
the id sequences moved past them, and each table's count checked against the local one before
the commit. Anything wrong rolls all of it back; the local file is only read.

Rows go as SQLite stores them where that is already what the server's column reads (every
table today: `_AS_STORED`), else through the ORM tables' column types. The search index
(SQLite's FTS5) is not copied: the server builds its own once the rows are in.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    Date,
    Enum,
    Float,
    Integer,
    Numeric,
    String,
    Table,
    func,
    inspect,
    select,
    text,
)
from sqlalchemy.types import TypeEngine

from talentdesk.core.db import models, server_search_schema, server_summary
from talentdesk.core.db.engine import make_read_engine
from talentdesk.core.db.migrate import create_schema
from talentdesk.core.db.server import describe, make_server_engine
from talentdesk.core.db.server_open import ServerUnreachableError, server_revision
from talentdesk.core.db.types import UTCDateTime
from talentdesk.core.errors import TalentDeskError

log = logging.getLogger(__name__)

BATCH = 2000
# Local tables that are not the models': SQLite's search index (its shadow tables too) and
# Alembic's own (the server's is stamped by create_schema).
_NOT_COPIED = ("candidate_fts", "alembic_version", "sqlite_")
# The triggers create_schema made that would rewrite copied values (last_contact_at, the
# metrics summaries: their local rows are copied as they are). The search index's too: rebuilt
# once after the copy (one row a candidate, not one a write).
_HELD_TRIGGERS = (
    ("interaction", "trg_interaction_last_contact"),
    *((table, name) for name, table, _ in server_summary.TRIGGERS if table == "interaction"),
    *((table, name) for name, table, _ in server_search_schema.TRIGGERS),
)

Progress = Callable[[str, int, int], None]  # table, rows copied, rows in the table
Cancelled = Callable[[], bool]  # asked between batches: True rolls the whole copy back


@dataclass(frozen=True)
class Copied:
    counts: dict[str, int]  # table -> rows, equal on both sides

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class ServerNotEmptyError(TalentDeskError):
    def __init__(self, where: str) -> None:
        super().__init__(
            f"{where} is not empty.",
            "Moving copies into an empty database only: create a new one on the server "
            "(createdb) and give its address. Nothing was written there.",
        )


class MoveCancelledError(TalentDeskError):
    def __init__(self) -> None:
        super().__init__(
            "The move was cancelled: nothing was kept on the server.",
            "The local database is as it was.",
        )


class CountMismatchError(TalentDeskError):
    def __init__(self, table: str, local: int, server: int) -> None:
        super().__init__(
            f"The copy of {table} has {server:,} rows where the local database has {local:,}.",
            "Nothing was kept on the server (the whole copy was rolled back); the local "
            "database is as it was.",
        )


def migrate_to(
    database: Path, url: str, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> Copied:
    """Copy the local database file `database` (at the current schema) into the empty server
    database at `url`, in one transaction. `cancelled()` True (it is asked between batches and
    once more before the commit) rolls it all back: MoveCancelledError."""
    where = describe(url)
    # One read transaction (query_only): a consistent snapshot, other writers not held up.
    local_engine = make_read_engine(database)
    server_engine = make_server_engine(url)
    try:
        with local_engine.connect() as local:
            _check_local(local)
            try:
                server = server_engine.connect()
            except Exception as exc:
                from sqlalchemy.exc import OperationalError

                if isinstance(exc, OperationalError):
                    raise ServerUnreachableError(where, str(exc.orig)) from exc
                raise
            with server, server.begin():
                if server_revision(server, where) is not None:
                    raise ServerNotEmptyError(where)
                create_schema(server)
                counts = _copy_all(local, server, _checked(progress or _quiet, cancelled))
                if cancelled is not None and cancelled():
                    raise MoveCancelledError()
        log.info("copied %s rows from %s to %s", f"{sum(counts.values()):,}", database, where)
        return Copied(counts)
    finally:
        server_engine.dispose()
        local_engine.dispose()


def _quiet(_table: str, _done: int, _total: int) -> None:
    return None


def _checked(progress: Progress, cancelled: Cancelled | None) -> Progress:
    """`progress` that raises MoveCancelledError once `cancelled()` says so: raised inside the
    server transaction, it rolls the copy back (a COPY under way is abandoned with it)."""
    if cancelled is None:
        return progress

    def checked(table: str, done: int, total: int) -> None:
        if cancelled():
            raise MoveCancelledError()
        progress(table, done, total)

    return checked


def local_counts(database: Path) -> dict[str, int]:
    """Each table's rows in the local database, in the order the copy takes them (what a
    progress bar over the whole move counts towards)."""
    engine = make_read_engine(database)
    try:
        with engine.connect() as local:
            names = set(inspect(local).get_table_names())
            return {
                table.name: int(local.execute(select(func.count()).select_from(table)).scalar_one())
                for table in models.Base.metadata.sorted_tables
                if table.name in names
            }
    finally:
        engine.dispose()


def _check_local(local: Connection) -> None:
    """Every local table is one the copy knows (a table of a newer version would be lost)."""
    known = {t.name for t in models.Base.metadata.sorted_tables}
    for name in inspect(local).get_table_names():
        if name not in known and not name.startswith(_NOT_COPIED):
            raise TalentDeskError(
                f"The local database has a table this version does not know ({name}).",
                "Nothing was copied. Use the TalentDesk that wrote it.",
            )


def _copy_all(local: Connection, server: Connection, progress: Progress) -> dict[str, int]:
    for table_name, trigger in _HELD_TRIGGERS:
        server.execute(text(f"ALTER TABLE {table_name} DISABLE TRIGGER {trigger}"))
    # The starter lists create_schema wrote: the local database's own lists replace them.
    server.execute(text("DELETE FROM saved_list"))
    counts: dict[str, int] = {}
    for table in models.Base.metadata.sorted_tables:
        counts[table.name] = _copy_table(local, server, table, progress)
        _move_sequence_past(server, table)
    for table_name, trigger in _HELD_TRIGGERS:
        server.execute(text(f"ALTER TABLE {table_name} ENABLE TRIGGER {trigger}"))
    server_search_schema.rebuild(server)
    for table in models.Base.metadata.sorted_tables:
        on_server = server.execute(select(func.count()).select_from(table)).scalar_one()
        if on_server != counts[table.name]:
            raise CountMismatchError(table.name, counts[table.name], on_server)
    # Statistics for the planner now, not when autovacuum gets to it: the first saves and
    # lists after a move would be planned as over empty tables.
    server.execute(text("ANALYZE"))
    return counts


def _self_references(table: Table) -> list[str]:
    """Columns pointing at the same table (who referred whom): copied after all its rows."""
    return [
        fk.parent.name for fk in table.foreign_keys if fk.column.table is table and fk.parent.name
    ]


def _copy_table(local: Connection, server: Connection, table: Table, progress: Progress) -> int:
    total = local.execute(select(func.count()).select_from(table)).scalar_one()
    later = _self_references(table)
    progress(table.name, 0, total)
    columns = [c.name for c in table.columns]
    import psycopg  # team mode's driver

    raw = server.connection.dbapi_connection
    assert isinstance(raw, psycopg.Connection)
    names = ", ".join(f'"{name}"' for name in columns)
    with raw.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for done, rows in _rows(local, server, table, later):
            for row in rows:
                copy.write_row(row)
            progress(table.name, done, total)
    for column in later:
        key = table.primary_key.columns.values()[0]
        pairs = local.execute(
            select(key, table.c[column]).where(table.c[column].is_not(None))
        ).all()
        if pairs:
            server.execute(
                text(f"UPDATE {table.name} SET {column} = :value WHERE {key.name} = :key"),
                [{"key": k, "value": v} for k, v in pairs],
            )
    return int(total)


# Column types whose stored SQLite value is already what COPY's text takes for the server's
# column (times as fixed-width text, booleans 0/1, numbers, JSON as its text, dates): such
# tables are read with sqlite3 and written as they are, several times faster than through
# SQLAlchemy's rows; the server still parses and checks every value.
_AS_STORED = (Integer, String, Enum, UTCDateTime, Date, Boolean, Numeric, Float, JSON)


def _rows(
    local: Connection, server: Connection, table: Table, later: list[str]
) -> Iterator[tuple[int, Sequence[Sequence[Any]]]]:
    """(rows so far, a batch of rows as COPY writes them), the self references left empty."""
    order = ", ".join(f'"{c.name}"' for c in table.primary_key.columns)
    if all(isinstance(c.type, _AS_STORED) for c in table.columns):
        names = ", ".join("NULL" if c.name in later else f'"{c.name}"' for c in table.columns)
        raw = local.connection.dbapi_connection
        assert raw is not None
        cursor = raw.cursor()
        cursor.execute(f'SELECT {names} FROM "{table.name}" ORDER BY {order}')
        done = 0
        while batch := cursor.fetchmany(BATCH):
            done += len(batch)
            yield done, batch
        cursor.close()
        return
    columns = [c.name for c in table.columns]  # through the column types
    to_server = [_to_server(table.c[name].type, server) for name in columns]
    done = 0
    for batch in _batches(local, table):
        done += len(batch)
        yield (
            done,
            [
                [
                    None if v is None or name in later else (v if f is None else f(v))
                    for f, name, v in zip(
                        to_server, columns, (row[n] for n in columns), strict=True
                    )
                ]
                for row in batch
            ],
        )


def _to_server(kind: TypeEngine[Any], server: Connection) -> Callable[[Any], Any] | None:
    """How a column's value read from the local database is written in COPY's text: JSON as
    its text; anything else through the column type's own bind processing."""
    if isinstance(kind, JSON):
        return json.dumps
    return kind.bind_processor(server.dialect)


def _batches(local: Connection, table: Table) -> Iterator[list[dict[str, object]]]:
    order = list(table.primary_key.columns)
    result = local.execution_options(yield_per=BATCH).execute(select(table).order_by(*order))
    for partition in result.mappings().partitions(BATCH):
        yield [dict(row) for row in partition]


def _move_sequence_past(server: Connection, table: Table) -> None:
    """A serial id's sequence continues after the copied ids (else the next insert collides)."""
    key = list(table.primary_key.columns)
    if len(key) != 1 or not isinstance(key[0].type, Integer):
        return
    name = key[0].name
    server.execute(
        text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', '{name}'),"
            f" coalesce((SELECT max({name}) FROM {table.name}), 0) + 1, false)"
        )
    )
