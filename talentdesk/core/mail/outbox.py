"""The outbox: one personalised message per recipient, stored before it is sent, and the sender
that works it off at the account's rate.

Never twice: a message is marked "sending" in a committed transaction before it is handed to
the server, and "sent" (with its timeline entry) in a transaction committed once the server
accepted it. A message still "sending" when a sender starts was in flight when a previous run
died; it becomes "unknown" and waits for the recruiter to decide, never resent on its own.
Only one sender runs per data folder at a time (`SenderLock`): the window and `talentdesk
outbox --send` must not work the same outbox together.

One commit per message: when the next message goes out straight away, the transaction that
records how the last one went also claims the next. Both rules still hold, because that
commit comes after the server accepted the last message and before the next is handed over;
a crash before it leaves the last one "sending" (so "unknown") and the next one queued, a
crash after it the next one "sending" — as with separate commits. At most one message is
ever "sending": claiming several at once would turn them all "unknown" after a crash.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, CursorResult, Result, delete, func, insert, select, update
from sqlalchemy.orm import Session

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.enums import CandidateStatus, InteractionKind, OutboxStatus
from talentdesk.core.db.models import (
    Candidate,
    Interaction,
    MailTemplate,
    OutboxMessage,
    Pool,
    PoolMembership,
    PoolStage,
    Vacancy,
)
from talentdesk.core.db.sessions import Sessions, writes
from talentdesk.core.errors import NotFoundError, ValidationError
from talentdesk.core.mail.account import MailAccount
from talentdesk.core.mail.sender_lock import SenderBusyError, SenderLock
from talentdesk.core.mail.smtp import (
    DEFAULT_TIMEOUT,
    FailureKind,
    MailError,
    SmtpConnection,
    message_bytes,
    new_message_id,
)
from talentdesk.core.mail.templates import (
    STARTER_TEMPLATES,
    MissingFieldError,
    Template,
    check,
    merge_context,
    render,
)
from talentdesk.core.ops.changes import Changes
from talentdesk.core.reminders import generated

MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(minutes=1)
LAST_RETRY = timedelta(hours=1)
# Sent messages whose candidates' check-ins are refreshed together, in the "sent" transaction
# of the last of them. A crash can leave that many stale until the scheduler's next refresh:
# generated reminders are derived state; last contact itself moves with each message.
REFRESH_EVERY = 50
UNKNOWN_REASON = (
    "TalentDesk stopped while handing this message to the server: it may or may not have "
    "been delivered. Check your Sent folder, then mark it sent or send it again."
)


def _rowcount(result: Result[Any]) -> int:
    """How many rows an UPDATE or DELETE touched (Session.execute types its result loosely)."""
    assert isinstance(result, CursorResult)
    return result.rowcount


def retry_delay(attempts: int) -> timedelta:
    """Back-off after the n-th failed attempt: 1, 2, 4 … minutes, at most an hour."""
    factor: int = 2 ** max(attempts - 1, 0)
    return min(FIRST_RETRY * factor, LAST_RETRY)


# -- the template library ----------------------------------------------------------------------
class TemplateLibrary:
    """Stored templates, plus the starter templates not overridden under the same name."""

    def __init__(self, sessions: Sessions, clock: Clock = utcnow) -> None:
        self._sessions = sessions
        self._clock = clock

    def all(self) -> list[Template]:
        with self._sessions() as session:
            stored = [
                Template(t.name, t.subject, t.body)
                for t in session.scalars(select(MailTemplate).order_by(MailTemplate.name))
            ]
        names = {t.name.casefold() for t in stored}
        starters = [t for t in STARTER_TEMPLATES if t.name.casefold() not in names]
        return sorted(stored + starters, key=lambda t: t.name.casefold())

    def get(self, name: str) -> Template:
        for template in self.all():
            if template.name.casefold() == name.strip().casefold():
                return template
        raise NotFoundError(f"There is no template called {name!r}.")

    @writes("saving a template")
    def save(self, template: Template) -> None:
        """Store `template`, replacing one with the same name."""
        name = template.name.strip()
        if not name:
            raise ValidationError({"name": "a template needs a name"})
        check(template)
        now = self._clock()
        with self._sessions.begin() as session:
            found = session.scalar(select(MailTemplate).where(MailTemplate.name == name))
            if found is None:
                session.add(
                    MailTemplate(
                        name=name,
                        subject=template.subject,
                        body=template.body,
                        created_at=now,
                        updated_at=now,
                    )
                )
            else:
                found.subject, found.body, found.updated_at = template.subject, template.body, now
            self._sessions.changed(Changes(mail=True))

    @writes("deleting a template")
    def delete(self, name: str) -> None:
        with self._sessions.begin() as session:
            session.execute(delete(MailTemplate).where(MailTemplate.name == name.strip()))
            self._sessions.changed(Changes(mail=True))


# -- planning and queueing ---------------------------------------------------------------------
@dataclass(frozen=True)
class Draft:
    """A message as one recipient will get it."""

    candidate_id: int
    to_name: str
    to_address: str
    subject: str
    text: str
    html: str | None


@dataclass(frozen=True)
class Skipped:
    candidate_id: int
    name: str
    reason: str


@dataclass(frozen=True)
class Plan:
    drafts: tuple[Draft, ...]
    skipped: tuple[Skipped, ...]
    pool_id: int | None


@dataclass(frozen=True)
class OutboxEntry:
    id: int
    candidate_id: int
    to_name: str
    to_address: str
    subject: str
    status: OutboxStatus
    attempts: int
    next_attempt_at: datetime
    error: str | None
    message_id: str | None
    created_at: datetime
    sent_at: datetime | None


_CANDIDATE_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "title",
    "company",
    "city",
    "country",
    "industry",
)


class Outbox:
    def __init__(self, sessions: Sessions, clock: Clock = utcnow) -> None:
        self._sessions = sessions
        self._clock = clock

    def plan(
        self,
        template: Template,
        candidate_ids: Sequence[int],
        account: MailAccount,
        pool_id: int | None = None,
        vacancy_id: int | None = None,
        with_html: bool = False,
    ) -> Plan:
        """Render `template` for each candidate (in the order given, each once) and say who is
        skipped and why. Writes nothing: this is the preview."""
        check(template)
        ids = list(dict.fromkeys(candidate_ids))
        recruiter = {"name": account.sender_name, "email": account.sender_address}
        with self._sessions() as session:
            candidates = {
                c.id: c for c in session.scalars(select(Candidate).where(Candidate.id.in_(ids)))
            }
            pool, stages = self._pool(session, pool_id, ids)
            vacancy = self._vacancy(session, vacancy_id)
        drafts: list[Draft] = []
        skipped: list[Skipped] = []
        for cid in ids:
            c = candidates.get(cid)
            if c is None:
                skipped.append(Skipped(cid, "", "no longer exists"))
                continue
            name = c.full_name
            if not c.email:
                skipped.append(Skipped(cid, name, "no e-mail address"))
                continue
            if c.status is CandidateStatus.DO_NOT_CONTACT:
                skipped.append(Skipped(cid, name, "status is Do not contact"))
                continue
            fields = {f: getattr(c, f) for f in _CANDIDATE_FIELDS}
            fields["full_name"] = name
            member_pool = None if pool is None else {**pool, "stage": stages.get(cid)}
            context = merge_context(fields, recruiter, member_pool, vacancy)
            try:
                rendered = render(template, context, account.signature, with_html)
            except MissingFieldError as exc:
                skipped.append(Skipped(cid, name, exc.reason))
                continue
            drafts.append(Draft(cid, name, c.email, rendered.subject, rendered.text, rendered.html))
        return Plan(tuple(drafts), tuple(skipped), pool_id)

    @staticmethod
    def _pool(
        session: Session, pool_id: int | None, ids: list[int]
    ) -> tuple[dict[str, Any] | None, dict[int, str]]:
        if pool_id is None:
            return None, {}
        pool = session.get(Pool, pool_id)
        if pool is None:
            raise NotFoundError("This pool no longer exists.")
        stages = {
            cid: stage
            for cid, stage in session.execute(
                select(PoolMembership.candidate_id, PoolStage.name)
                .join(PoolStage, PoolStage.id == PoolMembership.stage_id)
                .where(PoolMembership.pool_id == pool_id, PoolMembership.candidate_id.in_(ids))
            )
        }
        return {"name": pool.name, "description": pool.description}, stages

    @staticmethod
    def _vacancy(session: Session, vacancy_id: int | None) -> dict[str, Any] | None:
        if vacancy_id is None:
            return None
        vacancy = session.get(Vacancy, vacancy_id)
        if vacancy is None:
            raise NotFoundError("This vacancy no longer exists.")
        return {"title": vacancy.title, "company": vacancy.company, "location": vacancy.location}

    @writes("queueing e-mail")
    def queue(self, plan: Plan) -> int:
        """Put the plan's messages in the outbox; returns how many."""
        if not plan.drafts:
            return 0
        now = self._clock()
        rows = [
            {
                "candidate_id": d.candidate_id,
                "pool_id": plan.pool_id,
                "to_name": d.to_name,
                "to_address": d.to_address,
                "subject": d.subject,
                "body_text": d.text,
                "body_html": d.html,
                "status": OutboxStatus.QUEUED,
                "attempts": 0,
                "next_attempt_at": now,
                "created_at": now,
            }
            for d in plan.drafts
        ]
        with self._sessions.begin() as session:
            session.execute(insert(OutboxMessage), rows)
            self._sessions.changed(Changes(mail=True))
        return len(rows)

    # -- what is in it ---------------------------------------------------------------------
    def entries(
        self, statuses: Iterable[OutboxStatus] | None = None, limit: int | None = None
    ) -> list[OutboxEntry]:
        """Messages, newest first."""
        query = select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)
        if statuses is not None:
            query = query.where(OutboxMessage.status.in_(list(statuses)))
        with self._sessions() as session:
            return [
                OutboxEntry(
                    m.id,
                    m.candidate_id,
                    m.to_name,
                    m.to_address,
                    m.subject,
                    m.status,
                    m.attempts,
                    m.next_attempt_at,
                    m.error,
                    m.message_id,
                    m.created_at,
                    m.sent_at,
                )
                for m in session.scalars(query)
            ]

    def counts(self) -> dict[OutboxStatus, int]:
        with self._sessions() as session:
            found = {
                status: n
                for status, n in session.execute(
                    select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
                )
            }
        return {status: found.get(status, 0) for status in OutboxStatus}

    # -- the recruiter's decisions -----------------------------------------------------------
    @writes("marking a message sent")
    def mark_sent(self, message_id: int) -> None:
        """An "unknown" message the recruiter found in their Sent folder: sent, on the timeline."""
        now = self._clock()
        with self._sessions.begin() as session:
            message = self._in_status(session, message_id, OutboxStatus.UNKNOWN)
            connection = session.connection()
            _record_sent(connection, _Claimed.of(message), now)
            _refresh_reminders(connection, [message.candidate_id], now)
            self._sessions.changed(_sent_changes([message.candidate_id]))

    @writes("queueing a message again")
    def send_again(self, message_id: int) -> None:
        """An "unknown" or failed message the recruiter wants sent (again): back in the queue."""
        with self._sessions.begin() as session:
            message = self._in_status(
                session, message_id, OutboxStatus.UNKNOWN, OutboxStatus.FAILED
            )
            message.status = OutboxStatus.QUEUED
            message.next_attempt_at = self._clock()
            message.error = None
            self._sessions.changed(Changes(mail=True))

    @writes("discarding messages")
    def discard(self, message_ids: Iterable[int]) -> int:
        """Remove messages not sent yet (queued, failed or unknown); returns how many."""
        with self._sessions.begin() as session:
            result = session.execute(
                delete(OutboxMessage).where(
                    OutboxMessage.id.in_(list(message_ids)),
                    OutboxMessage.status.in_(
                        [OutboxStatus.QUEUED, OutboxStatus.FAILED, OutboxStatus.UNKNOWN]
                    ),
                )
            )
            self._sessions.changed(Changes(mail=True))
            return _rowcount(result)

    @writes("logging a reply")
    def log_reply(
        self,
        candidate_id: int,
        received_at: datetime,
        subject: str | None = None,
        body: str | None = None,
        message_id: int | None = None,
    ) -> int:
        """Record an inbound e-mail (optionally the reply to an outbox message) on the timeline;
        returns the interaction's id."""
        now = self._clock()
        with self._sessions.begin() as session:
            if session.get(Candidate, candidate_id) is None:
                raise NotFoundError("This candidate no longer exists.")
            message = None
            if message_id is not None:
                message = session.get(OutboxMessage, message_id)
                if message is None or message.candidate_id != candidate_id:
                    raise NotFoundError("That message was not sent to this candidate.")
            subject = (subject or "").strip() or (
                f"Re: {message.subject}" if message else "E-mail received"
            )
            reply = Interaction(
                candidate_id=candidate_id,
                kind=InteractionKind.EMAIL_IN,
                occurred_at=received_at,
                subject=subject[:300],
                body=(body or "").strip() or None,
                pool_id=message.pool_id if message else None,
                created_at=now,
            )
            session.add(reply)
            session.flush()
            if message is not None:
                message.reply_interaction_id = reply.id
            _refresh_reminders(session.connection(), [candidate_id], now)
            self._sessions.changed(_sent_changes([candidate_id]))
            return reply.id

    @staticmethod
    def _in_status(session: Session, message_id: int, *wanted: OutboxStatus) -> OutboxMessage:
        message = session.get(OutboxMessage, message_id)
        if message is None:
            raise NotFoundError("This message is no longer in the outbox.")
        if message.status not in wanted:
            raise ValidationError({"status": f"the message is {message.status.value}"})
        return message

    # -- the sender's steps, each its own transaction ----------------------------------------
    def recover(self) -> int:
        """Messages left "sending" by a run that died become "unknown"; returns how many.
        While another sender runs (it holds the lock), its message in flight is no leftover:
        nothing changes then."""
        try:
            with SenderLock(self._lock_path):
                return self._recover_unlocked()
        except SenderBusyError:
            return 0

    @writes("recovering the outbox")
    def _recover_unlocked(self) -> int:
        with self._sessions.begin() as session:
            result = session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.status == OutboxStatus.SENDING)
                .values(status=OutboxStatus.UNKNOWN, error=UNKNOWN_REASON)
            )
            self._sessions.changed(Changes(mail=True))
            return _rowcount(result)

    def due_count(self) -> int:
        with self._sessions() as session:
            return int(
                session.scalar(
                    select(func.count()).where(
                        OutboxMessage.status == OutboxStatus.QUEUED,
                        OutboxMessage.next_attempt_at <= self._clock(),
                    )
                )
                or 0
            )

    def next_retry_at(self) -> datetime | None:
        with self._sessions() as session:
            return session.scalar(
                select(func.min(OutboxMessage.next_attempt_at)).where(
                    OutboxMessage.status == OutboxStatus.QUEUED
                )
            )

    @property
    def _lock_path(self) -> Path:
        """Beside the database, so that every process using this data folder finds it."""
        return Path(f"{self._sessions.database}.sender.lock")

    @writes("sending e-mail")
    def _claim_next(self, account: MailAccount) -> _Claimed | None:
        """The next due message, marked "sending" and committed; None when nothing is due."""
        with self._sessions.begin() as session:
            self._sessions.changed(Changes(mail=True))
            return self._claim_in(session.connection(), account)

    def _claim_in(self, connection: Connection, account: MailAccount) -> _Claimed | None:
        m = OutboxMessage
        next_due = (
            select(m.id)
            .where(m.status == OutboxStatus.QUEUED, m.next_attempt_at <= self._clock())
            .order_by(m.next_attempt_at, m.id)
            .limit(1)
            .scalar_subquery()
        )
        row = connection.execute(
            update(m)
            .where(m.id == next_due)
            .values(
                status=OutboxStatus.SENDING,
                attempts=m.attempts + 1,
                message_id=new_message_id(account),
            )
            .returning(*_Claimed.COLUMNS)
        ).one_or_none()
        return None if row is None else _Claimed(**row._asdict())

    @writes("sending e-mail")
    def _settle(
        self,
        message: _Claimed,
        outcome: _Outcome,
        refresh: list[int],
        claim_for: MailAccount | None,
    ) -> _Claimed | None:
        """Record how `message` went (sent: with its timeline entry) and, with `claim_for`,
        claim the next one, in one transaction; returns that next one. `refresh` are the
        candidates whose check-ins are due a refresh in this transaction (emptied here)."""
        now = self._clock()
        with self._sessions.begin() as session:
            connection = session.connection()
            self._sessions.changed(Changes(mail=True))
            if outcome.error is None:
                _record_sent(connection, message, now)
                self._sessions.changed(_sent_changes([message.candidate_id]))
            else:
                values: dict[str, Any] = {"status": OutboxStatus.FAILED, "error": outcome.error}
                if outcome.retry:
                    values = {
                        "status": OutboxStatus.QUEUED,
                        "error": outcome.error,
                        "next_attempt_at": now + retry_delay(message.attempts),
                    }
                elif outcome.unknown:
                    values = {"status": OutboxStatus.UNKNOWN, "error": outcome.error}
                connection.execute(
                    update(OutboxMessage).where(OutboxMessage.id == message.id).values(**values)
                )
            if refresh:
                _refresh_reminders(connection, refresh, now)
                refresh.clear()
            return None if claim_for is None else self._claim_in(connection, claim_for)

    @writes("sending e-mail")
    def _release(self, message: _Claimed) -> None:
        """Back to the queue: claimed, but never handed to the server."""
        with self._sessions.begin() as session:
            session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == message.id)
                .values(status=OutboxStatus.QUEUED, attempts=OutboxMessage.attempts - 1)
            )
            self._sessions.changed(Changes(mail=True))

    @writes("sending e-mail")
    def _refresh(self, candidate_ids: list[int]) -> None:
        if candidate_ids:
            with self._sessions.begin() as session:
                _refresh_reminders(session.connection(), candidate_ids, self._clock())
            candidate_ids.clear()


def _sent_changes(candidate_ids: list[int]) -> Changes:
    """A mail on the timeline is a contact: last contact and check-ins move."""
    return Changes.of(candidate_ids, mail=True, reminders=True, pools=True, candidate_list=True)


@dataclass(frozen=True)
class _Claimed:
    """A message marked "sending": what it takes to send and record it."""

    id: int
    candidate_id: int
    pool_id: int | None
    to_name: str
    to_address: str
    subject: str
    body_text: str
    body_html: str | None
    attempts: int
    message_id: str

    COLUMNS = (
        OutboxMessage.id,
        OutboxMessage.candidate_id,
        OutboxMessage.pool_id,
        OutboxMessage.to_name,
        OutboxMessage.to_address,
        OutboxMessage.subject,
        OutboxMessage.body_text,
        OutboxMessage.body_html,
        OutboxMessage.attempts,
        OutboxMessage.message_id,
    )

    @classmethod
    def of(cls, message: OutboxMessage) -> _Claimed:
        return cls(*(getattr(message, c.key) for c in cls.COLUMNS))


@dataclass(frozen=True)
class _Outcome:
    error: str | None = None  # None: the server accepted it
    retry: bool = False  # back in the queue after a back-off, rather than failed
    unknown: bool = False  # maybe accepted: for the recruiter to decide, never resent


def _record_sent(connection: Connection, message: _Claimed, now: datetime) -> None:
    """Sent, and on the candidate's timeline (whose trigger moves last contact)."""
    interaction_id = connection.execute(
        insert(Interaction)
        .values(
            candidate_id=message.candidate_id,
            kind=InteractionKind.EMAIL_OUT,
            occurred_at=now,
            subject=message.subject[:300],
            body=message.body_text,
            pool_id=message.pool_id,
            created_at=now,
        )
        .returning(Interaction.id)
    ).scalar_one()
    connection.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message.id)
        .values(status=OutboxStatus.SENT, sent_at=now, error=None, interaction_id=interaction_id)
    )


def _refresh_reminders(connection: Connection, candidate_ids: list[int], now: datetime) -> None:
    # As InteractionService.log: a contact clears the check-in its pool's cadence asked for.
    generated.refresh_in(
        connection,
        now,
        None,
        candidate_ids=candidate_ids,
        origins=generated.POOL_BOUND,
    )


# -- the sender ------------------------------------------------------------------------------
@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    retry_later: int = 0
    unknown: int = 0  # maybe delivered (the connection dropped awaiting the server's answer)
    unknown_before: int = 0  # left "unknown" by an earlier run, for the recruiter to decide
    cancelled: bool = False
    # Why the batch stopped early (authentication rejected, server unreachable), or None.
    stopped: MailError | None = None
    next_retry_at: datetime | None = None


Progress = Callable[[int, int], None]


class Sender:
    """Works off the due messages of an outbox, one connection, at the account's rate.

    `run` blocks: the window calls it on a worker thread; `pause`/`resume` may be called from
    any thread, `cancelled()` is polled between messages and while waiting.
    """

    def __init__(
        self,
        outbox: Outbox,
        account: MailAccount,
        password: str,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self._outbox = outbox
        self._account = account
        self._connection = SmtpConnection(account, password, timeout)
        self._running = threading.Event()
        self._running.set()

    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    def run(
        self, progress: Progress | None = None, cancelled: Callable[[], bool] | None = None
    ) -> SendReport:
        """Send what is due; SenderBusyError when another sender works this outbox."""
        with SenderLock(self._outbox._lock_path):
            return self._run(progress, cancelled or (lambda: False))

    def _run(self, progress: Progress | None, cancelled: Callable[[], bool]) -> SendReport:
        outbox = self._outbox
        outbox._recover_unlocked()  # this run holds the lock: no other sender is mid-send
        report = SendReport(unknown_before=outbox.counts()[OutboxStatus.UNKNOWN])
        total = outbox.due_count()
        interval = 60.0 / self._account.rate_per_minute if self._account.rate_per_minute else 0.0
        next_slot = time.monotonic()
        done = 0
        claimed: _Claimed | None = None  # marked "sending", not handed over yet
        refresh: list[int] = []
        if progress:
            progress(0, total)
        try:
            while done < total:
                if claimed is None:
                    if not self._wait(next_slot, cancelled):
                        report.cancelled = True
                        break
                    try:
                        self._connection.ensure_open()
                    except MailError as exc:
                        report.stopped = exc  # nothing claimed: the rest stay queued
                        break
                    claimed = outbox._claim_next(self._account)
                    if claimed is None:
                        break
                next_slot = time.monotonic() + interval
                message, claimed = claimed, None
                outcome = self._send_one(message, report)
                done += 1
                if outcome.error is None:
                    refresh.append(message.candidate_id)
                straight_on = (
                    done < total
                    and self._connection.is_open
                    and self._running.is_set()
                    and time.monotonic() >= next_slot
                    and not cancelled()
                )
                claimed = outbox._settle(
                    message,
                    outcome,
                    refresh if len(refresh) >= REFRESH_EVERY or not straight_on else [],
                    self._account if straight_on else None,
                )
                if progress:
                    progress(done, total)
        finally:
            self._connection.close()
            if claimed is not None:  # stopped by an exception before handing it over
                outbox._release(claimed)
            outbox._refresh(refresh)
        report.next_retry_at = outbox.next_retry_at()
        return report

    def _send_one(self, message: _Claimed, report: SendReport) -> _Outcome:
        data = message_bytes(
            self._account,
            message.to_name,
            message.to_address,
            message.subject,
            message.body_text,
            message.body_html,
            self._outbox._clock(),
            message.message_id,
        )
        try:
            refused = self._connection.send_bytes(message.to_address, data)
        except MailError as exc:
            if exc.kind is FailureKind.UNCERTAIN:
                report.unknown += 1
                return _Outcome(exc.message, unknown=True)
            if exc.kind is FailureKind.TEMPORARY and message.attempts < MAX_ATTEMPTS:
                report.retry_later += 1
                return _Outcome(exc.message, retry=True)
            report.failed += 1
            if exc.kind is FailureKind.TEMPORARY:
                return _Outcome(f"gave up after {message.attempts} attempts: {exc.message}")
            return _Outcome(exc.message)
        if refused:
            report.failed += 1
            return _Outcome("; ".join(f"{a}: {w}" for a, w in refused.items()))
        report.sent += 1
        return _Outcome()

    def _wait(self, until: float, cancelled: Callable[[], bool]) -> bool:
        """Sleep until the next slot and while paused; False when cancelled meanwhile."""
        while True:
            if cancelled():
                return False
            if not self._running.is_set():
                self._connection.close()  # an idle connection would be dropped by the server
                self._running.wait(0.2)
                continue
            remaining = until - time.monotonic()
            if remaining <= 0:
                return True
            time.sleep(min(remaining, 0.2))
