"""Time to respond: how long candidates take to reply to mail sent to them, and how long the
recruiter takes to answer a candidate's e-mail (median and 90th percentile, in hours).

One pass over the candidates' e-mails in and out serves both (see replies.py for what a reply
is)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime

from talentdesk.core.metrics import scope
from talentdesk.core.metrics.memo import Memo
from talentdesk.core.metrics.model import Column, Figure, Filters, Row, Table
from talentdesk.core.metrics.replies import Mail, Sent, shared_mail, shared_messages
from talentdesk.core.metrics.stats import ids, median, p90, rounded

COLUMNS = (
    Column("answered", "Answered"),
    Column("median", "Median", "hours"),
    Column("p90", "90th percentile", "hours"),
    Column("waiting", "Not answered yet"),
)


def hours(start: str, end: str) -> float:
    """Between two stored times."""
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds() / 3600


def _row(key: str, label: str, delays: list[tuple[int, float]], waiting: set[int]) -> Row:
    values = [h for _, h in delays]
    return Row(
        key,
        label,
        {"answered": len(values), "median": rounded(median(values)),
         "p90": rounded(p90(values)), "waiting": len(waiting)},
        {"answered": ids({c for c, _ in delays}), "waiting": ids(waiting)},
    )  # fmt: skip


def candidate_row(messages: list[Sent]) -> Row:
    """Sent (in the range) → the candidate's first reply; "waiting": no reply yet."""
    delays = [
        (m.candidate_id, hours(m.sent_at, m.replied_at))
        for m in messages
        if m.replied_at is not None
    ]
    waiting = {m.candidate_id for m in messages if m.replied_at is None}
    return _row("candidates", "Candidates (mail sent → their reply)", delays, waiting)


def recruiter_row(filters: Filters, mail: Iterable[Mail]) -> Row:
    """A candidate's e-mail received (in the range) → the next e-mail sent to them, logged or
    by the outbox. Several e-mails answered by one count once, from the first of them."""
    lo, hi = scope.range_text(filters)
    delays: list[tuple[int, float]] = []
    waiting: set[int] = set()
    candidate, asked = None, None
    for cid, at, _message, incoming in mail:
        if cid != candidate:
            if asked is not None and lo <= asked < hi:
                waiting.add(candidate)  # type: ignore[arg-type]
            candidate, asked = cid, None
        if incoming:
            asked = asked or at
        elif asked is not None:
            if lo <= asked < hi:
                delays.append((cid, hours(asked, at)))
            asked = None
    if asked is not None and lo <= asked < hi:
        waiting.add(candidate)  # type: ignore[arg-type]
    return _row("recruiter", "Recruiter (candidate's e-mail → answer)", delays, waiting)


def response_figure(
    reader: sqlite3.Connection, filters: Filters, memo: Memo | None = None
) -> Figure:
    memo = memo or Memo()
    messages = shared_messages(reader, filters, memo)
    mail = shared_mail(reader, filters, memo)
    table = Table(
        "response_times",
        "Time to respond",
        COLUMNS,
        (candidate_row(messages), recruiter_row(filters, mail)),
        "Hours from a message to its answer; the 90th percentile is the nearest rank.",
    )
    return Figure("response_times", "Time to respond", (table,))
