"""What `talentdesk info` reports: paths, schema revision and row counts, read on the reader
connection (standard library only: `talentdesk info` starts without SQLAlchemy or Alembic)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import talentdesk
from talentdesk.core.db.preflight import schema_head

if TYPE_CHECKING:
    from talentdesk.core.workspace import Workspace

_COUNTED = ("candidate", "pool", "interaction", "reminder")


def _read(ws: Workspace) -> tuple[str | None, dict[str, int]]:
    """The schema revision and the counts: on the reader, or a team database's read session."""
    queries = ["SELECT version_num FROM alembic_version"]
    queries += [f"SELECT count(*) FROM {table}" for table in _COUNTED]
    if ws.paths.database_url is None:
        rows = [ws.reader.execute(sql).fetchone() for sql in queries]
    else:
        from sqlalchemy import text

        with ws.db.sessions() as session:
            rows = [session.execute(text(sql)).first() for sql in queries]
    revision = rows[0][0] if rows[0] else None
    counts = {f"{table}s": int(row[0]) for table, row in zip(_COUNTED, rows[1:], strict=True)}
    return revision, counts


def workspace_info(ws: Workspace) -> dict[str, Any]:
    revision, counts = _read(ws)
    head = schema_head()
    database = str(ws.paths.database)
    if ws.paths.database_url is not None:
        from talentdesk.core.db.server import describe

        database = describe(ws.paths.database_url)  # never with its password
    return {
        "version": talentdesk.__version__,
        "data_dir": str(ws.paths.data_dir),
        "database": database,
        "backups": str(ws.paths.backups),
        "logs": str(ws.paths.logs),
        "schema_revision": revision,
        "schema_head": head,
        "at_head": revision == head,
        "counts": counts,
    }
