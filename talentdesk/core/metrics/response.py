"""Time to respond: how long candidates take to reply to mail sent to them, and how long the
recruiter takes to answer a candidate's e-mail (median and 90th percentile, in hours)."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from talentdesk.core.db.datetimes import from_db
from talentdesk.core.metrics import scope
from talentdesk.core.metrics.model import Column, Figure, Filters, Row, Table
from talentdesk.core.metrics.replies import sent_messages
from talentdesk.core.metrics.stats import ids, median, p90, rounded

# The recruiter's answer to a candidate's e-mail `i`: the next e-mail sent to them, logged on
# the timeline ("e-mail sent") or sent by the outbox (feedback mail is logged as feedback).
_ANSWER_SQL = (
    "(SELECT min(o.occurred_at) FROM interaction o WHERE o.candidate_id = i.candidate_id"
    " AND o.kind = 'email_out' AND o.occurred_at > i.occurred_at),"
    " (SELECT min(n.sent_at) FROM outbox_message n WHERE n.candidate_id = i.candidate_id"
    " AND n.status = 'sent' AND n.sent_at > i.occurred_at)"
)

COLUMNS = (
    Column("answered", "Answered"),
    Column("median", "Median", "hours"),
    Column("p90", "90th percentile", "hours"),
    Column("waiting", "Not answered yet"),
)


def _hours(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 3600


def _row(key: str, label: str, delays: list[tuple[int, float]], waiting: set[int]) -> Row:
    hours = [h for _, h in delays]
    return Row(
        key,
        label,
        {"answered": len(hours), "median": rounded(median(hours)), "p90": rounded(p90(hours)),
         "waiting": len(waiting)},
        {"answered": ids({c for c, _ in delays}), "waiting": ids(waiting)},
    )  # fmt: skip


def candidate_row(reader: sqlite3.Connection, filters: Filters) -> Row:
    """Sent (in the range) → the candidate's first reply; "waiting": no reply yet."""
    messages = sent_messages(reader, filters)
    delays = [
        (m.candidate_id, _hours(m.sent_at, m.replied_at))
        for m in messages
        if m.replied_at is not None
    ]
    waiting = {m.candidate_id for m in messages if m.replied_at is None}
    return _row("candidates", "Candidates (mail sent → their reply)", delays, waiting)


def recruiter_row(reader: sqlite3.Connection, filters: Filters) -> Row:
    """A candidate's e-mail received (in the range) → the next e-mail sent to them. Several
    e-mails answered by one count once, from the first of them."""
    where, params = scope.both(
        scope.in_range("i.occurred_at", filters), scope.people("i.candidate_id", filters)
    )
    first: dict[tuple[int, str | None], str] = {}
    for cid, received, logged, sent in reader.execute(
        f"SELECT i.candidate_id, i.occurred_at, {_ANSWER_SQL} FROM interaction i"
        f" WHERE i.kind = 'email_in' AND {where} ORDER BY i.occurred_at",
        params,
    ):
        answer = min((t for t in (logged, sent) if t is not None), default=None)
        first.setdefault((cid, answer), received)
    delays = [
        (cid, _hours(from_db(received), from_db(answer)))
        for (cid, answer), received in first.items()
        if answer is not None
    ]
    waiting = {cid for (cid, answer) in first if answer is None}
    return _row("recruiter", "Recruiter (candidate's e-mail → answer)", delays, waiting)


def response_figure(reader: sqlite3.Connection, filters: Filters) -> Figure:
    table = Table(
        "response_times",
        "Time to respond",
        COLUMNS,
        (candidate_row(reader, filters), recruiter_row(reader, filters)),
        "Hours from a message to its answer; the 90th percentile is the nearest rank.",
    )
    return Figure("response_times", "Time to respond", (table,))
