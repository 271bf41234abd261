"""What `talentdesk info` reports: paths, schema revision and row counts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

import talentdesk
from talentdesk.core.db.migrate import current_revision, head_revision
from talentdesk.core.workspace import Workspace

_COUNTED = ("candidate", "pool", "interaction", "reminder")


def workspace_info(ws: Workspace) -> dict[str, Any]:
    with ws.db.engine.connect() as conn:
        revision = current_revision(conn)
        counts = {
            f"{table}s": conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in _COUNTED
        }
    head = head_revision()
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
