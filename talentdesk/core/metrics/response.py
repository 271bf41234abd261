"""Time to respond: how long candidates take to reply to mail sent to them, and how long the
recruiter takes to answer a candidate's e-mail (median and 90th percentile, in hours).

Candidates: each sent message to its first reply, as the outbox recorded it (see replies.py).
The recruiter: one pass over the candidates' e-mails in and out, in time order."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
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
Mail = tuple[int, str, int]  # candidate, time, 1: received


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


def mail_in_order(reader: sqlite3.Connection, filters: Filters) -> Iterator[Mail]:
    """The e-mails received, and the recruiter's answers (an e-mail sent, logged, synced from
    the Sent folder or by the outbox, or feedback given), of candidates in scope, whatever the
    date: by candidate, then time; at the same moment an e-mail received comes first (it
    cannot answer what was sent with it). In the order of the timeline's index, which holds
    the kind too: no sort, no row read."""
    where, params = scope.people("candidate_id", filters)
    yield from reader.execute(
        "SELECT candidate_id, occurred_at, kind = 'email_in' FROM interaction"
        f" WHERE kind IN ('email_in', 'email_out', 'feedback') AND {where}"
        " ORDER BY candidate_id, occurred_at, kind",
        params,
    )


def recruiter_row(filters: Filters, mail: Iterable[Mail]) -> Row:
    """A candidate's e-mail received (in the range) → the next e-mail sent to them or feedback
    given. Several e-mails answered by one count once, from the first of them."""
    lo, hi = scope.range_text(filters)
    delays: list[tuple[int, float]] = []
    waiting: set[int] = set()
    candidate, asked = None, None
    for cid, at, incoming in mail:
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
    table = Table(
        "response_times",
        "Time to respond",
        COLUMNS,
        (candidate_row(reader, filters), recruiter_row(filters, mail_in_order(reader, filters))),
        "Hours from a message to its answer; the 90th percentile is the nearest rank.",
    )
    return Figure("response_times", "Time to respond", (table,))
