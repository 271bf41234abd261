"""Reminders: adding, editing, snoozing, completing (a repeating one schedules its next
occurrence) and deleting them, and noting which the tray announced. What is asked of them is in
reminder_queries; the overview is in core.reads."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, text, update

from talentdesk.core.db.datetimes import to_db
from talentdesk.core.db.enums import InteractionKind, ReminderKind, ReminderOrigin
from talentdesk.core.db.models import Candidate, Reminder
from talentdesk.core.db.sessions import writes
from talentdesk.core.errors import NotFoundError, ValidationError
from talentdesk.core.ops.changes import Changes
from talentdesk.core.reminders import completing, generated, recurrence
from talentdesk.core.services.modified import mark_modified
from talentdesk.core.services.reminder_bulk import BulkOutcome, BulkUndo, ReminderBulkWrites
from talentdesk.core.services.reminder_queries import (
    DueReminder,
    ReminderDetail,
    effective_due,
    get_reminder,
)

# What callers import from here.
__all__ = [
    "BulkOutcome",
    "BulkUndo",
    "DueReminder",
    "ReminderDetail",
    "ReminderService",
    "effective_due",
]


class ReminderService(ReminderBulkWrites):
    @writes("adding a reminder")
    def add(
        self,
        candidate_id: int,
        due_at: datetime,
        kind: ReminderKind = ReminderKind.FOLLOW_UP,
        note: str | None = None,
        recurrence: str | None = None,
    ) -> int:
        rule = checked_rule(recurrence)
        with self._sessions.begin() as session:
            if session.get(Candidate, candidate_id) is None:
                raise NotFoundError("This candidate no longer exists.")
            reminder = Reminder(
                candidate_id=candidate_id,
                due_at=due_at,
                kind=kind,
                note=(note or "").strip() or None,
                recurrence=rule,
                created_at=self._clock(),
                owner_id=self._sessions.user_id,
            )
            session.add(reminder)
            session.flush()
            self._sessions.changed(_changes([candidate_id]))
            return reminder.id

    @writes("changing a reminder")
    def update(
        self,
        reminder_id: int,
        due_at: datetime,
        kind: ReminderKind,
        note: str | None,
        recurrence: str | None,
    ) -> None:
        """A new due time replaces any snooze, and the reminder will be announced again. For a
        reminder TalentDesk made, the new time is kept as a snooze: its due time is TalentDesk's
        to recompute (a later contact moves it), a snooze is the recruiter's."""
        rule = checked_rule(recurrence)
        with self._sessions.begin() as session:
            reminder = get_reminder(session, reminder_id)
            if reminder.origin is not ReminderOrigin.MANUAL:
                if due_at != reminder.effective_due_at:
                    reminder.snoozed_until = due_at
                    reminder.notified_at = None
                due_at = reminder.due_at
            elif reminder.due_at != due_at or reminder.snoozed_until is not None:
                reminder.snoozed_until = None
                reminder.notified_at = None
            reminder.due_at = due_at
            reminder.kind = kind
            reminder.note = (note or "").strip() or None
            reminder.recurrence = rule
            self._sessions.changed(_changes([reminder.candidate_id]))

    @writes("snoozing reminders")
    def snooze(self, reminder_ids: Sequence[int], until: datetime) -> int:
        """Push open reminders to `until`; each is announced again when the snooze ends."""
        if until <= self._clock():
            raise ValidationError({"until": "snooze to a time in the future"})
        with self._sessions.begin() as session:
            snoozed = session.scalars(
                update(Reminder)
                .where(Reminder.id.in_(reminder_ids), Reminder.done_at.is_(None))
                .values(snoozed_until=until, notified_at=None)
                .returning(Reminder.candidate_id)
            ).all()
            self._sessions.changed(_changes(snoozed))
            return len(snoozed)

    @writes("completing a reminder")
    def complete(
        self,
        reminder_id: int,
        log_kind: InteractionKind | None = None,
        log_text: str | None = None,
    ) -> int | None:
        """Mark a reminder done, log what happened in the same step when asked ("called — left
        a voicemail"), and schedule a repeating reminder's next occurrence (returned)."""
        now = self._clock()
        with self._sessions.begin() as session:
            reminder = get_reminder(session, reminder_id)
            if reminder.done_at is not None:
                return None
            reminder.done_at = now
            # A logged contact moves last contact (the list, losing-touch counts).
            self._sessions.changed(
                _changes([reminder.candidate_id], candidate_list=log_kind is not None)
            )
            if log_kind is not None:
                completing.log_contact(
                    session, reminder, log_kind, log_text, now, self._sessions.user_id
                )
                session.flush()  # the trigger moves last contact; then check-ins are re-judged
                generated.refresh_in(
                    session.connection(),
                    now,
                    self._tz,
                    candidate_ids=[reminder.candidate_id],
                    origins=generated.POOL_BOUND,
                )
            nxt = completing.schedule_next(session, reminder, now, self._tz)
            return None if nxt is None else nxt.id

    def mark_done(self, reminder_id: int) -> None:
        self.complete(reminder_id)

    @writes("noting announced reminders")
    def mark_notified(self, reminder_ids: Sequence[int], now: datetime) -> None:
        """Bookkeeping only: the announcement itself is what the user sees (no changes)."""
        with self._sessions.begin() as session:
            session.execute(
                update(Reminder).where(Reminder.id.in_(reminder_ids)).values(notified_at=now)
            )
            self._sessions.writer.stamps_hold()  # which reminders are wanted does not change

    @writes("noting announced reminders")
    def mark_due_notified(self, now: datetime, limit: int) -> int:
        """Up to `limit` open reminders due by `now` and never announced are announced now
        (the tray's one summary of a backlog, noted a batch per operation so that other
        writes need not wait for all of it); returns how many. Bookkeeping only."""
        with self._sessions.begin() as session:
            sqlite = session.get_bind().dialect.name == "sqlite"  # INDEXED BY is SQLite's
            indexed = " INDEXED BY ix_reminder_unannounced" * sqlite
            found = session.execute(
                text(
                    "UPDATE reminder SET notified_at = :now WHERE id IN (SELECT r.id FROM reminder"
                    f" r{indexed} WHERE r.done_at IS NULL AND r.notified_at IS NULL"
                    " AND coalesce(r.snoozed_until, r.due_at) <= :now LIMIT :limit)"
                ),
                {"now": to_db(now) if sqlite else now, "limit": limit},
            )
            self._sessions.writer.stamps_hold()
            return int(found.rowcount or 0)  # type: ignore[attr-defined]

    @writes("deleting a reminder")
    def delete(self, reminder_id: int) -> None:
        with self._sessions.begin() as session:
            deleted = session.execute(
                delete(Reminder)
                .where(Reminder.id == reminder_id)
                .returning(Reminder.candidate_id, Reminder.origin)
            ).all()
            owners = [candidate_id for candidate_id, _ in deleted]
            # A generated one deleted leaves no row behind (core/services/modified.py); a
            # manual one took its own row away, the same as never having been added.
            generated_gone = [c for c, origin in deleted if origin != ReminderOrigin.MANUAL]
            if generated_gone:
                mark_modified(session, generated_gone, self._clock())
            self._sessions.changed(_changes(owners))


def _changes(candidate_ids: Sequence[int], candidate_list: bool = False) -> Changes:
    # Pools count who is losing touch; reminders feed that only through contacts.
    return Changes.of(
        candidate_ids, reminders=True, pools=candidate_list, candidate_list=candidate_list
    )


def checked_rule(rule: str | None) -> str | None:
    if rule is None or not rule.strip():
        return None
    try:
        return recurrence.validate(rule)
    except ValueError as exc:
        raise ValidationError({"recurrence": str(exc)}) from exc
