"""Claims: which sender works which queued message (issue 18, "mail once").

On a team database several desktops send from one outbox. A sender reserves a batch of due
messages with `SELECT … FOR UPDATE SKIP LOCKED` and stamps them with its id and the time, in
the transaction that marks the first of them "sending"; another sender skips the rows locked
meanwhile and those claimed by someone else, so no message is taken twice. Each message it
marks "sending" renews the time on the rest of its batch, and what it has not sent when it
stops goes back to everyone. A desktop that died leaves its claims behind: its queued ones
may be taken by others after STALE_AFTER, and its message "sending" then becomes "unknown"
(it may have been delivered: it is never resent on its own). On a server, claim times and
their staleness are the server's clock (`now()`), never a desktop's: desktop clocks disagree.

On a SQLite file one sender works the outbox at a time (SenderLock): it takes the next due
message alone, as before, and records the claim the same way.

Each message leaves from the account of the recruiter who queued it: a sender takes only its own
user's messages, and those nobody queued (older than migration 0019, or of a removed user).
"""

from __future__ import annotations

import os
import socket
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, DateTime, Row, and_, func, or_, select, update

from talentdesk.core.db.enums import OutboxStatus
from talentdesk.core.db.models import OutboxMessage

# A claim untouched this long belongs to a sender that stopped without saying so. Far longer
# than one message takes to hand over (the SMTP timeout), and renewed with every message.
STALE_AFTER = timedelta(minutes=10)
# How many due messages a sender of a team outbox reserves at a time.
CLAIM_BATCH = 10

m = OutboxMessage


def new_claimer() -> str:
    """An id for one sender's run: which computer, which process, and which run in it."""
    return f"{socket.gethostname()[:120]} pid {os.getpid()} {uuid.uuid4().hex[:12]}"


def on_server(connection: Connection) -> bool:
    return connection.dialect.name != "sqlite"


def _due(now: datetime, user_id: int | None) -> ColumnElement[bool]:
    due = and_(m.status == OutboxStatus.QUEUED, m.next_attempt_at <= now)
    return due if user_id is None else and_(due, sendable_by(user_id))


def sendable_by(user_id: int) -> ColumnElement[bool]:
    """Messages `user_id`'s desktops send: those they queued, and those nobody did."""
    return or_(m.queued_by_id.is_(None), m.queued_by_id == user_id)


def server_now() -> ColumnElement[datetime]:
    """The server's clock (its transaction's start), as the naive UTC that claimed_at holds."""
    return func.timezone("UTC", func.now(), type_=DateTime())


def stamp(connection: Connection, now: datetime) -> Any:
    """The time a claim is stamped with: the server's on a server, else the desktop's `now`."""
    return server_now() if on_server(connection) else now


def _stale() -> ColumnElement[bool]:
    """Claimed longer ago than STALE_AFTER, by the server's clock (on a server only)."""
    return m.claimed_at < server_now() - STALE_AFTER


def _free() -> ColumnElement[bool]:
    """Claimed by nobody, or by a sender that has stopped renewing its claim (on a server)."""
    return or_(m.claimed_by.is_(None), _stale())


def free_for(claimer: str) -> ColumnElement[bool]:
    """Claimed by nobody, by `claimer`, or by a sender that stopped (on a server)."""
    return or_(_free(), m.claimed_by == claimer)


def next_due(
    connection: Connection, now: datetime, claimer: str, user_id: int | None
) -> Row[int, int] | None:
    """The next due message for `claimer` (id, candidate_id) working for `user_id` (None: any
    message), locked until the transaction ends; on a server, from its batch, reserving a new
    batch when that is used up."""
    order = (m.next_attempt_at, m.id)
    if not on_server(connection):
        query = select(m.id, m.candidate_id).where(_due(now, user_id)).order_by(*order).limit(1)
        return connection.execute(query).one_or_none()
    mine = (
        select(m.id, m.candidate_id)
        .where(_due(now, user_id), m.claimed_by == claimer)
        .order_by(*order)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    row = connection.execute(mine).one_or_none()
    if row is not None:
        return row
    batch = (
        select(m.id)
        .where(_due(now, user_id), _free())
        .order_by(*order)
        .limit(CLAIM_BATCH)
        .with_for_update(skip_locked=True)
    )
    ids = list(connection.execute(batch).scalars())
    if not ids:
        return None
    claimed = {"claimed_by": claimer, "claimed_at": server_now()}
    connection.execute(update(m).where(m.id.in_(ids)).values(claimed))
    return connection.execute(mine).one_or_none()


def renew(connection: Connection, claimer: str) -> None:
    """The sender is alive: its reserved batch stays its own for STALE_AFTER more."""
    if on_server(connection):
        connection.execute(
            update(m)
            .where(m.claimed_by == claimer, m.status == OutboxStatus.QUEUED)
            .values(claimed_at=server_now())
        )


def release(connection: Connection, claimer: str) -> None:
    """What `claimer` reserved but did not send goes back to every sender."""
    connection.execute(
        update(m)
        .where(m.claimed_by == claimer, m.status == OutboxStatus.QUEUED)
        .values(claimed_by=None, claimed_at=None)
    )


def left_sending(connection: Connection) -> ColumnElement[bool]:
    """Messages "sending" that no sender is handing over any more. On a SQLite file, every one
    (the caller holds the only sender's lock); on a server, those claimed longer ago than
    STALE_AFTER, since another desktop's message in flight is no leftover."""
    sending = m.status == OutboxStatus.SENDING
    if not on_server(connection):
        return sending
    return and_(sending, or_(m.claimed_at.is_(None), _stale()))
