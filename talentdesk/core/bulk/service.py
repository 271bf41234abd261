"""Bulk actions on many candidates: each is one operation (one transaction, set-based SQL
over a temporary table of ids) with a summary and a journal of the rows it changed, from which
`undo` puts back exactly what was there. Progress and Cancel between chunks (core/bulk/ids.py);
a cancel rolls it all back. People deleted meanwhile are skipped and counted."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, tzinfo

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from talentdesk.core.bulk import ids, journal, memberships, people, reminder_rows, tagging
from talentdesk.core.bulk.checks import clean_tags, existing_tag, pool_and_stage
from talentdesk.core.bulk.db import on_server, raw
from talentdesk.core.bulk.ids import Cancelled, Progress, Scope
from talentdesk.core.bulk.journal import Inserted, Journal
from talentdesk.core.bulk.result import (
    BulkResult,
    BulkUndo,
    UndoResult,
    already,
    members_note,
    notes,
)
from talentdesk.core.bulk.result import people as n_people
from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.enums import CandidateStatus, InteractionKind, ReminderKind, ReminderOrigin
from talentdesk.core.db.sessions import Sessions, writes
from talentdesk.core.ops.changes import Changes
from talentdesk.core.privacy import contactable
from talentdesk.core.records import TagRef
from talentdesk.core.reminders import generated
from talentdesk.core.services.candidates import TagCache, tag_for
from talentdesk.core.services.interactions import (
    contact_changes,
    settle_after_contact,
    touchpoint_text,
)
from talentdesk.core.services.modified import mark_modified_recorded
from talentdesk.core.services.reminders import checked_rule


@dataclass
class _Run:
    """One bulk action under way: its session, scope, journal and chunks."""

    session: Session
    connection: Connection
    scope: Scope
    journal: Journal
    chunks: Iterator[tuple[int, int]]


def tag_label(tags: Iterable[TagRef]) -> str:
    """ "Kotlin · skill, Java · skill"."""
    return ", ".join(f"{t.name} · {t.category.label.lower()}" for t in tags)


class BulkService:
    def __init__(self, sessions: Sessions, clock: Clock = utcnow, tz: tzinfo | None = None) -> None:
        self._sessions = sessions
        self._clock = clock
        self._tz = tz  # birthdays: a status change re-judges them too

    @contextmanager
    def _run(
        self,
        candidate_ids: Iterable[int],
        label: str,
        progress: Progress | None,
        cancelled: Cancelled | None,
    ) -> Iterator[_Run]:
        with self._sessions.begin() as session:
            connection = session.connection()
            scope = ids.load(connection, candidate_ids)
            scope.user_id = self._sessions.user_id
            chunks = scope.chunks(label, progress, cancelled)
            yield _Run(session, connection, scope, Journal(), chunks)

    def _modified(self, run: _Run, candidate_ids: Iterable[int]) -> None:
        """A change that leaves no dated row (a tag, a pool left) stamps the people
        as modified, the stamps kept for undo (core/services/modified.py)."""
        mark_modified_recorded(run.scope.connection, set(candidate_ids), self._clock(), run.journal)

    def _done(
        self, run: _Run, headline: str, changed: int, unchanged: str | None, changes: Changes
    ) -> BulkResult:
        self._sessions.changed(changes)
        skipped = run.scope.skipped
        what = headline[0].lower() + headline[1:]
        return BulkResult(
            headline=headline,
            changed=changed,
            unchanged=len(run.scope.ids) - changed,
            skipped=skipped,
            notes=notes(unchanged, skipped),
            undo=BulkUndo(what, run.journal, changes),
        )

    # -- tags -----------------------------------------------------------------------------
    @writes("tagging candidates")
    def tag(
        self,
        candidate_ids: Iterable[int],
        tags: list[TagRef],
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> BulkResult:
        """Give everyone the tags (made when new; "Java" finds "java")."""
        wanted = clean_tags(tags)
        with self._run(candidate_ids, "tagging", progress, cancelled) as run:
            cache: TagCache = {}
            found = [tag_for(run.session, ref, cache) for ref in wanted]
            created = [t for t in found if t in run.session.new]
            run.session.flush()
            run.journal.add(
                Inserted("tag", ("id",), [(t.id,) for t in created], tagging.UNUSED_TAG)
            )
            got = tagging.add_tags(run.scope, [t.id for t in found], run.chunks, run.journal)
            self._modified(run, got)
            label = tag_label(TagRef(t.category, t.name) for t in found)
            return self._done(
                run,
                f"Tagged {n_people(len(got))} {label}",
                len(got),
                already(len(run.scope.ids) - len(got), "had it already"),
                Changes.of(got, candidate_list=True),
            )

    @writes("untagging candidates")
    def untag(
        self,
        candidate_ids: Iterable[int],
        tags: list[TagRef],
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> BulkResult:
        """Take the tags off everyone who has them (a tag no one has is no error)."""
        wanted = clean_tags(tags)
        with self._run(candidate_ids, "untagging", progress, cancelled) as run:
            found = [t for t in (existing_tag(run.session, ref) for ref in wanted) if t]
            lost = tagging.remove_tags(run.scope, [t.id for t in found], run.chunks, run.journal)
            self._modified(run, lost)
            return self._done(
                run,
                f"Untagged {n_people(len(lost))} {tag_label(wanted)}",
                len(lost),
                already(len(run.scope.ids) - len(lost), "did not have it"),
                Changes.of(lost, candidate_list=True),
            )

    # -- pools ----------------------------------------------------------------------------
    @writes("adding candidates to a pool")
    def add_to_pool(
        self,
        candidate_ids: Iterable[int],
        pool_id: int,
        stage_id: int | None = None,
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> BulkResult:
        """Add everyone not yet in the pool (at its first stage unless told)."""
        with self._run(candidate_ids, "adding to a pool", progress, cancelled) as run:
            pool, stage_id, stage = pool_and_stage(run.connection, pool_id, stage_id)
            before = reminder_rows.open_generated(run.scope.connection)
            joined = memberships.join(
                run.scope, pool_id, stage_id, self._clock(), run.chunks, run.journal
            )
            self._rejudge(run, before, joined, [pool_id], None)
            return self._done(
                run,
                f"Added {n_people(len(joined))} to {pool} at {stage}",
                len(joined),
                already(len(run.scope.ids) - len(joined), "were in it already"),
                _membership_changes(joined),
            )

    @writes("removing candidates from a pool")
    def remove_from_pool(
        self,
        candidate_ids: Iterable[int],
        pool_id: int,
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> BulkResult:
        with self._run(candidate_ids, "removing from a pool", progress, cancelled) as run:
            pool, _, _ = pool_and_stage(run.connection, pool_id, None)
            before = reminder_rows.open_generated(run.scope.connection)
            left = memberships.leave(run.scope, pool_id, run.chunks, run.journal)
            self._modified(run, left)
            self._rejudge(run, before, left, [pool_id], None)
            return self._done(
                run,
                f"Removed {n_people(len(left))} from {pool}",
                len(left),
                already(len(run.scope.ids) - len(left), "were not in it"),
                _membership_changes(left),
            )

    @writes("moving candidates to a stage")
    def move_to_stage(
        self,
        candidate_ids: Iterable[int],
        pool_id: int,
        stage_id: int,
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> BulkResult:
        """Move the pool's members among them to the stage (others are left, counted)."""
        with self._run(candidate_ids, "moving to a stage", progress, cancelled) as run:
            pool, stage_id, stage = pool_and_stage(run.connection, pool_id, stage_id)
            members = memberships.members_in_scope(run.scope, pool_id)
            before = reminder_rows.open_generated(run.scope.connection)
            moved_rows = memberships.move(
                run.scope, pool_id, stage_id, self._clock(), run.chunks, run.journal
            )
            moved = memberships.candidates_of(run.scope, moved_rows)
            self._rejudge(run, before, moved, [pool_id], [ReminderOrigin.FEEDBACK])
            return self._done(
                run,
                f"Moved {n_people(len(moved))} to {stage} in {pool}",
                len(moved),
                members_note(len(run.scope.ids), members, len(moved), "were there already"),
                _membership_changes(moved),
            )

    @writes("flagging near-fits")
    def set_near_fit(
        self,
        candidate_ids: Iterable[int],
        pool_id: int,
        near_fit: bool,
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> BulkResult:
        with self._run(candidate_ids, "flagging near-fits", progress, cancelled) as run:
            pool, _, _ = pool_and_stage(run.connection, pool_id, None)
            members = memberships.members_in_scope(run.scope, pool_id)
            rows = memberships.flag_near_fit(run.scope, pool_id, near_fit, run.chunks, run.journal)
            flagged = memberships.candidates_of(run.scope, rows)
            self._modified(run, flagged)
            verb = "Marked {} near-fit in {}" if near_fit else "Cleared near-fit of {} in {}"
            return self._done(
                run,
                verb.format(n_people(len(flagged)), pool),
                len(flagged),
                members_note(
                    len(run.scope.ids),
                    members,
                    len(flagged),
                    "were near-fits already" if near_fit else "were not near-fits",
                ),
                Changes.of(flagged, candidate_list=True),
            )

    # -- people ---------------------------------------------------------------------------
    @writes("setting candidates' status")
    def set_status(
        self,
        candidate_ids: Iterable[int],
        status: CandidateStatus,
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> BulkResult:
        """As a single edit of the status does: "do not contact" drops the reminders
        TalentDesk keeps for them (check-ins, birthdays, feedback), another status brings
        them back."""
        with self._run(candidate_ids, "setting the status", progress, cancelled) as run:
            before = reminder_rows.open_generated(run.scope.connection)
            changed = people.set_status(run.scope, status, self._clock(), run.chunks, run.journal)
            self._rejudge(run, before, changed, None, None)
            # Do not contact stops their queued e-mail at once (undo leaves it cancelled:
            # Send again in the outbox queues it again).
            raw_db = run.scope.connection  # a server's: through SQLAlchemy, as a single edit's
            not_sent = contactable.cancel_queued_in(
                run.connection if on_server(raw_db) else raw_db, changed
            )
            return self._done(
                run,
                f"Set {n_people(len(changed))} to {status.label}",
                len(changed),
                already(len(run.scope.ids) - len(changed), "had it already"),
                Changes.of(
                    changed, candidate_list=True, pools=True, reminders=True, mail=bool(not_sent)
                ),
            )

    @writes("logging touchpoints")
    def log_touchpoint(
        self,
        candidate_ids: Iterable[int],
        kind: InteractionKind,
        occurred_at: datetime | None = None,
        subject: str | None = None,
        body: str | None = None,
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> BulkResult:
        """One touchpoint each, as logging it for each would: last contact moves, check-ins
        and owed feedback settle."""
        subject, body = touchpoint_text(subject, body)
        now = self._clock()
        with self._run(candidate_ids, "logging touchpoints", progress, cancelled) as run:
            before = reminder_rows.open_generated(run.scope.connection)
            count = people.log_touchpoints(
                run.scope, kind, occurred_at or now, subject, body, now, run.chunks, run.journal
            )
            settle_after_contact(run.connection, run.scope.ids, now)
            reminder_rows.record(run.scope.connection, before, run.journal)
            return self._done(
                run,
                f"Logged {kind.label.lower()} for {n_people(count)}",
                count,
                None,
                contact_changes(run.scope.ids),
            )

    @writes("adding reminders")
    def add_reminder(
        self,
        candidate_ids: Iterable[int],
        due_at: datetime,
        kind: ReminderKind = ReminderKind.FOLLOW_UP,
        note: str | None = None,
        recurrence: str | None = None,
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> BulkResult:
        rule = checked_rule(recurrence)
        with self._run(candidate_ids, "adding reminders", progress, cancelled) as run:
            count = people.add_reminders(
                run.scope,
                due_at,
                kind,
                (note or "").strip() or None,
                rule,
                self._clock(),
                run.chunks,
                run.journal,
            )
            return self._done(
                run,
                f"Added a reminder for {n_people(count)}",
                count,
                None,
                # The list's next-reminder column: re-read once, not row by row.
                Changes.of(run.scope.ids, reminders=True, candidate_list=True),
            )

    # -- undo -----------------------------------------------------------------------------
    @writes("undoing a bulk action")
    def undo(self, done: BulkUndo) -> UndoResult:
        """Put back exactly what the action changed (rows of people deleted since stay out)."""
        with self._sessions.begin() as session:
            lost = journal.undo(raw(session.connection()), done.journal)
            self._sessions.changed(done.changes)
        text = f"Undid: {done.what}"
        if lost:
            text += f" · {lost:,} could not come back (deleted meanwhile)"
        return UndoResult(text, lost)

    # -- internals ------------------------------------------------------------------------
    def _rejudge(
        self,
        run: _Run,
        before: dict[int, journal.Row],
        candidate_ids: list[int],
        pool_ids: list[int] | None,
        origins: list[ReminderOrigin] | None,
    ) -> None:
        """Re-judge the reminders TalentDesk keeps for those changed, as the single edit
        does, and record what that changed for undo."""
        if candidate_ids:
            generated.refresh_in(
                run.connection,
                self._clock(),
                None if pool_ids is not None else self._tz,
                candidate_ids=candidate_ids,
                pool_ids=pool_ids,
                origins=origins,
            )
        reminder_rows.record(run.scope.connection, before, run.journal)


def _membership_changes(candidate_ids: list[int]) -> Changes:
    return Changes.of(candidate_ids, pools=True, reminders=True, candidate_list=True)
