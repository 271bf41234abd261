"""The import history (`ws.imports`): each import's record, and "Undo this import", which
deletes the people it created when nobody has touched them since.

An import that updated people already in TalentDesk cannot be undone: it did not keep their
earlier values, and an undo that deleted the new people but left the changes would not be the
whole import undone. Nor can one whose new people were changed since (an edit, a tag, a pool
or stage change, a consent record, a timeline entry, a reminder, an application, an e-mail, a
later import): the undo refuses, saying how many (core/imports/touched.py).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.datetimes import to_db
from talentdesk.core.db.models import Pool
from talentdesk.core.db.models_imports import ImportRecord
from talentdesk.core.db.sessions import Sessions, writes
from talentdesk.core.errors import NotFoundError, TalentDeskError
from talentdesk.core.imports.removal import Cancelled, Progress, remove_created
from talentdesk.core.imports.server_removal import remove_created_on_server
from talentdesk.core.imports.touched import people_of, touched_since
from talentdesk.core.ops.changes import Changes


@dataclass(frozen=True)
class ImportSummary:
    id: int
    file_name: str
    imported_at: datetime
    preset: str | None
    mapping: dict[str, str]
    created: int
    updated: int
    skipped: int
    pool_name: str | None
    undone_at: datetime | None

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "file": self.file_name,
            "imported_at": self.imported_at.isoformat(),
            "preset": self.preset,
            "mapping": self.mapping,
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
            "pool": self.pool_name,
            "undone_at": self.undone_at.isoformat() if self.undone_at else None,
        }


@dataclass(frozen=True)
class UndoResult:
    import_id: int
    file_name: str
    removed: int  # the people deleted


class ImportHistory:
    def __init__(self, sessions: Sessions, clock: Clock = utcnow) -> None:
        self._sessions = sessions
        self._clock = clock

    def history(self) -> list[ImportSummary]:
        """Every import, newest first."""
        with self._sessions() as session:
            found = session.execute(
                select(ImportRecord, Pool.name)
                .outerjoin(Pool, Pool.id == ImportRecord.pool_id)
                .order_by(ImportRecord.imported_at.desc(), ImportRecord.id.desc())
            )
            return [_summary(record, pool) for record, pool in found]

    def get(self, import_id: int) -> ImportSummary:
        with self._sessions() as session:
            found = session.execute(
                select(ImportRecord, Pool.name)
                .outerjoin(Pool, Pool.id == ImportRecord.pool_id)
                .where(ImportRecord.id == import_id)
            ).first()
            if found is None:
                raise NotFoundError(f"There is no import #{import_id}.")
            return _summary(*found)

    def why_not_undone(self, import_id: int) -> str | None:
        """Why the import cannot be undone now; None when it can."""
        with self._sessions() as session:
            record = session.get(ImportRecord, import_id)
            if record is None:
                raise NotFoundError(f"There is no import #{import_id}.")
            return _refusal(session.connection(), record)

    @writes("undoing an import")
    def undo(
        self,
        import_id: int,
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> UndoResult:
        """Delete the people the import created, all or none; refused (TalentDeskError) when
        it cannot be undone as a whole. `progress(deleted, of)` is told between chunks, on the
        writer's thread; `cancelled()` is asked there too, and a cancel (CancelledError)
        rolls everything back."""
        with self._sessions.begin() as session:
            record = session.get(ImportRecord, import_id)
            if record is None:
                raise NotFoundError(f"There is no import #{import_id}.")
            conn = session.connection()
            refusal = _refusal(conn, record)
            if refusal is not None:
                raise TalentDeskError(refusal)
            label = f"undoing the import of {record.file_name}"
            raw = conn.connection.driver_connection
            if isinstance(raw, sqlite3.Connection):
                removed = remove_created(raw.cursor(), import_id, label, progress, cancelled)
            else:  # a team database
                removed = remove_created_on_server(conn, import_id, label, progress, cancelled)
            record.undone_at = self._clock()
            self._sessions.changed(Changes.everything())
            return UndoResult(import_id, record.file_name, removed)


def _refusal(conn: Connection, record: ImportRecord) -> str | None:
    when = f"{record.imported_at.astimezone():%Y-%m-%d %H:%M}"
    if record.undone_at is not None:
        return f"The import of {record.file_name} ({when}) was undone already."
    created, updated = people_of(conn, record.id)
    if updated:
        return (
            f"The import of {record.file_name} ({when}) also updated {_people(updated)} already"
            " in TalentDesk; their earlier values were not kept, so it cannot be undone as a"
            " whole."
        )
    touched = touched_since(conn, record.id, to_db(record.imported_at))
    if touched:
        return (
            f"{_people(touched)} of the {created:,} the import of {record.file_name} ({when})"
            f" added {'was' if touched == 1 else 'were'} changed since (an edit, a tag, a pool"
            " or stage change, a consent record, a timeline entry, a reminder, an application,"
            " an e-mail or a later import), so it cannot be undone as a whole."
        )
    return None


def _people(count: int) -> str:
    return f"{count:,} {'person' if count == 1 else 'people'}"


def _summary(record: ImportRecord, pool_name: str | None) -> ImportSummary:
    return ImportSummary(
        record.id,
        record.file_name,
        record.imported_at,
        record.preset,
        dict(record.mapping or {}),
        record.created,
        record.updated,
        record.skipped,
        pool_name,
        record.undone_at,
    )
