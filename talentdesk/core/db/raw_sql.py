"""The core's raw SQL is written for the sqlite3 module (`?` placeholders); a statement run with
`exec_driver_sql` on a team database's connection (psycopg: `%s`) goes through `for_driver`.

Only for statements whose text has no `?` or `%` of its own (values are parameters)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Connection


def for_driver(connection: Connection, sql: str) -> str:
    """`sql` with the placeholders the connection's driver reads."""
    if connection.dialect.paramstyle in ("format", "pyformat"):
        return sql.replace("?", "%s")
    return sql


def upsert_insert(dialect_name: str) -> Any:
    """The dialect's own INSERT construct, with ON CONFLICT (on_conflict_do_nothing / _update:
    the same API on SQLite and PostgreSQL)."""
    if dialect_name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as on_server

        return on_server
    from sqlalchemy.dialects.sqlite import insert as on_sqlite

    return on_sqlite


def json_ids(dialect_name: str, param: str = ":ids") -> str:
    """A subquery of the ids in one JSON array parameter (as text, `[1,2,3]`): SQLite's
    `json_each`, a server's `json_array_elements_text` (one parameter, however many ids:
    SQLite builds allow 32,766 at most)."""
    if dialect_name == "postgresql":
        return (
            f"(SELECT CAST(value AS bigint) FROM json_array_elements_text(CAST({param} AS json)))"
        )
    return f"(SELECT value FROM json_each({param}))"


def two_max(dialect_name: str) -> Any:
    """The SQL function giving the larger of two values: SQLite's two-argument `max`, a
    server's `greatest` (its `max` is the aggregate only)."""
    from sqlalchemy import func

    return func.greatest if dialect_name == "postgresql" else func.max
