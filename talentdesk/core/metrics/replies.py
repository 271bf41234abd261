"""Reply rates of sent mail: by template, by bulk send, by pool and by month.

A reply is what the outbox records, nothing guessed: `outbox_message.replied_at`, the time of
the first reply to that message, set by the IMAP sync (In-Reply-To / References) and by a
reply logged against it. So an e-mail received before any send answers nothing, and two
replies to one message count once. The template is `outbox_message.template_name`, stored
when the message was queued (none: the recruiter's own words).

The database does the counting: one GROUP BY per bulk send and month (a few thousand groups over
100,000 messages), the candidates behind each as text; every table is a sum of those groups.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from talentdesk.core.db.reader import ReadConnection, on_server
from talentdesk.core.metrics import dialect, scope
from talentdesk.core.metrics.memo import Memo
from talentdesk.core.metrics.model import Column, Figure, Filters, Row, Table
from talentdesk.core.metrics.stats import People, rate

NO_TEMPLATE = "No template (own words)"
SENT = "m.status = 'sent' AND m.sent_at IS NOT NULL"


def sent_scope(filters: Filters, server: bool = False) -> scope.Sql:
    """Messages sent in the date range, to candidates in scope, from the filtered template."""
    where, params = scope.both(
        scope.in_range("m.sent_at", filters, server),
        scope.people("m.candidate_id", filters, server),
    )
    if filters.template is not None:
        where += f" AND {dialect.ascii_nocase(server, 'm.template_name')}"
        params.append(filters.template.strip())
    return f"{SENT} AND {where}", params


@dataclass
class Group:
    """The messages of one bulk send in one month (or a sum of such groups): how many, and to
    whom (each group's people kept apart as the database wrote them, read only if someone looks)."""

    sent: int = 0
    replied: int = 0
    to: list[str | None] = field(default_factory=list)
    repliers: list[str | None] = field(default_factory=list)

    def add(self, other: Group) -> None:
        self.sent += other.sent
        self.replied += other.replied
        self.to += other.to
        self.repliers += other.repliers

    def row(self, key: str, label: str) -> Row:
        return Row(
            key,
            label,
            {"sent": self.sent, "replied": self.replied, "rate": rate(self.replied, self.sent)},
            {"sent": People(lambda: _joined(self.to)),
             "replied": People(lambda: _joined(self.repliers))},
        )  # fmt: skip


@dataclass(frozen=True)
class Bulk:
    """The messages queued together (one `queue` call: one created_at, pool, vacancy, kind)."""

    key: str
    queued: str
    pool_id: int | None
    pool: str | None
    template: str


# What one `queue` call's messages share: a bulk send.
_BULK = "m.created_at, m.pool_id, m.vacancy_id, m.is_feedback, m.template_name"


def _joined(texts: list[str | None]) -> Iterator[int]:
    """The ids in the database's comma-separated lists (group_concat, string_agg)."""
    return (int(cid) for text in texts if text for cid in text.split(","))


def bulk_groups(
    reader: ReadConnection, filters: Filters
) -> tuple[dict[str, Bulk], dict[tuple[str, str], Group]]:
    """Each bulk send (in the order its first message was sent), and its count per month."""
    server = on_server(reader)
    where, params = sent_scope(filters, server)
    bulks: dict[str, Bulk] = {}
    groups: dict[tuple[str, str], Group] = {}
    for (
        queued,
        pool_id,
        vacancy_id,
        feedback,
        template,
        month,
        pool,
        n,
        replied,
        to,
        repliers,
    ) in reader.execute(_server_groups(where) if server else (
        f"SELECT {_BULK}, substr(m.sent_at, 1, 7), p.name, count(*), count(m.replied_at),"
        " group_concat(m.candidate_id),"
        " group_concat(CASE WHEN m.replied_at IS NOT NULL THEN m.candidate_id END)"
        " FROM outbox_message m LEFT JOIN pool p ON p.id = m.pool_id"
        f" WHERE {where} GROUP BY {_BULK}, 6 ORDER BY min(m.sent_at), min(m.id)"
    ), params):  # fmt: skip
        key = f"{queued}|{pool_id or ''}|{vacancy_id or ''}|{feedback}|{template or ''}"
        if key not in bulks:
            bulks[key] = Bulk(key, queued, pool_id, pool, template or NO_TEMPLATE)
        groups[key, month] = Group(n, replied, [to], [repliers])
    return bulks, groups


def _server_groups(where: str) -> str:
    """bulk_groups' statement on a team database: the queue time as SQLite's text, the
    feedback flag as its 0 or 1 (both are in a bulk send's key), ids as text lists."""
    queued = dialect.as_text(True, "m.created_at")
    return (
        f"SELECT {queued}, m.pool_id, m.vacancy_id, CAST(m.is_feedback AS integer),"
        f" m.template_name, {dialect.month(True, 'm.sent_at')}, p.name, count(*),"
        f" count(m.replied_at), {dialect.id_list(True, 'm.candidate_id')},"
        f" {dialect.id_list(True, 'CASE WHEN m.replied_at IS NOT NULL THEN m.candidate_id END')}"
        " FROM outbox_message m LEFT JOIN pool p ON p.id = m.pool_id"
        f" WHERE {where} GROUP BY {_BULK}, 6, p.name ORDER BY min(m.sent_at), min(m.id)"
    )


def shared_groups(
    reader: ReadConnection, filters: Filters, memo: Memo
) -> tuple[dict[str, Bulk], dict[tuple[str, str], Group]]:
    return memo.get("bulk_groups", filters, lambda: bulk_groups(reader, filters))


COLUMNS = (
    Column("sent", "Sent"),
    Column("replied", "Replied"),
    Column("rate", "Reply rate", "%"),
)
NOTE = (
    "A reply is one the mailbox sync matched to the message (or one logged against it); "
    "open rates are not measured."
)


def reply_figure(reader: ReadConnection, filters: Filters, memo: Memo | None = None) -> Figure:
    bulks, groups = shared_groups(reader, filters, memo or Memo())
    tables: dict[str, dict[str, tuple[str, Group]]] = defaultdict(dict)
    everyone = Group()
    for (key, month), group in groups.items():
        bulk = bulks[key]
        everyone.add(group)
        for table, row_key, label in (
            ("by_template", bulk.template, bulk.template),
            ("by_bulk", key, key),
            ("by_pool", str(bulk.pool_id or ""), bulk.pool or "No pool"),
            ("by_month", month, month),
        ):
            tables[table].setdefault(row_key, (label, Group()))[1].add(group)

    def rows(table: str, ordered: bool = True) -> tuple[Row, ...]:
        found = tables[table]
        keys = sorted(found) if ordered else list(found)
        return tuple(found[k][1].row(k, found[k][0]) for k in keys)

    def bulk_label(row: Row) -> Row:
        bulk, size = bulks[row.key], row.values["sent"]
        where = f" · {bulk.pool}" if bulk.pool else ""
        count = "1 message" if size == 1 else f"{size} messages"
        label = f"{bulk.queued[:16]} · {bulk.template}{where} · {count}"
        return Row(row.key, label, row.values, row.people)

    return Figure(
        "replies",
        "Reply rate",
        tuple(
            Table(key, title, COLUMNS, found, NOTE)
            for key, title, found in (
                ("reply_rate", "Reply rate of sent mail", (everyone.row("all", "All mail"),)),
                ("by_template", "By template", rows("by_template")),
                ("by_bulk", "By bulk send", tuple(bulk_label(r) for r in rows("by_bulk", False))),
                ("by_pool", "By pool", rows("by_pool")),
                ("by_month", "By month", rows("by_month")),
            )
        ),
    )
