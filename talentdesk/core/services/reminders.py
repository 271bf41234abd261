"""Reminders: adding, editing, snoozing, completing (a repeating one schedules its next
occurrence) and deleting them, and noting which the tray announced. What is asked of them is in
reminder_queries; the overview is in core.reads."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from talentdesk.core.db.enums import InteractionKind, ReminderKind, ReminderOrigin
from talentdesk.core.db.models import Candidate, Interaction, Reminder
from talentdesk.core.db.sessions import writes
from talentdesk.core.errors import NotFoundError, ValidationError
from talentdesk.core.ops.changes import Changes
from talentdesk.core.reminders import generated, recurrence
from talentdesk.core.services.reminder_queries import (
    DueReminder,
    ReminderDetail,
    ReminderQueries,
    effective_due,
    get_reminder,
)
from talentdesk.core.timezone import local_zone

# What callers import from here.
__all__ = ["DueReminder", "ReminderDetail", "ReminderService", "effective_due"]

_COUNT = re.compile(r"COUNT=(\d+)")


class ReminderService(ReminderQueries):
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
                self._log_contact(session, reminder, log_kind, log_text, now)
            return self._schedule_next(session, reminder, now)

    def _log_contact(
        self,
        session: Session,
        reminder: Reminder,
        log_kind: InteractionKind,
        log_text: str | None,
        now: datetime,
    ) -> None:
        text = (log_text or "").strip() or reminder.note or reminder.kind.label
        session.add(
            Interaction(
                candidate_id=reminder.candidate_id,
                kind=log_kind,
                occurred_at=now,
                subject=text[:300],
                pool_id=reminder.pool_id,
                created_at=now,
            )
        )
        session.flush()  # the trigger moves last contact; then check-ins are re-judged
        generated.refresh_in(
            session.connection(),
            now,
            self._tz,
            candidate_ids=[reminder.candidate_id],
            origins=generated.POOL_BOUND,
        )

    def _schedule_next(self, session: Session, reminder: Reminder, now: datetime) -> int | None:
        """A repeating reminder's next occurrence, added; its id, or None."""
        if reminder.recurrence is None:
            return None
        following = self._next(reminder, now)
        if following is None:
            return None
        due, rule = following
        nxt = Reminder(
            candidate_id=reminder.candidate_id,
            due_at=due,
            kind=reminder.kind,
            note=reminder.note,
            recurrence=rule,
            origin=reminder.origin,
            reason=reminder.reason,
            pool_id=reminder.pool_id,
            created_at=now,
        )
        session.add(nxt)
        session.flush()
        return nxt.id

    def mark_done(self, reminder_id: int) -> None:
        self.complete(reminder_id)

    def _next(self, reminder: Reminder, now: datetime) -> tuple[datetime, str] | None:
        """The next occurrence still ahead (missed ones are skipped) and the rule it carries:
        COUNT is what remains, counted from this reminder's due time."""
        assert reminder.recurrence is not None
        zone = local_zone(self._tz)
        start = reminder.due_at.astimezone(zone)
        after = max(reminder.due_at, now).astimezone(zone)
        due = recurrence.next_occurrence(reminder.recurrence, start, after)
        if due is None:
            return None
        rule = reminder.recurrence
        count = _COUNT.search(rule)
        if count is not None:
            steps, moment = 0, start
            while moment < due:  # occurrences passed over, this reminder's own included
                nxt = recurrence.next_occurrence(rule, start, moment)
                if nxt is None:
                    return None
                moment, steps = nxt, steps + 1
            left = int(count.group(1)) - steps
            if left < 1:
                return None
            rule = _COUNT.sub(f"COUNT={left}", rule)
        return due.astimezone(now.tzinfo), rule

    @writes("noting announced reminders")
    def mark_notified(self, reminder_ids: Sequence[int], now: datetime) -> None:
        """Bookkeeping only: the announcement itself is what the user sees (no changes)."""
        with self._sessions.begin() as session:
            session.execute(
                update(Reminder).where(Reminder.id.in_(reminder_ids)).values(notified_at=now)
            )

    @writes("deleting a reminder")
    def delete(self, reminder_id: int) -> None:
        with self._sessions.begin() as session:
            owners = session.scalars(
                delete(Reminder).where(Reminder.id == reminder_id).returning(Reminder.candidate_id)
            ).all()
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
