"""`candidate.updated_at` says when the person's record was last changed: an edit stamps it,
and so does each change that leaves no dated row of its own behind (a tag added or taken off in
bulk, a pool left, a near-fit flag set or cleared, a generated reminder deleted, a consent
record edited or deleted). Changes that do leave one (a pool joined, a stage moved, a timeline
entry, a reminder, an application, an e-mail, a consent recorded or withdrawn) do not stamp it:
a merge prefers the values of the person updated last, and joining a pool says nothing about
whose phone number is current. Together they are what an import's undo reads to know whether
the people it would delete were touched since (core/imports/touched.py)."""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from talentdesk.core.bulk.db import BulkDb, on_server, stamp
from talentdesk.core.bulk.journal import Journal, Updated
from talentdesk.core.db.models import Candidate

_CHUNK = 20_000  # ids per statement (bound as one JSON array: no host-parameter limit)


def mark_modified(session: Session, candidate_ids: Collection[int], now: datetime) -> None:
    """Stamp these people as changed now, inside the caller's transaction."""
    ids = sorted(set(candidate_ids))
    for start in range(0, len(ids), _CHUNK):
        session.execute(
            update(Candidate)
            .where(Candidate.id.in_(ids[start : start + _CHUNK]))
            .values(updated_at=now)
            .execution_options(synchronize_session=False)
        )


def mark_modified_recorded(
    db: BulkDb, candidate_ids: Collection[int], now: datetime, journal: Journal
) -> None:
    """The same for a bulk action, set-wise, with the old stamps kept in its journal: undoing
    the action puts them back, so people it changed and then gave back count as untouched."""
    ids = sorted(set(candidate_ids))
    when = stamp(db, now)
    server = on_server(db)
    # The ids bound as one parameter: a JSON array on SQLite, an array on a server.
    who = "id = ANY(?)" if server else "id IN (SELECT value FROM json_each(?))"
    for start in range(0, len(ids), _CHUNK):
        part = ids[start : start + _CHUNK]
        chunk: object = part if server else json.dumps(part)
        old = db.execute(f"SELECT id, updated_at FROM candidate WHERE {who}", (chunk,))
        journal.add(Updated("candidate", ("id",), ("updated_at",), [tuple(r) for r in old]))
        db.execute(f"UPDATE candidate SET updated_at = ? WHERE {who}", (when, chunk))
