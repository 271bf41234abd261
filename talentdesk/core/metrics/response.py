"""Time to respond: how long candidates take to reply to mail sent to them, and how long the
recruiter takes to answer a candidate's e-mail (median and 90th percentile, in hours).

Candidates: each sent message to its first reply, as the outbox recorded it (see replies.py).
The recruiter: each e-mail received to the next answer, found in SQL."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from datetime import datetime

from talentdesk.core.metrics import scope
from talentdesk.core.metrics.lookup import Lookup
from talentdesk.core.metrics.model import Column, Figure, Filters, Row, Table
from talentdesk.core.metrics.replies import sent_scope
from talentdesk.core.metrics.stats import median, p90, rounded

COLUMNS = (
    Column("answered", "Answered"),
    Column("median", "Median", "hours"),
    Column("p90", "90th percentile", "hours"),
    Column("waiting", "Not answered yet"),
)
# Times stay as the stored text (fixed width, UTC): they order as the times do.


def _row(
    key: str, label: str, delays: list[float], waiting: int, people: dict[str, Sequence[int]]
) -> Row:
    return Row(
        key,
        label,
        {"answered": len(delays), "median": rounded(median(delays)),
         "p90": rounded(p90(delays)), "waiting": waiting},
        people,
    )  # fmt: skip


def candidate_row(reader: sqlite3.Connection, filters: Filters, lookup: Lookup) -> Row:
    """Sent (in the range) → the candidate's first reply (`replied_at`); "waiting": no reply
    yet. A reply dated before its message was sent (the server's clock ahead of this
    computer's) took no time."""
    where, params = sent_scope(filters)
    delays = [h for (h,) in reader.execute(
        "SELECT max(julianday(m.replied_at) - julianday(m.sent_at), 0) * 24"
        f" FROM outbox_message m WHERE {where} AND m.replied_at IS NOT NULL", params)]  # fmt: skip
    waiting = f"SELECT DISTINCT m.candidate_id FROM outbox_message m WHERE {where} AND m.replied_at"
    (count,) = reader.execute(f"SELECT count(*) FROM ({waiting} IS NULL)", params).fetchone()
    people: dict[str, Sequence[int]] = {"answered": lookup.people(f"{waiting} IS NOT NULL", params),
              "waiting": lookup.people(f"{waiting} IS NULL", params)}  # fmt: skip
    return _row("candidates", "Candidates (mail sent → their reply)", delays, count, people)


# Each e-mail received (of a candidate in scope, by candidate and time) with the recruiter's
# answer: the first e-mail sent or feedback given at or after it (at the same moment the e-mail
# received comes first: it cannot answer what was sent with it), a seek on the timeline's index.
# In the index's order, so no sort (grouping by the answer in SQL sorted and took longer).
_ANSWERS = (
    "SELECT i.candidate_id, i.occurred_at, (SELECT o.occurred_at FROM interaction o"
    " WHERE o.candidate_id = i.candidate_id AND o.kind IN ('email_out', 'feedback')"
    " AND o.occurred_at >= i.occurred_at ORDER BY o.occurred_at LIMIT 1)"
    " FROM interaction i WHERE i.kind = 'email_in' AND {where}"
    " ORDER BY i.candidate_id, i.occurred_at"
)


def hours(start: str, end: str) -> float:
    """Between two stored times."""
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds() / 3600


def recruiter_row(reader: sqlite3.Connection, filters: Filters, lookup: Lookup) -> Row:
    """A candidate's e-mail received (in the range) → the next e-mail sent to them or feedback
    given, whatever its date. Several e-mails answered by one count once, from the first."""
    where, params = scope.people("i.candidate_id", filters)
    lo, hi = scope.range_text(filters)
    delays: list[float] = []
    waiting = 0  # a candidate's unanswered e-mails share the answer None: one each
    question: tuple[int, str | None] | None = None
    for cid, asked, answer in reader.execute(_ANSWERS.format(where=where), params):
        if (cid, answer) == question:
            continue  # answered by the same e-mail as the one before
        question = cid, answer
        if lo <= asked < hi:
            if answer is None:
                waiting += 1
            else:
                delays.append(hours(asked, answer))
    sql = _ANSWERS.format(where=where)
    people: dict[str, Sequence[int]] = {
        "answered": lookup.computed(lambda r: _asked(r, sql, params, lo, hi, answered=True)),
        "waiting": lookup.computed(lambda r: _asked(r, sql, params, lo, hi, answered=False)),
    }
    return _row("recruiter", "Recruiter (candidate's e-mail → answer)", delays, waiting, people)


def _asked(
    reader: sqlite3.Connection, sql: str, params: list[object], lo: str, hi: str, answered: bool
) -> Iterator[int]:
    """The candidates behind a recruiter number: the same pass, keeping ids (when asked for)."""
    question: tuple[int, str | None] | None = None
    for cid, asked, answer in reader.execute(sql, params):
        if (cid, answer) != question:
            question = cid, answer
            if lo <= asked < hi and (answer is not None) == answered:
                yield cid


def response_figure(
    reader: sqlite3.Connection, filters: Filters, lookup: Lookup | None = None
) -> Figure:
    lookup = lookup or Lookup.over(reader)
    table = Table(
        "response_times",
        "Time to respond",
        COLUMNS,
        (candidate_row(reader, filters, lookup), recruiter_row(reader, filters, lookup)),
        "Hours from a message to its answer; the 90th percentile is the nearest rank.",
    )
    return Figure("response_times", "Time to respond", (table,))
