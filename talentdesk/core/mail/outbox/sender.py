"""The sender: works off the due messages of an outbox at the account's rate, one connection.

How it stays safe (never twice, one commit per message) is told in the package's docstring.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from talentdesk.core.db.enums import OutboxStatus
from talentdesk.core.mail.account import MailAccount
from talentdesk.core.mail.outbox.claims import new_claimer
from talentdesk.core.mail.outbox.store import MAX_ATTEMPTS, Claimed, Outcome
from talentdesk.core.mail.sender_lock import SenderLock
from talentdesk.core.mail.smtp import (
    DEFAULT_TIMEOUT,
    FailureKind,
    MailError,
    SmtpConnection,
    message_bytes,
)

if TYPE_CHECKING:
    from talentdesk.core.mail.outbox.service import Outbox

# Sent messages whose candidates' check-ins are refreshed together, in the "sent" transaction
# of the last of them. A crash can leave that many stale until the scheduler's next refresh:
# generated reminders are derived state; last contact itself moves with each message.
REFRESH_EVERY = 50


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
    # Cancelled on reaching them: the person may no longer be e-mailed (core/privacy).
    not_contacted: int = 0


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
        self._claimer = new_claimer()  # whose claims these are (core/mail/outbox/claims.py)
        self._running = threading.Event()
        self._running.set()
        # Set while the run waits because it is paused (nothing is being handed over then).
        self._holding = threading.Event()

    @property
    def holding(self) -> bool:
        """Paused and between messages: nothing is sent until `resume`."""
        return self._holding.is_set()

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
        not_contacted_before = outbox.not_contacted
        total = outbox.due_count(self._claimer)
        interval = 60.0 / self._account.rate_per_minute if self._account.rate_per_minute else 0.0
        next_slot = time.monotonic()
        done = 0
        claimed: Claimed | None = None  # marked "sending", not handed over yet
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
                    claimed = outbox._claim_next(self._account, self._claimer)
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
                    self._claimer,
                )
                if progress:
                    progress(done, total)
        finally:
            self._connection.close()
            # `claimed`: stopped by an exception before handing it over.
            outbox._release(claimed, self._claimer)
            outbox._refresh(refresh)
        report.next_retry_at = outbox.next_retry_at()
        report.not_contacted = outbox.not_contacted - not_contacted_before
        return report

    def _send_one(self, message: Claimed, report: SendReport) -> Outcome:
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
                return Outcome(exc.message, unknown=True)
            if exc.kind is FailureKind.TEMPORARY and message.attempts < MAX_ATTEMPTS:
                report.retry_later += 1
                return Outcome(exc.message, retry=True)
            report.failed += 1
            if exc.kind is FailureKind.TEMPORARY:
                return Outcome(f"gave up after {message.attempts} attempts: {exc.message}")
            return Outcome(exc.message)
        if refused:
            report.failed += 1
            return Outcome("; ".join(f"{a}: {w}" for a, w in refused.items()))
        report.sent += 1
        return Outcome()

    def _wait(self, until: float, cancelled: Callable[[], bool]) -> bool:
        """Sleep until the next slot and while paused; False when cancelled meanwhile."""
        while True:
            if cancelled():
                return False
            if not self._running.is_set():
                self._connection.close()  # an idle connection would be dropped by the server
                self._holding.set()
                self._running.wait(0.2)
                continue
            self._holding.clear()
            remaining = until - time.monotonic()
            if remaining <= 0:
                return True
            time.sleep(min(remaining, 0.2))
