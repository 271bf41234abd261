"""The erasure's SQL on a team database (PostgreSQL): SQLite's statements (erasure.py) with
their few SQLite-only bits written the server's way, so the local file's text stays as it was.

- the ids, one JSON parameter: `json_each` → `json_array_elements_text`;
- a person's other addresses, one a line, and the outbox's, comma-separated: `group_concat`
  → `string_agg` (`char(10)` → `chr(10)`).
"""

from __future__ import annotations

import functools

from sqlalchemy import Connection

_SWAPS = (
    (
        "(SELECT value FROM json_each(:ids))",
        "(SELECT CAST(value AS bigint) FROM json_array_elements_text(CAST(:ids AS json)))",
    ),
    ("group_concat(e.email, char(10))", "string_agg(e.email, chr(10))"),
    ("group_concat(DISTINCT o.to_address)", "string_agg(DISTINCT o.to_address, ',')"),
)


def on_server_conn(conn: Connection) -> bool:
    return conn.dialect.name != "sqlite"


@functools.lru_cache(maxsize=64)
def server_sql(sql: str) -> str:
    """`sql` (one of erasure.py's statements) as a team database reads it."""
    for sqlite, server in _SWAPS:
        sql = sql.replace(sqlite, server)
    return sql
