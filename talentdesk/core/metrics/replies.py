"""Reply rates of sent mail: by template, by bulk send, by pool and by month.

A reply is recognised in ONE place, `first_replies`: the first "e-mail received" of the
candidate after the message was sent and before the next message the outbox sent them (so a
reply before any send is no reply, and two replies to one message count once). One ordered
pass over the candidates' sent messages and e-mails received, rather than a lookup per
message. When every sent message carries `replied_at` (filled by IMAP sync), its body becomes
`SELECT id, replied_at FROM outbox_message WHERE replied_at IS NOT NULL` and nothing else
changes.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from talentdesk.core.metrics import scope
from talentdesk.core.metrics.memo import Memo
from talentdesk.core.metrics.model import Column, Figure, Filters, Row, Table
from talentdesk.core.metrics.stats import ids, rate
from talentdesk.core.metrics.templates import TemplateGuess, subject_patterns

# Times stay as the stored text (fixed width, UTC): they order as the times do.
Mail = tuple[int, str, int | None, int]  # candidate, time, outbox message id, 1: received


def mail_in_order(
    reader: sqlite3.Connection, filters: Filters, logged_out: bool = False
) -> Iterator[Mail]:
    """The outbox's sent messages and the e-mails received (and, if `logged_out`, the e-mails
    logged as sent) of candidates in scope, whatever the date: by candidate, then time; at the
    same moment an e-mail received comes first (it cannot answer what was sent with it)."""
    where, params = scope.people("candidate_id", filters)
    kinds = "'email_in', 'email_out'" if logged_out else "'email_in'"
    yield from reader.execute(
        "SELECT candidate_id, sent_at, id, 0 FROM outbox_message"
        f" WHERE status = 'sent' AND sent_at IS NOT NULL AND {where}"
        " UNION ALL SELECT candidate_id, occurred_at, NULL, kind = 'email_in' FROM interaction"
        f" WHERE kind IN ({kinds}) AND {where} ORDER BY 1, 2, 4 DESC",
        params + params,
    )


def first_replies(mail: Iterable[Mail]) -> dict[int, str]:
    """Sent message id → the time of its first reply (messages without one are absent): the
    first e-mail received after it and before the next message sent to that candidate."""
    first: dict[int, str] = {}
    candidate, last = None, None
    for cid, at, message, incoming in mail:
        if cid != candidate:
            candidate, last = cid, None
        if message is not None:
            last = message
        elif incoming and last is not None:
            first[last] = at
            last = None  # a second reply to the same message is not counted again
    return first


class Sent(NamedTuple):
    """One message the outbox sent, and its first reply (stored UTC text)."""

    id: int
    candidate_id: int
    sent_at: str
    bulk: str  # the messages queued together share it (one `queue` call: one created_at)
    pool_id: int | None
    pool: str | None
    template: str
    replied_at: str | None


def sent_messages(
    reader: sqlite3.Connection, filters: Filters, replies: dict[int, str] | None = None
) -> list[Sent]:
    """Messages sent in the date range to candidates in scope, with their first reply."""
    if replies is None:
        replies = first_replies(mail_in_order(reader, filters))
    where, params = scope.both(
        scope.in_range("m.sent_at", filters), scope.people("m.candidate_id", filters)
    )
    rows = reader.execute(
        "SELECT m.id, m.candidate_id, m.sent_at,"
        " m.created_at || '|' || coalesce(m.pool_id, '') || '|' || coalesce(m.vacancy_id, '')"
        " || '|' || m.is_feedback, m.pool_id, p.name, m.subject"
        " FROM outbox_message m LEFT JOIN pool p ON p.id = m.pool_id"
        f" WHERE m.status = 'sent' AND m.sent_at IS NOT NULL AND {where}"
        " ORDER BY m.sent_at, m.id",
        params,
    ).fetchall()
    guess = TemplateGuess(subject_patterns(reader))
    templates: dict[str, str] = {}  # a bulk's template: its first message's subject says
    for row in rows:
        if row[3] not in templates:
            templates[row[3]] = guess(row[6])
    wanted = None if filters.template is None else filters.template.strip().casefold()
    return [
        Sent(mid, cid, sent, bulk, pool_id, pool, templates[bulk], replies.get(mid))
        for mid, cid, sent, bulk, pool_id, pool, _subject in rows
        if wanted is None or templates[bulk].casefold() == wanted
    ]


COLUMNS = (
    Column("sent", "Sent"),
    Column("replied", "Replied"),
    Column("rate", "Reply rate", "%"),
)


class _Count:
    """Messages sent and replied to, and to whom."""

    def __init__(self) -> None:
        self.sent = self.replied = 0
        self.to: set[int] = set()
        self.repliers: set[int] = set()

    def add(self, other: _Count) -> None:
        self.sent += other.sent
        self.replied += other.replied
        self.to |= other.to
        self.repliers |= other.repliers

    def row(self, key: str, label: str) -> Row:
        return Row(
            key,
            label,
            {"sent": self.sent, "replied": self.replied, "rate": rate(self.replied, self.sent)},
            {"sent": ids(self.to), "replied": ids(self.repliers)},
        )


def _by_bulk_and_month(messages: list[Sent]) -> dict[tuple[str, str], _Count]:
    """One count per bulk send and month: every table is a sum of these few."""
    counts: dict[tuple[str, str], _Count] = defaultdict(_Count)
    for m in messages:
        count = counts[m.bulk, m.sent_at[:7]]
        count.sent += 1
        count.to.add(m.candidate_id)
        if m.replied_at is not None:
            count.replied += 1
            count.repliers.add(m.candidate_id)
    return counts


def shared_messages(reader: sqlite3.Connection, filters: Filters, memo: Memo) -> list[Sent]:
    """The sent messages with their replies, and the mail in order behind them, once a memo."""
    return memo.get("sent", filters, lambda: sent_messages(reader, filters, shared_replies(
        reader, filters, memo)))  # fmt: skip


def shared_mail(reader: sqlite3.Connection, filters: Filters, memo: Memo) -> list[Mail]:
    return memo.get("mail", filters, lambda: list(mail_in_order(reader, filters, True)))


def shared_replies(reader: sqlite3.Connection, filters: Filters, memo: Memo) -> dict[int, str]:
    return memo.get("replies", filters, lambda: first_replies(
        m for m in shared_mail(reader, filters, memo) if m[2] is not None or m[3]))  # fmt: skip


def reply_figure(reader: sqlite3.Connection, filters: Filters, memo: Memo | None = None) -> Figure:
    messages = shared_messages(reader, filters, memo or Memo())
    first = {m.bulk: m for m in reversed(messages)}  # each bulk's first message
    sizes: dict[str, int] = defaultdict(int)
    tables: dict[str, dict[str, tuple[str, _Count]]] = defaultdict(dict)
    everyone = _Count()
    for (bulk, month), count in _by_bulk_and_month(messages).items():
        m = first[bulk]
        sizes[bulk] += count.sent
        everyone.add(count)
        for table, key, label in (
            ("by_template", m.template, m.template),
            ("by_bulk", bulk, bulk),
            ("by_pool", str(m.pool_id or ""), m.pool or "No pool"),
            ("by_month", month, month),
        ):
            tables[table].setdefault(key, (label, _Count()))[1].add(count)

    def rows(table: str, ordered: bool = True) -> tuple[Row, ...]:
        found = tables[table]
        keys = sorted(found) if ordered else list(found)
        return tuple(found[k][1].row(k, found[k][0]) for k in keys)

    def bulk_label(row: Row) -> Row:
        m, size = first[row.key], sizes[row.key]
        where = f" · {m.pool}" if m.pool else ""
        count = "1 message" if size == 1 else f"{size} messages"
        label = f"{m.bulk.split('|')[0][:16]} · {m.template}{where} · {count}"
        return Row(row.key, label, row.values, row.people)

    note = (
        "A reply is the candidate's first e-mail received after the message and before the "
        "next one sent to them; open rates are not measured."
    )
    return Figure(
        "replies",
        "Reply rate",
        tuple(
            Table(key, title, COLUMNS, found, note)
            for key, title, found in (
                ("reply_rate", "Reply rate of sent mail", (everyone.row("all", "All mail"),)),
                ("by_template", "By template", rows("by_template")),
                ("by_bulk", "By bulk send", tuple(bulk_label(r) for r in rows("by_bulk", False))),
                ("by_pool", "By pool", rows("by_pool")),
                ("by_month", "By month", rows("by_month")),
            )
        ),
    )
