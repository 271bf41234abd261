"""Time to respond: how long candidates take to reply to mail sent to them, and how long the
recruiter takes to answer a candidate's e-mail (median and 90th percentile, in hours).

Candidates: each sent message to its first reply, as the outbox recorded it (see replies.py).
The recruiter: each e-mail received to the next answer, found in SQL."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from talentdesk.core.metrics import scope
from talentdesk.core.metrics.memo import Memo
from talentdesk.core.metrics.model import Column, Figure, Filters, Row, Table
from talentdesk.core.metrics.replies import sent_scope
from talentdesk.core.metrics.stats import ids, median, p90, rounded

COLUMNS = (
    Column("answered", "Answered"),
    Column("median", "Median", "hours"),
    Column("p90", "90th percentile", "hours"),
    Column("waiting", "Not answered yet"),
)
# Times stay as the stored text (fixed width, UTC): they order as the times do.


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


def candidate_row(reader: sqlite3.Connection, filters: Filters) -> Row:
    """Sent (in the range) → the candidate's first reply (`replied_at`); "waiting": no reply
    yet. A reply dated before its message was sent (the server's clock ahead of this
    computer's) took no time."""
    where, params = sent_scope(filters)
    delays = reader.execute(
        "SELECT m.candidate_id, max(julianday(m.replied_at) - julianday(m.sent_at), 0) * 24"
        f" FROM outbox_message m WHERE {where} AND m.replied_at IS NOT NULL",
        params,
    ).fetchall()
    waiting = {cid for (cid,) in reader.execute(
        f"SELECT DISTINCT m.candidate_id FROM outbox_message m WHERE {where}"
        " AND m.replied_at IS NULL", params)}  # fmt: skip
    return _row("candidates", "Candidates (mail sent → their reply)", delays, waiting)


# Each e-mail received (of a candidate in scope, by candidate and time) with the recruiter's
# answer: the first e-mail sent or feedback given at or after it (at the same moment the e-mail
# received comes first: it cannot answer what was sent with it), a seek on the timeline's index.
_ANSWERS = (
    "SELECT i.candidate_id, i.occurred_at, (SELECT o.occurred_at FROM interaction o"
    " WHERE o.candidate_id = i.candidate_id AND o.kind IN ('email_out', 'feedback')"
    " AND o.occurred_at >= i.occurred_at ORDER BY o.occurred_at LIMIT 1)"
    " FROM interaction i WHERE i.kind = 'email_in' AND {where}"
    " ORDER BY i.candidate_id, i.occurred_at"
)


def recruiter_row(reader: sqlite3.Connection, filters: Filters) -> Row:
    """A candidate's e-mail received (in the range) → the next e-mail sent to them or feedback
    given, whatever its date. Several e-mails answered by one count once, from the first."""
    where, params = scope.people("i.candidate_id", filters)
    lo, hi = scope.range_text(filters)
    delays: list[tuple[int, float]] = []
    waiting: set[int] = set()
    question: tuple[int, str | None] | None = None
    for cid, asked, answer in reader.execute(_ANSWERS.format(where=where), params):
        if (cid, answer) == question:
            continue  # answered by the same e-mail as the one before
        question = cid, answer
        if lo <= asked < hi:
            if answer is None:
                waiting.add(cid)
            else:
                delays.append((cid, hours(asked, answer)))
    return _row("recruiter", "Recruiter (candidate's e-mail → answer)", delays, waiting)


def response_figure(
    reader: sqlite3.Connection, filters: Filters, memo: Memo | None = None
) -> Figure:
    table = Table(
        "response_times",
        "Time to respond",
        COLUMNS,
        (candidate_row(reader, filters), recruiter_row(reader, filters)),
        "Hours from a message to its answer; the 90th percentile is the nearest rank.",
    )
    return Figure("response_times", "Time to respond", (table,))
