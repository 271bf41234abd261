"""The audit log: what was done to personal data, when and to how many, never whose.

`AuditLog.record` is a write (any service may call it inside its own operation, so the entry
commits with what it records); `entries` reads newest first. A restore writes its entry
straight into the restored file (`record_in_file`): it runs with the folder locked, outside
any open workspace.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.datetimes import from_db, to_db
from talentdesk.core.db.sessions import Sessions, writes
from talentdesk.core.errors import ValidationError
from talentdesk.core.ops.changes import Changes

EXPORT = "export"
ERASURE = "erasure"
CONSENT = "consent"
RESTORE = "restore"
BACKUP = "backup"
# Someone added by hand although their contact details match an erased person's.
SUPPRESSION_OVERRIDE = "suppression override"
KNOWN_KINDS = (EXPORT, ERASURE, CONSENT, RESTORE, BACKUP, SUPPRESSION_OVERRIDE)
MAX_DETAIL = 400


@dataclass(frozen=True)
class AuditRecord:
    id: int
    occurred_at: datetime
    kind: str
    count: int
    detail: str | None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "occurred_at": self.occurred_at.isoformat(),
            "kind": self.kind,
            "count": self.count,
            "detail": self.detail,
        }


def _checked(kind: str, count: int, detail: str | None) -> str | None:
    if not kind or len(kind) > 32:
        raise ValidationError({"kind": "an audit entry's kind is 1 to 32 characters"})
    if count < 0:
        raise ValidationError({"count": "an audit entry counts 0 or more"})
    return None if detail is None else detail[:MAX_DETAIL]


_INSERT = "INSERT INTO audit_entry (occurred_at, kind, count, detail) VALUES (?, ?, ?, ?)"
_INSERT_NAMED = (
    "INSERT INTO audit_entry (occurred_at, kind, count, detail)"
    " VALUES (:at, :kind, :count, :detail)"
)


class AuditLog:
    def __init__(self, sessions: Sessions, clock: Clock = utcnow) -> None:
        self._sessions = sessions
        self._clock = clock

    @writes("recording an audit entry")
    def record(self, kind: str, count: int = 1, detail: str | None = None) -> None:
        """Note what was done (never to whom: `detail` must hold no personal data)."""
        from sqlalchemy import text

        detail = _checked(kind, count, detail)
        with self._sessions.begin() as session:
            session.execute(
                text(_INSERT_NAMED),
                {"at": to_db(self._clock()), "kind": kind, "count": count, "detail": detail},
            )
            self._sessions.changed(Changes(audit=True))

    def entries(self, kind: str | None = None, limit: int | None = None) -> list[AuditRecord]:
        """Newest first; only `kind` when given."""
        from sqlalchemy import text

        sql = "SELECT id, occurred_at, kind, count, detail FROM audit_entry"
        params: dict[str, object] = {}
        if kind:
            sql += " WHERE kind = :kind"
            params["kind"] = kind
        sql += " ORDER BY occurred_at DESC, id DESC"
        if limit is not None:
            sql += " LIMIT :limit"
            params["limit"] = limit
        with self._sessions() as session:
            rows = session.execute(text(sql), params).all()
        return [AuditRecord(r[0], from_db(r[1]), r[2], r[3], r[4]) for r in rows]


def record_in_file(
    database: Path, kind: str, count: int, detail: str | None, now: datetime
) -> None:
    """An entry written with plain sqlite3, for a process that holds the folder's lock and has
    no workspace open (restoring a backup)."""
    detail = _checked(kind, count, detail)
    conn = sqlite3.connect(database, isolation_level=None)
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute(_INSERT, (to_db(now), kind, count, detail))
    finally:
        conn.close()
