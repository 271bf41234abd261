"""Undoing an import on a team database (PostgreSQL): core/imports/removal.py's chunks, with
progress and cancel between them, inside the caller's transaction.

A person's search row goes with them (its key cascades), so the search index's triggers on
their e-mails and tags, which would only rebuild the rows of people being deleted, are held
back as the import holds them (csvio/server_move.py); the metrics summaries' trigger stays.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from talentdesk.core.csvio.server_move import hold_search, release_search
from talentdesk.core.diagnose import CancelledError
from talentdesk.core.imports.removal import CHUNK, Cancelled, Progress


def remove_created_on_server(
    conn: Connection,
    import_id: int,
    label: str,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> int:
    """Delete everyone import `import_id` created; returns how many. A cancel raises
    CancelledError: the caller rolls back."""
    ids = list(
        conn.execute(
            text(
                "SELECT candidate_id FROM import_person WHERE import_id = :id"
                " AND created = :yes ORDER BY candidate_id"
            ),
            {"id": import_id, "yes": True},
        ).scalars()
    )
    total, done = len(ids), 0
    raw = conn.connection.driver_connection
    held = hold_search(raw)
    if progress is not None:
        progress(0, total)
    for start in range(0, total, CHUNK):
        if cancelled is not None and cancelled():
            raise CancelledError(label)
        removed = conn.execute(
            text("DELETE FROM candidate WHERE id = ANY(:ids)"), {"ids": ids[start : start + CHUNK]}
        )
        done += int(removed.rowcount or 0)
        if progress is not None:
            progress(done, total)
    if held:
        release_search(raw)
    return done
