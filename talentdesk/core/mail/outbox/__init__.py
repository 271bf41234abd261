"""The outbox: one personalised message per recipient, stored before it is sent, and the sender
that works it off at the account's rate.

Never twice: a message is marked "sending" in a committed transaction before it is handed to
the server, and "sent" (with its timeline entry) in a transaction committed once the server
accepted it. A message still "sending" when a sender starts was in flight when a previous run
died; it becomes "unknown" and waits for the recruiter to decide, never resent on its own.
Only one sender runs per data folder at a time (`SenderLock`): the window and `talentdesk
outbox --send` must not work the same outbox together. On a team database several desktops
send from one outbox: each claims its messages (`claims`, SELECT … FOR UPDATE SKIP LOCKED),
and only a claim left stale by a desktop that stopped is taken over ("sending": "unknown").

One commit per message: when the next message goes out straight away, the transaction that
records how the last one went also claims the next. Both rules still hold, because that
commit comes after the server accepted the last message and before the next is handed over;
a crash before it leaves the last one "sending" (so "unknown") and the next one queued, a
crash after it the next one "sending" — as with separate commits. At most one message is
ever "sending": claiming several at once would turn them all "unknown" after a crash.

The parts: `library` (templates), `planning` (drafts and who is skipped), `service` (the
`Outbox`: queueing, built from `queries`, `decisions` and `steps`), `sender` (the loop),
`store` (what they share), `claims` (which sender works which message).
"""

from talentdesk.core.mail.outbox.decisions import NOT_SENT_STATUSES
from talentdesk.core.mail.outbox.library import TemplateLibrary
from talentdesk.core.mail.outbox.planning import Draft, Plan, Skipped
from talentdesk.core.mail.outbox.queries import OutboxEntry
from talentdesk.core.mail.outbox.sender import REFRESH_EVERY, Progress, Sender, SendReport
from talentdesk.core.mail.outbox.service import Outbox
from talentdesk.core.mail.outbox.store import (
    FIRST_RETRY,
    LAST_RETRY,
    MAX_ATTEMPTS,
    UNKNOWN_REASON,
    retry_delay,
)

__all__ = [
    "FIRST_RETRY",
    "LAST_RETRY",
    "MAX_ATTEMPTS",
    "NOT_SENT_STATUSES",
    "REFRESH_EVERY",
    "UNKNOWN_REASON",
    "Draft",
    "Outbox",
    "OutboxEntry",
    "Plan",
    "Progress",
    "SendReport",
    "Sender",
    "Skipped",
    "TemplateLibrary",
    "retry_delay",
]
