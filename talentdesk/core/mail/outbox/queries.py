"""What is in the outbox: its messages, how many in each status, what is due and when next."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from talentdesk.core.db.enums import OutboxStatus
from talentdesk.core.db.models import AppUser, OutboxMessage
from talentdesk.core.mail.outbox import claims
from talentdesk.core.mail.outbox.store import OutboxStore


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
    queued_by: str | None = None  # the recruiter's name; None: nobody's (sent by any desktop)

    @property
    def cancelled(self) -> bool:
        """Not sent to someone who may not be contacted (do not contact, consent withdrawn);
        its error says why."""
        return self.status is OutboxStatus.CANCELLED

    @property
    def shown_status(self) -> str:
        """Its status as the window and the CLI show it."""
        return self.status.value


class OutboxQueries(OutboxStore):
    def entries(
        self, statuses: Iterable[OutboxStatus] | None = None, limit: int | None = None
    ) -> list[OutboxEntry]:
        """Messages, newest first."""
        query = (
            select(OutboxMessage, AppUser.name)
            .outerjoin(AppUser, AppUser.id == OutboxMessage.queued_by_id)
            .order_by(OutboxMessage.id.desc())
            .limit(limit)
        )
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
                    queued_by,
                )
                for m, queued_by in session.execute(query)
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

    def due_count(self, claimer: str | None = None) -> int:
        """Messages due now; with `claimer` (a sender's count), those of another recruiter
        and, on a team database, those another sender has claimed are left out
        (core/mail/outbox/claims.py)."""
        now = self._clock()
        with self._sessions() as session:
            query = select(func.count()).where(
                OutboxMessage.status == OutboxStatus.QUEUED, OutboxMessage.next_attempt_at <= now
            )
            if claimer is not None and self._sessions.user_id is not None:
                query = query.where(claims.sendable_by(self._sessions.user_id))
            if claimer is not None and claims.on_server(session.connection()):
                query = query.where(claims.free_for(claimer))
            return int(session.scalar(query) or 0)

    def next_retry_at(self) -> datetime | None:
        """When this desktop's next queued message is due (a colleague's are not its own)."""
        query = select(func.min(OutboxMessage.next_attempt_at)).where(
            OutboxMessage.status == OutboxStatus.QUEUED
        )
        if self._sessions.user_id is not None:
            query = query.where(claims.sendable_by(self._sessions.user_id))
        with self._sessions() as session:
            return session.scalar(query)
