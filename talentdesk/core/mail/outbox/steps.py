"""The sender's steps, each its own transaction: recover, claim, settle, release, refresh.

The rules they keep (never twice, one commit per message) are told in the package's docstring.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, update

from talentdesk.core.db.enums import OutboxStatus
from talentdesk.core.db.models import OutboxMessage
from talentdesk.core.db.sessions import writes
from talentdesk.core.mail.account import MailAccount
from talentdesk.core.mail.outbox import claims
from talentdesk.core.mail.outbox.store import (
    UNKNOWN_REASON,
    Claimed,
    OutboxStore,
    Outcome,
    record_sent,
    refresh_reminders,
    retry_delay,
    rowcount,
    sent_changes,
)
from talentdesk.core.mail.sender_lock import SenderBusyError, SenderLock
from talentdesk.core.mail.smtp import new_message_id
from talentdesk.core.ops.changes import Changes
from talentdesk.core.privacy import contactable


class SenderSteps(OutboxStore):
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
            left = claims.left_sending(session.connection())
            result = session.execute(
                update(OutboxMessage)
                .where(left)
                .values(status=OutboxStatus.UNKNOWN, error=UNKNOWN_REASON)
            )
            self._sessions.changed(Changes(mail=True))
            return rowcount(result)

    @property
    def _lock_path(self) -> Path:
        """Beside the database, so that every process using this data folder finds it."""
        return Path(f"{self._sessions.database}.sender.lock")

    @writes("sending e-mail")
    def _claim_next(self, account: MailAccount, claimer: str) -> Claimed | None:
        """The next due message, marked "sending" by `claimer` and committed; None when nothing
        is due (or all of it is claimed by other senders)."""
        with self._sessions.begin() as session:
            self._sessions.changed(Changes(mail=True))
            return self._claim_in(session.connection(), account, claimer)

    def _claim_in(
        self, connection: Connection, account: MailAccount, claimer: str
    ) -> Claimed | None:
        """Claim the next due message. One for a person who may no longer be e-mailed (do not
        contact, consent withdrawn since it was queued) is cancelled with the reason instead:
        asked in the claiming transaction, so a withdrawal committed before it stops it."""
        m = OutboxMessage
        now = self._clock()
        while True:
            due = claims.next_due(connection, now, claimer, self._sessions.user_id)
            if due is None:
                return None
            reason = contactable.why_not(connection, [due.candidate_id]).get(due.candidate_id)
            if reason is None:
                break
            self.not_contacted += 1
            error = contactable.NOT_SENT.format(reason=reason)
            connection.execute(
                update(m).where(m.id == due.id).values(status=OutboxStatus.CANCELLED, error=error)
            )
        claims.renew(connection, claimer)
        row = connection.execute(
            update(m)
            .where(m.id == due.id)
            .values(
                status=OutboxStatus.SENDING,
                attempts=m.attempts + 1,
                message_id=new_message_id(account),
                claimed_by=claimer,
                claimed_at=claims.stamp(connection, now),
            )
            .returning(*Claimed.COLUMNS)
        ).one_or_none()
        return None if row is None else Claimed(**row._asdict())

    @writes("sending e-mail")
    def _settle(
        self,
        message: Claimed,
        outcome: Outcome,
        refresh: list[int],
        claim_for: MailAccount | None,
        claimer: str,
    ) -> Claimed | None:
        """Record how `message` went (sent: with its timeline entry) and, with `claim_for`,
        claim the next one, in one transaction; returns that next one. `refresh` are the
        candidates whose check-ins are due a refresh in this transaction (emptied here)."""
        now = self._clock()
        with self._sessions.begin() as session:
            connection = session.connection()
            self._sessions.changed(Changes(mail=True))
            if outcome.error is None:
                record_sent(connection, message, now)
                self._sessions.changed(sent_changes([message.candidate_id]))
            else:
                values: dict[str, Any] = {"status": OutboxStatus.FAILED, "error": outcome.error}
                if outcome.retry:
                    values = {
                        "status": OutboxStatus.QUEUED,
                        "error": outcome.error,
                        "next_attempt_at": now + retry_delay(message.attempts),
                        "claimed_by": None,  # any sender may retry it
                        "claimed_at": None,
                    }
                elif outcome.unknown:
                    values = {"status": OutboxStatus.UNKNOWN, "error": outcome.error}
                connection.execute(
                    update(OutboxMessage).where(OutboxMessage.id == message.id).values(**values)
                )
            if refresh:
                refresh_reminders(connection, refresh, now)
                refresh.clear()
            return None if claim_for is None else self._claim_in(connection, claim_for, claimer)

    @writes("sending e-mail")
    def _release(self, message: Claimed | None, claimer: str) -> None:
        """Back to the queue, for every sender: `message` (claimed, but never handed to the
        server) and what `claimer` reserved and did not send."""
        with self._sessions.begin() as session:
            if message is not None:
                session.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.id == message.id)
                    .values(status=OutboxStatus.QUEUED, attempts=OutboxMessage.attempts - 1)
                )
            claims.release(session.connection(), claimer)
            self._sessions.changed(Changes(mail=True))

    @writes("sending e-mail")
    def _refresh(self, candidate_ids: list[int]) -> None:
        if candidate_ids:
            with self._sessions.begin() as session:
                refresh_reminders(session.connection(), candidate_ids, self._clock())
            candidate_ids.clear()
