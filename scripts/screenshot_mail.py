"""Sent mail and replies for the Metrics screenshot (the sample data has timeline e-mails but
no outbox): a few bulk sends over the last months, rendered and queued by the outbox service,
recorded as sent on their day (no SMTP server here), and replies logged through the outbox.
Runs on the write path (an operation of the window)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import select

from talentdesk.core.db.enums import OutboxStatus
from talentdesk.core.db.models import OutboxMessage
from talentdesk.core.db.sessions import Sessions
from talentdesk.core.mail.account import MailAccount
from talentdesk.core.mail.outbox.store import Claimed, record_sent
from talentdesk.core.workspace import Workspace

# (template, days ago, how many of the pool's people, share who reply)
SENDS = (
    ("Check-in", 150, 14, 0.55),
    ("Market update", 115, 18, 0.25),
    ("Check-in", 80, 12, 0.5),
    ("Market update", 45, 20, 0.3),
    ("Check-in", 20, 10, 0.7),
)


def seed_sent_mail(ws: Workspace, account: MailAccount, members: dict[int, list[int]]) -> int:
    """Returns how many messages were recorded as sent. `members`: some pools' people."""
    chance = random.Random(15)
    now = ws.clock()
    sessions = ws.db.sessions
    pool_ids = sorted(members)
    total = 0
    for n, (name, days_ago, size, replies) in enumerate(SENDS):
        pool_id = pool_ids[n % len(pool_ids)]
        people = members[pool_id][:size]
        plan = ws.outbox().plan(ws.templates().get(name), people, account, pool_id)
        ws.outbox().queue(plan)
        when = now - timedelta(days=days_ago, hours=chance.randint(0, 6))
        sent = _record_queued(sessions, when)
        total += len(sent)
        for message_id, candidate_id in sent:
            if chance.random() < replies:
                delay = timedelta(hours=chance.choice((1, 3, 5, 20, 30, 52, 90)))
                ws.outbox().log_reply(candidate_id, when + delay, message_id=message_id)
    return total


def _record_queued(sessions: Sessions, when: datetime) -> list[tuple[int, int]]:
    """Every queued message recorded as sent at `when`, as the sender records it."""
    with sessions.begin() as session:
        waiting = select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.QUEUED)
        queued = list(session.scalars(waiting))
        for message in queued:
            message.created_at = when
            message.message_id = f"<screenshot.{message.id}@example.com>"
            session.flush()
            record_sent(session.connection(), Claimed.of(message), when)
        return [(m.id, m.candidate_id) for m in queued]
