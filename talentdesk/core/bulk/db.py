"""The connection a bulk action's SQL runs on: the driver's own under SQLAlchemy's, for
executemany without per-row overhead. On SQLite it is the sqlite3 connection itself, so the
local file's statements run exactly as written. On a team database (PostgreSQL) it is
`ServerDb`: the same statements with psycopg's placeholders (`?` → `%s`, `:name` →
`%(name)s`), `temp.` as `pg_temp.` and `INSERT OR IGNORE` as `ON CONFLICT DO NOTHING`; what
differs in meaning (typed values, JSON lists of ids, triggers) is written per dialect where
it is used (`on_server`).
"""

from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import Connection

from talentdesk.core.db.datetimes import to_db


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...
    @property
    def description(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def fetchone(self) -> Any: ...
    def __iter__(self) -> Iterator[Any]: ...


class BulkDb(Protocol):
    def execute(self, sql: str, parameters: Any = ..., /) -> Cursor: ...
    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Cursor: ...


_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")
_OR_IGNORE = "INSERT OR IGNORE INTO"


@functools.lru_cache(maxsize=512)
def server_sql(sql: str) -> str:
    """A bulk statement written for SQLite, as psycopg and PostgreSQL read it."""
    ignore = _OR_IGNORE in sql
    sql = sql.replace(_OR_IGNORE, "INSERT INTO").replace("temp.", "pg_temp.")
    sql = sql.replace("%", "%%").replace("?", "%s")
    sql = _NAMED.sub(r"%(\1)s", sql)
    return sql + " ON CONFLICT DO NOTHING" if ignore else sql


class ServerDb:
    """A psycopg connection inside the write path's transaction, read as the bulk SQL's."""

    def __init__(self, dbapi: Any) -> None:
        self.dbapi = dbapi

    def execute(self, sql: str, parameters: Any = (), /) -> Cursor:
        cursor = self.dbapi.cursor()
        cursor.execute(server_sql(sql), _params(parameters))
        return cursor  # type: ignore[no-any-return]

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Cursor:
        cursor = self.dbapi.cursor()
        rows = [_params(row) for row in parameters]
        if rows:
            cursor.executemany(server_sql(sql), rows)
        return cursor  # type: ignore[no-any-return]


def _params(parameters: Any) -> Any:
    return parameters if isinstance(parameters, dict) else list(parameters)


def raw(connection: Connection) -> BulkDb:
    """The driver's connection under SQLAlchemy's (see the module's docstring)."""
    dbapi = connection.connection.dbapi_connection
    if isinstance(dbapi, sqlite3.Connection):
        return dbapi
    return ServerDb(dbapi)


def on_server(db: BulkDb) -> bool:
    return isinstance(db, ServerDb)


def typed(db: BulkDb, sql_type: str) -> str:
    """A `?` parameter in a SELECT's list that a server must not take for text (a NULL id)."""
    return f"CAST(? AS {sql_type})" if on_server(db) else "?"


def stamp(db: BulkDb, moment: datetime) -> Any:
    """A datetime as a parameter: the stored text on SQLite, a naive UTC datetime on a
    server (a text parameter in an INSERT … SELECT's list would be taken for text)."""
    if on_server(db):
        return moment.astimezone(UTC).replace(tzinfo=None)
    return to_db(moment)
