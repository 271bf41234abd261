"""What is asked of reminders: one for the edit dialog, a candidate's, and the tray notifier's
questions (what is due and not announced yet, and when the next one falls due)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select, text, true
from sqlalchemy.orm import Session, joinedload

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.datetimes import from_db, to_db
from talentdesk.core.db.enums import ReminderKind, ReminderOrigin
from talentdesk.core.db.models import AppUser, Candidate, Reminder
from talentdesk.core.db.sessions import Sessions
from talentdesk.core.errors import NotFoundError
from talentdesk.core.privacy.contactable import why_not
from talentdesk.core.reads import ReminderItem


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


_UNANNOUNCED_SQL = (
    "SELECT r.id, r.candidate_id, c.first_name, c.last_name, r.kind,"
    " coalesce(r.snoozed_until, r.due_at) AS due, r.note, r.reason"
    " FROM reminder r{indexed}"
    " JOIN candidate c ON c.id = r.candidate_id"
    " WHERE r.done_at IS NULL AND r.notified_at IS NULL{mine}"
    " AND coalesce(r.snoozed_until, r.due_at) <= :now"
    " ORDER BY coalesce(r.snoozed_until, r.due_at), r.id LIMIT :limit"
)


def effective_due() -> ColumnElement[datetime]:
    """Where a reminder stands now: a snooze pushes it to `snoozed_until`."""
    return func.coalesce(Reminder.snoozed_until, Reminder.due_at)


class ReminderQueries:
    """The reading half of the reminder service (ReminderService adds the writes)."""

    def __init__(self, sessions: Sessions, clock: Clock = utcnow, tz: tzinfo | None = None) -> None:
        self._sessions = sessions
        self._clock = clock
        self._tz = tz  # None: the computer's local time zone

    def get(self, reminder_id: int) -> ReminderDetail:
        with self._sessions() as session:
            return _detail(get_reminder(session, reminder_id))

    def get_many(self, reminder_ids: Sequence[int]) -> list[ReminderDetail]:
        """Those of `reminder_ids` that still exist, in the order asked."""
        with self._sessions() as session:
            found = {
                r.id: _detail(r)
                for r in session.scalars(
                    select(Reminder)
                    .where(Reminder.id.in_(reminder_ids))
                    .options(joinedload(Reminder.candidate))
                )
            }
        return [found[i] for i in dict.fromkeys(reminder_ids) if i in found]

    # -- the tray notifier's questions -----------------------------------------------------
    def due_unannounced(self, now: datetime, limit: int = 100) -> list[DueReminder]:
        """Open reminders due by `now` that have not been announced, soonest first. Read
        through the index of the unannounced ones by name: with the open ones' index (which
        SQLite may pick, the two look alike to it) a check stepped over every reminder already
        announced, up to a second over 552,000 on the GUI thread."""
        with self._sessions() as session:
            sqlite = session.get_bind().dialect.name == "sqlite"  # INDEXED BY is SQLite's
            user = self._mine(session)
            sql = _UNANNOUNCED_SQL.format(
                indexed=" INDEXED BY ix_reminder_unannounced" * sqlite,
                mine="" if user is None else " AND (r.owner_id IS NULL OR r.owner_id = :user)",
            )
            rows = session.execute(text(sql), {"now": to_db(now), "limit": limit, "user": user})
            return [
                DueReminder(
                    rid, cid, f"{first} {last}".strip(), ReminderKind(kind), from_db(due), note, why
                )
                for rid, cid, first, last, kind, due, note, why in rows
            ]

    def due_now(self, now: datetime, limit: int = 10) -> list[DueReminder]:
        """Open reminders due by `now`, announced or not, soonest first (the tray menu)."""
        with self._sessions() as session:
            mine = self._mine_where(session)
        return self._due(and_(Reminder.done_at.is_(None), effective_due() <= now, mine), limit)

    def due_counts(self, now: datetime, start_of_today: datetime) -> tuple[int, int]:
        """(due now, of which overdue from before today) for the tray's tooltip and icon."""
        with self._sessions() as session:
            due = effective_due()
            row = session.execute(
                select(
                    func.count(),
                    func.coalesce(func.sum(case((due < start_of_today, 1), else_=0)), 0),
                ).where(Reminder.done_at.is_(None), due <= now, self._mine_where(session))
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
                    self._mine_where(session),
                )
            )

    def _mine(self, session: Session) -> int | None:
        """The user whose reminders the tray announces (theirs and nobody's); None: everyone's
        (a database with one user, where every reminder is theirs or nobody's)."""
        user = self._sessions.user_id
        if user is None:
            return None
        several = select(AppUser.id).limit(2).subquery()
        return user if session.scalar(select(func.count()).select_from(several)) == 2 else None

    def _mine_where(self, session: Session) -> ColumnElement[bool]:
        user = self._mine(session)
        if user is None:
            return true()
        return or_(Reminder.owner_id.is_(None), Reminder.owner_id == user)

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
            if open_:  # marked as the reminders pane marks them (core/privacy/contactable.py)
                blocked = why_not(session.connection(), [candidate_id]).get(candidate_id)
                open_ = [r._replace(not_contacted=blocked) for r in open_]
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


def _detail(reminder: Reminder) -> ReminderDetail:
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


def get_reminder(session: Session, reminder_id: int) -> Reminder:
    reminder = session.get(Reminder, reminder_id)
    if reminder is None:
        raise NotFoundError("This reminder no longer exists.")
    return reminder
