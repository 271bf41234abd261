"""Reply rates of sent mail: by template, by bulk send, by pool and by month.

A reply is recognised in ONE place, `first_replies`: the first "e-mail received" of the
candidate after the message was sent and before the next message the outbox sent them (so a
reply before any send is no reply, and two replies to one message count once). One pass over
the candidates' e-mails and the sent messages, merged in order, rather than a lookup per
message. When every sent message carries `replied_at` (filled by IMAP sync), its body becomes
`SELECT id, replied_at FROM outbox_message WHERE replied_at IS NOT NULL` and nothing else
changes.
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from talentdesk.core.metrics import scope
from talentdesk.core.metrics.model import Column, Figure, Filters, Row, Table
from talentdesk.core.metrics.stats import ids, rate
from talentdesk.core.metrics.templates import TemplateGuess, subject_patterns

# Times stay as the stored text (fixed width, UTC): they order as the times do.
Sends = dict[int, tuple[list[str], list[int]]]  # candidate → sent times, message ids (in order)


def sends_by_candidate(reader: sqlite3.Connection, filters: Filters) -> Sends:
    """Every message the outbox sent to candidates in scope, whatever the date or template:
    the next message bounds a reply to the one before it."""
    where, params = scope.people("candidate_id", filters)
    found: Sends = {}
    for cid, sent, mid in reader.execute(
        "SELECT candidate_id, sent_at, id FROM outbox_message"
        f" WHERE status = 'sent' AND sent_at IS NOT NULL AND {where}"
        " ORDER BY candidate_id, sent_at, id",
        params,
    ):
        times, messages = found.setdefault(cid, ([], []))
        times.append(sent)
        messages.append(mid)
    return found


def answered_by(sends: Sends, cid: int, at: str) -> int | None:
    """The message an e-mail received at `at` answers: the last one sent before it."""
    mine = sends.get(cid)
    if mine is None:
        return None
    index = bisect_left(mine[0], at) - 1
    return None if index < 0 else mine[1][index]


def first_replies(
    reader: sqlite3.Connection, filters: Filters, sends: Sends | None = None
) -> dict[int, str]:
    """Sent message id → the time of its first reply (messages without one are absent)."""
    sends = sends_by_candidate(reader, filters) if sends is None else sends
    where, params = scope.people("candidate_id", filters)
    return replies_among(
        sends,
        reader.execute(
            "SELECT candidate_id, occurred_at FROM interaction"
            f" WHERE kind = 'email_in' AND {where}",
            params,
        ),
    )


def replies_among(sends: Sends, received: Iterable[tuple[int, str]]) -> dict[int, str]:
    """Each e-mail received answers the last message sent before it; a message's reply is the
    first of those."""
    first: dict[int, str] = {}
    for cid, at in received:
        message = answered_by(sends, cid, at)
        if message is not None and (message not in first or at < first[message]):
            first[message] = at
    return first


@dataclass(frozen=True)
class Sent:
    """One message the outbox sent, and its first reply (stored UTC text)."""

    id: int
    candidate_id: int
    sent_at: str
    bulk: str  # the messages queued together share it (one `queue` call: one created_at)
    bulk_size: int
    pool_id: int | None
    pool: str | None
    template: str
    replied_at: str | None


def sent_messages(
    reader: sqlite3.Connection, filters: Filters, replies: dict[int, str] | None = None
) -> list[Sent]:
    """Messages sent in the date range to candidates in scope, with their first reply."""
    replies = first_replies(reader, filters) if replies is None else replies
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
    sizes: dict[str, int] = defaultdict(int)
    for row in rows:
        if row[3] not in templates:
            templates[row[3]] = guess(row[6])
        sizes[row[3]] += 1
    wanted = None if filters.template is None else filters.template.strip().casefold()
    return [
        Sent(mid, cid, sent, bulk, sizes[bulk], pool_id, pool, templates[bulk], replies.get(mid))
        for mid, cid, sent, bulk, pool_id, pool, _subject in rows
        if wanted is None or templates[bulk].casefold() == wanted
    ]


COLUMNS = (
    Column("sent", "Sent"),
    Column("replied", "Replied"),
    Column("rate", "Reply rate", "%"),
)


def _rows(
    messages: Iterable[Sent], key: Callable[[Sent], tuple[str, str]], ordered: bool = False
) -> tuple[Row, ...]:
    groups: dict[str, tuple[str, list[Sent]]] = {}
    for m in messages:
        k, label = key(m)
        groups.setdefault(k, (label, []))[1].append(m)
    keys = sorted(groups) if ordered else list(groups)
    return tuple(_row(k, *groups[k]) for k in keys)


def _row(key: str, label: str, messages: list[Sent]) -> Row:
    replied = [m for m in messages if m.replied_at is not None]
    return Row(
        key,
        label,
        {"sent": len(messages), "replied": len(replied), "rate": rate(len(replied), len(messages))},
        {"sent": ids({m.candidate_id for m in messages}),
         "replied": ids({m.candidate_id for m in replied})},
    )  # fmt: skip


def _bulk_label(m: Sent) -> str:
    where = f" · {m.pool}" if m.pool else ""
    count = "1 message" if m.bulk_size == 1 else f"{m.bulk_size} messages"
    return f"{m.bulk.split('|')[0][:16]} · {m.template}{where} · {count}"


def reply_figure(reader: sqlite3.Connection, filters: Filters) -> Figure:
    messages = sent_messages(reader, filters)
    note = (
        "A reply is the candidate's first e-mail received after the message and before the "
        "next one sent to them; open rates are not measured."
    )

    def table(key: str, title: str, rows: tuple[Row, ...]) -> Table:
        return Table(key, title, COLUMNS, rows, note)

    return Figure(
        "replies",
        "Reply rate",
        (
            table("reply_rate", "Reply rate of sent mail", (_row("all", "All mail", messages),)),
            table("by_template", "By template",
                  _rows(messages, lambda m: (m.template, m.template), ordered=True)),
            table("by_bulk", "By bulk send", _rows(messages, lambda m: (m.bulk, _bulk_label(m)))),
            table("by_pool", "By pool", _rows(
                messages, lambda m: (str(m.pool_id or ""), m.pool or "No pool"), ordered=True)),
            table("by_month", "By month", _rows(
                messages, lambda m: (m.sent_at[:7],) * 2, ordered=True)),
        ),
    )  # fmt: skip
