"""Reminders: adding, editing, snoozing, completing (a repeating one schedules its next
occurrence) and deleting them; and what the tray notifier asks: what is due and not announced
yet, and when the next one falls due. (The overview is in core.reads.)"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy import ColumnElement, and_, case, delete, func, select, update
from sqlalchemy.orm import Session

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.enums import InteractionKind, ReminderKind, ReminderOrigin
from talentdesk.core.db.models import Candidate, Interaction, Reminder
from talentdesk.core.db.sessions import Sessions, writes
from talentdesk.core.errors import NotFoundError, ValidationError
from talentdesk.core.ops.changes import Changes
from talentdesk.core.reads import ReminderItem
from talentdesk.core.reminders import generated, recurrence
from talentdesk.core.timezone import local_zone

_COUNT = re.compile(r"COUNT=(\d+)")


@dataclass(frozen=True)
class ReminderDetail:
    """One reminder as the edit dialog shows it."""

    id: int
    candidate_id: int
    candidate_name: str
    kind: ReminderKind
    due_at: datetime
    snoozed_until: datetime | None
    note: str | None
    recurrence: str | None
    origin: ReminderOrigin
    reason: str | None
    done_at: datetime | None

    @property
    def effective_due_at(self) -> datetime:
        return self.snoozed_until or self.due_at


@dataclass(frozen=True)
class DueReminder:
    """A reminder that is due, for a notification or the tray menu."""

    id: int
    candidate_id: int
    candidate_name: str
    kind: ReminderKind
    due_at: datetime  # when it is due now: the snooze end if snoozed
    note: str | None
    reason: str | None

    @property
    def what(self) -> str:
        return self.note or self.reason or self.kind.label


def effective_due() -> ColumnElement[datetime]:
    """Where a reminder stands now: a snooze pushes it to `snoozed_until`."""
    return func.coalesce(Reminder.snoozed_until, Reminder.due_at)


class ReminderService:
    def __init__(self, sessions: Sessions, clock: Clock = utcnow, tz: tzinfo | None = None) -> None:
        self._sessions = sessions
        self._clock = clock
        self._tz = tz  # None: the computer's local time zone

    @writes("adding a reminder")
    def add(
        self,
        candidate_id: int,
        due_at: datetime,
        kind: ReminderKind = ReminderKind.FOLLOW_UP,
        note: str | None = None,
        recurrence: str | None = None,
    ) -> int:
        rule = _checked_rule(recurrence)
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

    def get(self, reminder_id: int) -> ReminderDetail:
        with self._sessions() as session:
            reminder = _get(session, reminder_id)
            return ReminderDetail(
                id=reminder.id,
                candidate_id=reminder.candidate_id,
                candidate_name=reminder.candidate.full_name,
                kind=reminder.kind,
                due_at=reminder.due_at,
                snoozed_until=reminder.snoozed_until,
                note=reminder.note,
                recurrence=reminder.recurrence,
                origin=reminder.origin,
                reason=reminder.reason,
                done_at=reminder.done_at,
            )

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
        rule = _checked_rule(recurrence)
        with self._sessions.begin() as session:
            reminder = _get(session, reminder_id)
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
            reminder = _get(session, reminder_id)
            if reminder.done_at is not None:
                return None
            reminder.done_at = now
            # A logged contact moves last contact (the list, losing-touch counts).
            self._sessions.changed(
                _changes([reminder.candidate_id], candidate_list=log_kind is not None)
            )
            if log_kind is not None:
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

    # -- the tray notifier's questions -----------------------------------------------------
    def due_unannounced(self, now: datetime, limit: int = 100) -> list[DueReminder]:
        """Open reminders due by `now` that have not been announced, soonest first."""
        return self._due(
            and_(
                Reminder.done_at.is_(None),
                Reminder.notified_at.is_(None),
                effective_due() <= now,
            ),
            limit,
        )

    def due_now(self, now: datetime, limit: int = 10) -> list[DueReminder]:
        """Open reminders due by `now`, announced or not, soonest first (the tray menu)."""
        return self._due(and_(Reminder.done_at.is_(None), effective_due() <= now), limit)

    def due_counts(self, now: datetime, start_of_today: datetime) -> tuple[int, int]:
        """(due now, of which overdue from before today) for the tray's tooltip and icon."""
        with self._sessions() as session:
            due = effective_due()
            row = session.execute(
                select(
                    func.count(),
                    func.coalesce(func.sum(case((due < start_of_today, 1), else_=0)), 0),
                ).where(Reminder.done_at.is_(None), due <= now)
            ).one()
            return int(row[0]), int(row[1])

    def next_due_after(self, now: datetime) -> datetime | None:
        """When the next not-yet-announced reminder falls due (the scheduler's wake-up)."""
        with self._sessions() as session:
            return session.scalar(
                select(func.min(effective_due())).where(
                    Reminder.done_at.is_(None),
                    Reminder.notified_at.is_(None),
                    effective_due() > now,
                )
            )

    @writes("noting announced reminders")
    def mark_notified(self, reminder_ids: Sequence[int], now: datetime) -> None:
        """Bookkeeping only: the announcement itself is what the user sees (no changes)."""
        with self._sessions.begin() as session:
            session.execute(
                update(Reminder).where(Reminder.id.in_(reminder_ids)).values(notified_at=now)
            )

    def _due(self, where: ColumnElement[bool], limit: int) -> list[DueReminder]:
        due = effective_due()
        query = (
            select(
                Reminder.id,
                Reminder.candidate_id,
                Candidate.first_name,
                Candidate.last_name,
                Reminder.kind,
                due,
                Reminder.note,
                Reminder.reason,
            )
            .join(Candidate, Candidate.id == Reminder.candidate_id)
            .where(where)
            .order_by(due, Reminder.id)
            .limit(limit)
        )
        with self._sessions() as session:
            return [
                DueReminder(rid, cid, f"{first} {last}".strip(), kind, when, note, reason)
                for rid, cid, first, last, kind, when, note, reason in session.execute(query)
            ]

    @writes("deleting a reminder")
    def delete(self, reminder_id: int) -> None:
        with self._sessions.begin() as session:
            owners = session.scalars(
                delete(Reminder).where(Reminder.id == reminder_id).returning(Reminder.candidate_id)
            ).all()
            self._sessions.changed(_changes(owners))

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
        order: ColumnElement[Any],
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
                Reminder.reason,
                Reminder.origin,
                Reminder.recurrence,
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
                reason=reason,
                origin=origin,
                recurrence=rule,
                due_before_snooze=due if snoozed else None,
            )
            for rid, cid, first, last, kind, due, snoozed, note, done, reason, origin, rule in (
                session.execute(query)
            )
        ]


def _changes(candidate_ids: Sequence[int], candidate_list: bool = False) -> Changes:
    # Pools count who is losing touch; reminders feed that only through contacts.
    return Changes.of(
        candidate_ids, reminders=True, pools=candidate_list, candidate_list=candidate_list
    )


def _get(session: Session, reminder_id: int) -> Reminder:
    reminder = session.get(Reminder, reminder_id)
    if reminder is None:
        raise NotFoundError("This reminder no longer exists.")
    return reminder


def _checked_rule(rule: str | None) -> str | None:
    if rule is None or not rule.strip():
        return None
    try:
        return recurrence.validate(rule)
    except ValueError as exc:
        raise ValidationError({"recurrence": str(exc)}) from exc
