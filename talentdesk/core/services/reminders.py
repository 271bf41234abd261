"""Reminders: adding, completing and deleting them (the overview is in core.reads)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.enums import ReminderKind
from talentdesk.core.db.models import Candidate, Reminder
from talentdesk.core.errors import NotFoundError
from talentdesk.core.reads import ReminderItem


def effective_due() -> ColumnElement[datetime]:
    """Where a reminder stands now: a snooze pushes it to `snoozed_until`."""
    return func.coalesce(Reminder.snoozed_until, Reminder.due_at)


class ReminderService:
    def __init__(self, sessions: sessionmaker[Session], clock: Clock = utcnow) -> None:
        self._sessions = sessions
        self._clock = clock

    def add(
        self,
        candidate_id: int,
        due_at: datetime,
        kind: ReminderKind = ReminderKind.FOLLOW_UP,
        note: str | None = None,
        recurrence: str | None = None,
    ) -> int:
        with self._sessions.begin() as session:
            if session.get(Candidate, candidate_id) is None:
                raise NotFoundError("This candidate no longer exists.")
            reminder = Reminder(
                candidate_id=candidate_id,
                due_at=due_at,
                kind=kind,
                note=(note or "").strip() or None,
                recurrence=recurrence,
                created_at=self._clock(),
            )
            session.add(reminder)
            session.flush()
            return reminder.id

    def mark_done(self, reminder_id: int) -> None:
        with self._sessions.begin() as session:
            reminder = session.get(Reminder, reminder_id)
            if reminder is None:
                raise NotFoundError("This reminder no longer exists.")
            reminder.done_at = self._clock()

    def delete(self, reminder_id: int) -> None:
        with self._sessions.begin() as session:
            session.execute(delete(Reminder).where(Reminder.id == reminder_id))

    def for_candidate(self, candidate_id: int, done_limit: int = 20) -> list[ReminderItem]:
        """Open reminders by due date, then the most recently completed ones."""
        with self._sessions() as session:
            open_ = self._items(
                session,
                and_(Reminder.candidate_id == candidate_id, Reminder.done_at.is_(None)),
                effective_due().asc(),
                None,
            )
            done = self._items(
                session,
                and_(Reminder.candidate_id == candidate_id, Reminder.done_at.is_not(None)),
                Reminder.done_at.desc(),
                done_limit,
            )
            return open_ + done

    def _items(
        self,
        session: Session,
        where: ColumnElement[bool],
        order: ColumnElement[object],
        limit: int | None,
    ) -> list[ReminderItem]:
        query = (
            select(
                Reminder.id,
                Reminder.candidate_id,
                Candidate.first_name,
                Candidate.last_name,
                Reminder.kind,
                Reminder.due_at,
                Reminder.snoozed_until,
                Reminder.note,
                Reminder.done_at,
            )
            .join(Candidate, Candidate.id == Reminder.candidate_id)
            .where(where)
            .order_by(order, Reminder.id)
            .limit(limit)
        )
        return [
            ReminderItem(
                id=rid,
                candidate_id=cid,
                candidate_name=f"{first} {last}".strip(),
                kind=kind,
                due_at=snoozed or due,
                note=note,
                done_at=done,
            )
            for rid, cid, first, last, kind, due, snoozed, note, done in session.execute(query)
        ]
