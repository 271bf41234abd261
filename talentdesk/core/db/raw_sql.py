"""The core's raw SQL is written for the sqlite3 module (`?` placeholders); a statement run with
`exec_driver_sql` on a team database's connection (psycopg: `%s`) goes through `for_driver`.

Only for statements whose text has no `?` or `%` of its own (values are parameters)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection


def for_driver(connection: Connection, sql: str) -> str:
    """`sql` with the placeholders the connection's driver reads."""
    if connection.dialect.paramstyle in ("format", "pyformat"):
        return sql.replace("?", "%s")
    return sql
