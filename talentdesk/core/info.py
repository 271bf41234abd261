"""What `talentdesk info` reports: paths, schema revision and row counts, read on the reader
connection (standard library only: `talentdesk info` starts without SQLAlchemy or Alembic)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import talentdesk
from talentdesk.core.db.preflight import schema_head

if TYPE_CHECKING:
    from talentdesk.core.workspace import Workspace

_COUNTED = ("candidate", "pool", "interaction", "reminder")


def workspace_info(ws: Workspace) -> dict[str, Any]:
    reader = ws.reader
    row = reader.execute("SELECT version_num FROM alembic_version").fetchone()
    revision = row[0] if row else None
    counts = {
        f"{table}s": int(reader.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for table in _COUNTED
    }
    head = schema_head()
    return {
        "version": talentdesk.__version__,
        "data_dir": str(ws.paths.data_dir),
        "database": str(ws.paths.database),
        "backups": str(ws.paths.backups),
        "logs": str(ws.paths.logs),
        "schema_revision": revision,
        "schema_head": head,
        "at_head": revision == head,
        "counts": counts,
    }
