"""Reply rates of sent mail: by template, by bulk send, by pool and by month.

A reply is recognised in ONE place, `FIRST_REPLY_SQL`: the first "e-mail received" of the
candidate after the message was sent and before the next message the outbox sent them (so a
reply before any send is no reply, and two replies to one message count once). When every
sent message carries `replied_at` (filled by IMAP sync), that expression becomes
"m.replied_at" and nothing else changes.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from talentdesk.core.db.datetimes import from_db
from talentdesk.core.metrics import scope
from talentdesk.core.metrics.model import Column, Figure, Filters, Row, Table
from talentdesk.core.metrics.stats import ids, rate
from talentdesk.core.metrics.templates import TemplateGuess, subject_patterns

# The time of the first reply to the sent message `m` (NULL: none yet). No next message: a
# far date written as a date ('9999' alone would become a number and compare below any text).
FIRST_REPLY_SQL = (
    "(SELECT min(i.occurred_at) FROM interaction i"
    " WHERE i.candidate_id = m.candidate_id AND i.kind = 'email_in'"
    " AND i.occurred_at > m.sent_at AND i.occurred_at < coalesce(("
    "SELECT min(n.sent_at) FROM outbox_message n WHERE n.candidate_id = m.candidate_id"
    " AND n.status = 'sent' AND n.sent_at > m.sent_at), '9999-12-31'))"
)


@dataclass(frozen=True)
class Sent:
    """One message the outbox sent, and its first reply."""

    id: int
    candidate_id: int
    sent_at: datetime
    bulk: str  # the messages queued together share it (one `queue` call: one created_at)
    bulk_size: int
    pool_id: int | None
    pool: str | None
    template: str
    replied_at: datetime | None


def sent_messages(reader: sqlite3.Connection, filters: Filters) -> list[Sent]:
    """Messages sent in the date range to candidates in scope, with their first reply."""
    where, params = scope.both(
        scope.in_range("m.sent_at", filters), scope.people("m.candidate_id", filters)
    )
    rows = reader.execute(
        "SELECT m.id, m.candidate_id, m.sent_at,"
        " m.created_at || '|' || coalesce(m.pool_id, '') || '|' || coalesce(m.vacancy_id, '')"
        " || '|' || m.is_feedback, m.pool_id, p.name, m.subject,"
        f" {FIRST_REPLY_SQL}"
        " FROM outbox_message m LEFT JOIN pool p ON p.id = m.pool_id"
        f" WHERE m.status = 'sent' AND m.sent_at IS NOT NULL AND {where}"
        " ORDER BY m.sent_at, m.id",
        params,
    ).fetchall()
    guess = TemplateGuess(subject_patterns(reader))
    templates: dict[str, str] = {}  # a bulk's template: its first message's subject says
    sizes: dict[str, int] = defaultdict(int)
    for row in rows:
        templates.setdefault(row[3], guess(row[6]))
        sizes[row[3]] += 1
    wanted = None if filters.template is None else filters.template.strip().casefold()
    return [
        Sent(mid, cid, from_db(sent), bulk, sizes[bulk], pool_id, pool, templates[bulk],
             from_db(replied))
        for mid, cid, sent, bulk, pool_id, pool, _subject, replied in rows
        if wanted is None or templates[bulk].casefold() == wanted
    ]  # fmt: skip


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
                messages, lambda m: (m.sent_at.strftime("%Y-%m"),) * 2, ordered=True)),
        ),
    )  # fmt: skip
