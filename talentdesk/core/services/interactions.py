"""The timeline: calls, meetings, e-mails and notes logged against a candidate."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, delete, func, null, select
from sqlalchemy.orm import Session

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.enums import InteractionKind
from talentdesk.core.db.models import AppUser, Candidate, Interaction, Pool
from talentdesk.core.db.sessions import Sessions, writes
from talentdesk.core.errors import NotFoundError, ValidationError
from talentdesk.core.ops.changes import Changes
from talentdesk.core.reminders import generated


@dataclass(frozen=True)
class TimelineEntry:
    id: int
    kind: InteractionKind
    occurred_at: datetime
    subject: str | None
    body: str | None
    pool_name: str | None
    # An import's record, not a timeline entry (its id is then minus the record's id).
    import_id: int | None = None
    # Who logged it, when the database has several users (alone, it is always the one).
    by: str | None = None


class InteractionService:
    def __init__(self, sessions: Sessions, clock: Clock = utcnow) -> None:
        self._sessions = sessions
        self._clock = clock

    @writes("logging a touchpoint")
    def log(
        self,
        candidate_id: int,
        kind: InteractionKind,
        occurred_at: datetime | None = None,
        subject: str | None = None,
        body: str | None = None,
        pool_id: int | None = None,
    ) -> int:
        subject, body = touchpoint_text(subject, body)
        now = self._clock()
        with self._sessions.begin() as session:
            if session.get(Candidate, candidate_id) is None:
                raise NotFoundError("This candidate no longer exists.")
            entry = Interaction(
                candidate_id=candidate_id,
                kind=kind,
                occurred_at=occurred_at or now,
                subject=subject,
                body=body,
                pool_id=pool_id,
                created_at=now,
                created_by_id=self._sessions.user_id,
            )
            session.add(entry)
            session.flush()
            settle_after_contact(session.connection(), [candidate_id], now)
            self._sessions.changed(contact_changes([candidate_id]))
            return entry.id

    def timeline(self, candidate_id: int, limit: int = 200) -> list[TimelineEntry]:
        """The newest `limit` touchpoints, newest first."""
        with self._sessions() as session:
            several = session.scalar(select(func.count()).select_from(AppUser)) or 0
            found = session.execute(
                select(Interaction, Pool.name, AppUser.name if several > 1 else null())
                .outerjoin(Pool, Pool.id == Interaction.pool_id)
                .outerjoin(AppUser, AppUser.id == Interaction.created_by_id)
                .where(Interaction.candidate_id == candidate_id)
                .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
                .limit(limit)
            )
            entries = [
                TimelineEntry(i.id, i.kind, i.occurred_at, i.subject, i.body, pool_name, by=by)
                for i, pool_name, by in found
            ]
            imports = import_entries(session, candidate_id, limit)
        if imports:
            entries = sorted(
                entries + imports, key=lambda e: (e.occurred_at, e.id > 0), reverse=True
            )[:limit]
        return entries

    @writes("deleting a touchpoint")
    def delete(self, interaction_id: int) -> None:
        with self._sessions.begin() as session:
            candidate_id = session.scalar(
                delete(Interaction)
                .where(Interaction.id == interaction_id)
                .returning(Interaction.candidate_id)
            )
            if candidate_id is not None:
                settle_after_contact(session.connection(), [candidate_id], self._clock())
                self._sessions.changed(contact_changes([candidate_id]))


def import_entries(session: Session, candidate_id: int, limit: int) -> list[TimelineEntry]:
    """ "Imported from FILE on DATE": the imports that created or updated the person."""
    from talentdesk.core.db.models_imports import ImportPerson, ImportRecord

    found = session.execute(
        select(ImportRecord, ImportPerson.created, Pool.name)
        .join(ImportPerson, ImportPerson.import_id == ImportRecord.id)
        .outerjoin(Pool, Pool.id == ImportRecord.pool_id)
        .where(ImportPerson.candidate_id == candidate_id)
        .order_by(ImportRecord.imported_at.desc())
        .limit(limit)
    )
    return [
        TimelineEntry(
            -record.id,
            InteractionKind.NOTE,
            record.imported_at,
            f"{'Imported' if created else 'Updated'} from {record.file_name}"
            f" on {record.imported_at.astimezone():%Y-%m-%d}",
            None,
            pool_name if created else None,
            import_id=record.id,
        )
        for record, created, pool_name in found
    ]


def touchpoint_text(subject: str | None, body: str | None) -> tuple[str | None, str | None]:
    """A touchpoint's subject and text, trimmed; refused when both are empty."""
    subject = (subject or "").strip() or None
    body = (body or "").strip() or None
    if subject is None and body is None:
        raise ValidationError({"subject": "say what happened, in the subject or the text"})
    return subject, body


def contact_changes(candidate_ids: Iterable[int]) -> Changes:
    """Last contact moves (the list's column, losing-touch counts) and check-ins may clear."""
    return Changes.of(candidate_ids, candidate_list=True, pools=True, reminders=True)


def settle_after_contact(
    connection: Connection, candidate_ids: Iterable[int], now: datetime
) -> None:
    """A contact clears a check-in and a feedback interaction the feedback owed; taking one
    back brings them back. In the caller's transaction, after the trigger moved the
    candidates' last contact (one touchpoint or a bulk one for thousands: set-based SQL)."""
    generated.refresh_in(
        connection,
        now,
        None,
        candidate_ids=candidate_ids,
        origins=generated.POOL_BOUND,
    )
