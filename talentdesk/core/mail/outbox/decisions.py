"""The recruiter's decisions on messages (mark sent, send again, discard) and replies logged."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from talentdesk.core.db.enums import InteractionKind, OutboxStatus
from talentdesk.core.db.models import Candidate, Interaction, OutboxMessage
from talentdesk.core.db.sessions import writes
from talentdesk.core.errors import NotFoundError, ValidationError
from talentdesk.core.mail.outbox.store import (
    Claimed,
    OutboxStore,
    record_sent,
    refresh_reminders,
    rowcount,
    sent_changes,
)
from talentdesk.core.ops.changes import Changes
from talentdesk.core.privacy import contactable

# What Discard removes: never a sent message (its timeline entry stays), nor one being sent.
NOT_SENT_STATUSES = (
    OutboxStatus.QUEUED,
    OutboxStatus.FAILED,
    OutboxStatus.CANCELLED,
    OutboxStatus.UNKNOWN,
)


class RecruiterDecisions(OutboxStore):
    @writes("marking a message sent")
    def mark_sent(self, message_id: int) -> None:
        """An "unknown" message the recruiter found in their Sent folder: sent, on the timeline."""
        now = self._clock()
        with self._sessions.begin() as session:
            message = self._in_status(session, message_id, OutboxStatus.UNKNOWN)
            connection = session.connection()
            record_sent(connection, Claimed.of(message), now)
            refresh_reminders(connection, [message.candidate_id], now)
            self._sessions.changed(sent_changes([message.candidate_id]))

    @writes("queueing a message again")
    def send_again(self, message_id: int) -> None:
        """An "unknown", failed or cancelled message the recruiter wants sent (again): back in
        the queue, now theirs (a cancelled one once its person may be e-mailed again). On a
        team database it leaves from the account of whoever pressed Send again (their desktop
        sends it at once) and its timeline entry is theirs, not the first queuer's, who may be
        away; the text stays as it was written."""
        with self._sessions.begin() as session:
            message = self._in_status(
                session,
                message_id,
                OutboxStatus.UNKNOWN,
                OutboxStatus.FAILED,
                OutboxStatus.CANCELLED,
            )
            why = contactable.why_not(session.connection(), [message.candidate_id])
            if why:  # cancelled for do not contact or withdrawn consent: it stays so
                reason = why[message.candidate_id]
                raise ValidationError({"candidate": f"not e-mailed: {reason}"})
            message.status = OutboxStatus.QUEUED
            message.next_attempt_at = self._clock()
            message.error = None
            message.claimed_by = message.claimed_at = None  # for any sender (outbox/claims.py)
            message.queued_by_id = self._sessions.user_id
            self._sessions.changed(Changes(mail=True))

    @writes("discarding messages")
    def discard(self, message_ids: Iterable[int]) -> int:
        """Remove messages not sent (queued, failed, cancelled or unknown); returns how many."""
        with self._sessions.begin() as session:
            result = session.execute(
                delete(OutboxMessage).where(
                    OutboxMessage.id.in_(list(message_ids)),
                    OutboxMessage.status.in_(NOT_SENT_STATUSES),
                )
            )
            self._sessions.changed(Changes(mail=True))
            return rowcount(result)

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
                created_by_id=self._sessions.user_id,
            )
            session.add(reply)
            session.flush()
            if message is not None:
                message.reply_interaction_id = reply.id
                if message.replied_at is None or received_at < message.replied_at:
                    message.replied_at = received_at
            refresh_reminders(session.connection(), [candidate_id], now)
            self._sessions.changed(sent_changes([candidate_id]))
            return reply.id

    @staticmethod
    def _in_status(session: Session, message_id: int, *wanted: OutboxStatus) -> OutboxMessage:
        message = session.get(OutboxMessage, message_id)
        if message is None:
            raise NotFoundError("This message is no longer in the outbox.")
        if message.status not in wanted:
            raise ValidationError({"status": f"the message is {message.status.value}"})
        return message
