"""A team database's rows copied into a local SQLite file at the current schema, for tests that
check a server keeps what SQLite would (the metrics summaries): what the server's triggers kept
is put back over what SQLite's triggers wrote while the rows went in."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Connection, Table, create_engine, delete, select

from talentdesk.core.db import models
from talentdesk.core.db.migrate import create_schema
from talentdesk.core.db.server import make_server_engine

KEPT_BY_TRIGGERS = ("mail_question", "contact_week")


def server_copy(url: str, path: Path) -> sqlite3.Connection:
    """The database at `url` as a new SQLite file at `path` (replaced), open in autocommit."""
    path.unlink(missing_ok=True)
    local = create_engine(f"sqlite:///{path}")  # no foreign keys: rows go in table by table
    server = make_server_engine(url)
    tables = models.Base.metadata.sorted_tables
    try:
        with local.begin() as target, server.connect() as source:
            create_schema(target)
            for table in reversed(tables):
                target.execute(delete(table))  # what a new database starts with (starter lists)
            for table in [t for t in tables if t.name not in KEPT_BY_TRIGGERS]:
                _copy(source, target, table)
            for table in [t for t in tables if t.name in KEPT_BY_TRIGGERS]:
                target.execute(delete(table))
                _copy(source, target, table)
    finally:
        server.dispose()
        local.dispose()
    return sqlite3.connect(path, isolation_level=None)


def _copy(source: Connection, target: Connection, table: Table) -> None:
    rows = [dict(r) for r in source.execute(select(table)).mappings()]
    if rows:
        target.execute(table.insert(), rows)
