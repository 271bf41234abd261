"""Downgrading a test's database (a file, or a team database on a server) below a migration,
for tests of what that migration does to an older database."""

from __future__ import annotations

from sqlalchemy import Engine, inspect

from talentdesk.core.db.engine import make_engine, set_foreign_keys
from talentdesk.core.db.migrate import downgrade
from talentdesk.core.db.server import make_server_engine
from talentdesk.paths import AppPaths


def _engine(paths: AppPaths) -> Engine:
    url = paths.database_url
    return make_engine(paths.database) if url is None else make_server_engine(url)


def columns_below(paths: AppPaths, revision: str, table: str) -> list[str]:
    """Downgrade below `revision` (wherever the chain puts it); `table`'s columns then."""
    engine = _engine(paths)
    try:
        with engine.connect() as conn:
            if paths.database_url is None:
                set_foreign_keys(conn, False)
            with conn.begin():
                downgrade(conn, f"{revision}-1")
            return [c["name"] for c in inspect(conn).get_columns(table)]
    finally:
        engine.dispose()


def run_below(paths: AppPaths, revision: str, *statements: str) -> list[list[tuple[object, ...]]]:
    """Downgrade below `revision`, then run `statements` there in the same transaction (a
    statement that returns no rows gives [])."""
    engine = _engine(paths)
    try:
        with engine.connect() as conn:
            if paths.database_url is None:
                set_foreign_keys(conn, False)
            with conn.begin():
                downgrade(conn, f"{revision}-1")
                results = [conn.exec_driver_sql(sql) for sql in statements]
                return [
                    [tuple(r) for r in res.all()] if res.returns_rows else [] for res in results
                ]
    finally:
        engine.dispose()
