"""What every part of the outbox shares: its sessions and clock, a claimed message, and the
rows a sent message writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, CursorResult, Result, insert, update

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.enums import InteractionKind, OutboxStatus
from talentdesk.core.db.models import Interaction, OutboxMessage
from talentdesk.core.db.sessions import Sessions
from talentdesk.core.ops.changes import Changes
from talentdesk.core.privacy import notice
from talentdesk.core.reminders import generated

MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(minutes=1)
LAST_RETRY = timedelta(hours=1)
UNKNOWN_REASON = (
    "TalentDesk stopped while handing this message to the server: it may or may not have "
    "been delivered. Check your Sent folder, then mark it sent or send it again."
)


class OutboxStore:
    """The outbox's sessions and clock; its parts (queries, decisions, sender steps) build on it."""

    def __init__(self, sessions: Sessions, clock: Clock = utcnow) -> None:
        self._sessions = sessions
        self._clock = clock
        # Messages the sender cancelled on reaching them (do not contact, consent withdrawn).
        self.not_contacted = 0


def rowcount(result: Result[Any]) -> int:
    """How many rows an UPDATE or DELETE touched (Session.execute types its result loosely)."""
    assert isinstance(result, CursorResult)
    return result.rowcount


def retry_delay(attempts: int) -> timedelta:
    """Back-off after the n-th failed attempt: 1, 2, 4 … minutes, at most an hour."""
    factor: int = 2 ** max(attempts - 1, 0)
    return min(FIRST_RETRY * factor, LAST_RETRY)


def sent_changes(candidate_ids: list[int]) -> Changes:
    """A mail on the timeline is a contact: last contact and check-ins move."""
    return Changes.of(candidate_ids, mail=True, reminders=True, pools=True, candidate_list=True)


@dataclass(frozen=True)
class Claimed:
    """A message marked "sending": what it takes to send and record it."""

    id: int
    candidate_id: int
    pool_id: int | None
    vacancy_id: int | None
    is_feedback: bool
    to_name: str
    to_address: str
    subject: str
    body_text: str
    body_html: str | None
    attempts: int
    message_id: str
    template_name: str | None = None
    queued_by_id: int | None = None  # whose timeline entry it becomes

    COLUMNS = (
        OutboxMessage.id,
        OutboxMessage.candidate_id,
        OutboxMessage.pool_id,
        OutboxMessage.vacancy_id,
        OutboxMessage.is_feedback,
        OutboxMessage.to_name,
        OutboxMessage.to_address,
        OutboxMessage.subject,
        OutboxMessage.body_text,
        OutboxMessage.body_html,
        OutboxMessage.attempts,
        OutboxMessage.message_id,
        OutboxMessage.template_name,
        OutboxMessage.queued_by_id,
    )

    @classmethod
    def of(cls, message: OutboxMessage) -> Claimed:
        return cls(*(getattr(message, c.key) for c in cls.COLUMNS))


@dataclass(frozen=True)
class Outcome:
    error: str | None = None  # None: the server accepted it
    retry: bool = False  # back in the queue after a back-off, rather than failed
    unknown: bool = False  # maybe accepted: for the recruiter to decide, never resent


def record_sent(connection: Connection, message: Claimed, now: datetime) -> None:
    """Sent, and on the candidate's timeline (whose trigger moves last contact)."""
    interaction_id = connection.execute(
        insert(Interaction)
        .values(
            candidate_id=message.candidate_id,
            kind=InteractionKind.FEEDBACK if message.is_feedback else InteractionKind.EMAIL_OUT,
            occurred_at=now,
            subject=message.subject[:300],
            body=message.body_text,
            pool_id=message.pool_id,
            vacancy_id=message.vacancy_id,
            message_id=message.message_id,
            created_at=now,
            created_by_id=message.queued_by_id,  # the recruiter whose account sent it
        )
        .returning(Interaction.id)
    ).scalar_one()
    connection.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message.id)
        .values(status=OutboxStatus.SENT, sent_at=now, error=None, interaction_id=interaction_id)
    )
    if notice.is_notice(connection, message.template_name):
        notice.mark_sent_in(connection, message.candidate_id, now)


def refresh_reminders(connection: Connection, candidate_ids: list[int], now: datetime) -> None:
    # As InteractionService.log: a contact clears the check-in its pool's cadence asked for.
    generated.refresh_in(
        connection,
        now,
        None,
        candidate_ids=candidate_ids,
        origins=generated.POOL_BOUND,
    )
