"""Completing, completing-and-logging and snoozing many reminders at once, each as one
operation that says what it did and keeps what its undo needs; and that undo, which puts back
exactly what was there before: done and snooze times, the contacts logged (and so last
contact), repeating reminders' next occurrences, and the reminders TalentDesk keeps that the
logged contacts settled. Reminders done or deleted meanwhile are skipped and counted."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from talentdesk.core.db.base import table_of
from talentdesk.core.db.enums import InteractionKind, ReminderOrigin
from talentdesk.core.db.models import Candidate, Interaction, Pool, Reminder
from talentdesk.core.db.models_vacancy import Vacancy
from talentdesk.core.db.sessions import writes
from talentdesk.core.errors import ValidationError
from talentdesk.core.ops.changes import Changes
from talentdesk.core.reminders import bulk_summary, completing, generated
from talentdesk.core.services.reminder_queries import ReminderQueries
from talentdesk.core.timezone import local_zone

Row = Mapping[str, Any]


@dataclass(frozen=True)
class ReminderBefore:
    """A reminder's state that a bulk action changes, as it was."""

    id: int
    done_at: datetime | None
    snoozed_until: datetime | None
    notified_at: datetime | None


@dataclass(frozen=True)
class SettledBefore:
    """Open reminders TalentDesk keeps that the logged contacts changed: removed (their rows),
    moved (their rows before) and made (their ids)."""

    removed: tuple[Row, ...] = ()
    moved: tuple[Row, ...] = ()
    made: tuple[int, ...] = ()


@dataclass(frozen=True)
class BulkUndo:
    """What undoing a bulk action needs; opaque to the window, which only hands it back."""

    before: tuple[ReminderBefore, ...]
    completed: bool  # done by the action (else snoozed)
    logged: tuple[int, ...] = ()  # interactions
    scheduled: tuple[int, ...] = ()  # next occurrences of repeating reminders
    last_contact: tuple[tuple[int, datetime | None], ...] = ()
    settled: SettledBefore = SettledBefore()


@dataclass(frozen=True)
class BulkOutcome:
    summary: str  # for the status bar
    changed: int  # reminders completed, snoozed, or put back
    skipped: int  # done or deleted meanwhile
    undo: BulkUndo | None = None  # None: an undo's own outcome


class ReminderBulkWrites(ReminderQueries):
    """The bulk half of the reminder service (ReminderService inherits it)."""

    @writes("completing reminders")
    def complete_many(
        self,
        reminder_ids: Sequence[int],
        log_kind: InteractionKind | None = None,
        log_text: str | None = None,
    ) -> BulkOutcome:
        """Each open one of `reminder_ids` done, as `complete` does it one by one: with the
        same contact logged for each when asked, and repeating ones scheduled again."""
        now = self._clock()
        wanted = list(dict.fromkeys(reminder_ids))
        with self._sessions.begin() as session:
            found = session.scalars(
                select(Reminder)
                .where(Reminder.id.in_(wanted), Reminder.done_at.is_(None))
                .order_by(Reminder.id)
            ).all()
            before = tuple(_state(r) for r in found)
            owners = sorted({r.candidate_id for r in found})
            undo = BulkUndo(before, completed=True)
            if log_kind is not None and found:
                undo = self._log_each(session, found, log_kind, log_text, now, undo)
            else:
                for reminder in found:
                    reminder.done_at = now
            nexts = [completing.schedule_next(session, r, now, self._tz) for r in found]
            scheduled = [n for n in nexts if n is not None]
            undo = replace(undo, scheduled=tuple(n.id for n in scheduled))
            logs = log_kind is not None and bool(found)
            self._sessions.changed(
                Changes.of(owners, reminders=True, pools=logs, candidate_list=logs)
            )
            summary = bulk_summary.completed(
                len(found),
                len(wanted) - len(found),
                log_kind,
                [n.due_at for n in scheduled],
                local_zone(self._tz),
            )
            return BulkOutcome(summary, len(found), len(wanted) - len(found), undo)

    def _log_each(
        self,
        session: Session,
        found: Sequence[Reminder],
        log_kind: InteractionKind,
        log_text: str | None,
        now: datetime,
        undo: BulkUndo,
    ) -> BulkUndo:
        """Done, and a contact logged for each; the reminders TalentDesk keeps re-judged once
        for all their candidates, as completing each would."""
        owners = sorted({r.candidate_id for r in found})
        done_ids = {r.id for r in found}
        contacts = tuple(
            (cid, at)
            for cid, at in session.execute(
                select(Candidate.id, Candidate.last_contact_at).where(Candidate.id.in_(owners))
            )
        )
        kept_before = {
            i: r for i, r in _open_generated(session, owners).items() if i not in done_ids
        }
        logged = []
        for reminder in found:
            reminder.done_at = now
            logged.append(
                completing.log_contact(
                    session, reminder, log_kind, log_text, now, self._sessions.user_id
                )
            )
        session.flush()  # the trigger moves last contact; then check-ins are re-judged
        generated.refresh_in(
            session.connection(),
            now,
            self._tz,
            candidate_ids=owners,
            origins=generated.POOL_BOUND,
        )
        kept_after = _open_generated(session, owners)
        settled = SettledBefore(
            removed=tuple(r for i, r in kept_before.items() if i not in kept_after),
            moved=tuple(r for i, r in kept_before.items() if kept_after.get(i, r) != r),
            made=tuple(i for i in kept_after if i not in kept_before and i not in done_ids),
        )
        return replace(
            undo, logged=tuple(i.id for i in logged), last_contact=contacts, settled=settled
        )

    @writes("snoozing reminders")
    def snooze_many(self, reminder_ids: Sequence[int], until: datetime) -> BulkOutcome:
        """Each open one of `reminder_ids` pushed to `until` and announced again then; one due
        later than that is left as it is (a snooze never brings a reminder before its due
        time, as the snooze menu offers no such time for one reminder)."""
        now = self._clock()
        if until <= now:
            raise ValidationError({"until": "snooze to a time in the future"})
        wanted = list(dict.fromkeys(reminder_ids))
        with self._sessions.begin() as session:
            found = session.scalars(
                select(Reminder)
                .where(Reminder.id.in_(wanted), Reminder.done_at.is_(None))
                .order_by(Reminder.id)
            ).all()
            earlier = [r for r in found if r.due_at < until]
            before = tuple(_state(r) for r in earlier)
            for reminder in earlier:
                reminder.snoozed_until = until
                reminder.notified_at = None
            owners = {r.candidate_id for r in earlier}
            self._sessions.changed(Changes.of(owners, reminders=True))
            skipped = len(wanted) - len(found)
            later = len(found) - len(earlier)
            summary = bulk_summary.snoozed(
                len(earlier), skipped, later, until, now, local_zone(self._tz)
            )
            return BulkOutcome(summary, len(earlier), skipped, BulkUndo(before, completed=False))

    @writes("undoing a change to reminders")
    def undo_bulk(self, undo: BulkUndo) -> BulkOutcome:
        """Put back what a bulk action changed; reminders deleted since are skipped."""
        with self._sessions.begin() as session:
            owners = set(
                session.scalars(
                    select(Reminder.candidate_id).where(Reminder.id.in_(_ids(undo.before)))
                )
            )
            if undo.logged:
                _remove_logged(session, undo)
            if undo.scheduled:  # only those still open: one done since was dealt with
                session.execute(
                    delete(Reminder).where(
                        Reminder.id.in_(undo.scheduled), Reminder.done_at.is_(None)
                    )
                )
            _restore_settled(session, undo.settled)
            restored = _restore(session, undo.before)
            logs = bool(undo.logged)
            self._sessions.changed(
                Changes.of(owners, reminders=True, pools=logs, candidate_list=logs)
            )
            skipped = len(undo.before) - restored
            if undo.completed:
                summary = bulk_summary.reopened(restored, skipped, len(undo.logged))
            else:
                summary = bulk_summary.unsnoozed(restored, skipped)
            return BulkOutcome(summary, restored, skipped)


def _state(reminder: Reminder) -> ReminderBefore:
    return ReminderBefore(
        reminder.id, reminder.done_at, reminder.snoozed_until, reminder.notified_at
    )


def _ids(before: Iterable[ReminderBefore]) -> list[int]:
    return [b.id for b in before]


def _open_generated(session: Session, owners: Sequence[int]) -> dict[int, Row]:
    """The candidates' open reminders TalentDesk keeps, whole rows by id."""
    table = table_of(Reminder)
    rows = session.execute(
        select(table).where(
            table.c.candidate_id.in_(owners),
            table.c.done_at.is_(None),
            table.c.origin != ReminderOrigin.MANUAL,
        )
    ).mappings()
    return {row["id"]: dict(row) for row in rows}


def _remove_logged(session: Session, undo: BulkUndo) -> None:
    """The logged contacts deleted (the trigger recomputes last contact from what is left),
    and last contact as it was, unless a contact logged since is later."""
    session.execute(delete(Interaction).where(Interaction.id.in_(undo.logged)))
    for candidate_id, was in undo.last_contact:
        latest = session.scalar(
            select(func.max(Interaction.occurred_at)).where(
                Interaction.candidate_id == candidate_id,
                Interaction.kind != InteractionKind.NOTE,
            )
        )
        if latest is None or (was is not None and latest <= was):
            session.execute(
                update(Candidate).where(Candidate.id == candidate_id).values(last_contact_at=was)
            )


def _restore_settled(session: Session, settled: SettledBefore) -> None:
    table = table_of(Reminder)
    if settled.made:
        session.execute(
            delete(table).where(table.c.id.in_(settled.made), table.c.done_at.is_(None))
        )
    for row in settled.moved:
        session.execute(update(table).where(table.c.id == row["id"]).values(dict(row)))
    for row in settled.removed:
        if not _owners_exist(session, row):
            continue  # deleted since, with everything it owned
        _clear_place_of(session, row)
        session.execute(insert(table).values(dict(row)))


def _owners_exist(session: Session, row: Row) -> bool:
    """The candidate, and the pool or vacancy, a removed reminder belonged to are still there."""
    owners: list[tuple[type[Candidate | Pool | Vacancy], int | None]] = [
        (Candidate, row["candidate_id"]),
        (Pool, row["pool_id"]),
        (Vacancy, row["vacancy_id"]),
    ]
    return all(key is None or session.get(model, key) is not None for model, key in owners)


def _clear_place_of(session: Session, row: Row) -> None:
    """An open generated reminder made since for the same candidate, reason and pool or
    vacancy gives way to the one put back (at most one such may be open)."""
    table = table_of(Reminder)
    session.execute(
        delete(table).where(
            table.c.id != row["id"],
            table.c.candidate_id == row["candidate_id"],
            table.c.origin == row["origin"],
            func.coalesce(table.c.pool_id, -table.c.vacancy_id, 0)
            == (row["pool_id"] or (-row["vacancy_id"] if row["vacancy_id"] else 0)),
            table.c.done_at.is_(None),
        )
    )


def _restore(session: Session, before: Sequence[ReminderBefore]) -> int:
    """The reminders' own state put back; how many still exist."""
    restored = 0
    for state in before:
        reminder = session.get(Reminder, state.id)
        if reminder is None:
            continue
        if reminder.origin is not ReminderOrigin.MANUAL and state.done_at is None:
            _clear_place_of(
                session,
                {
                    "id": reminder.id,
                    "candidate_id": reminder.candidate_id,
                    "origin": reminder.origin,
                    "pool_id": reminder.pool_id,
                    "vacancy_id": reminder.vacancy_id,
                },
            )
        reminder.done_at = state.done_at
        reminder.snoozed_until = state.snoozed_until
        reminder.notified_at = state.notified_at
        restored += 1
    return restored
