"""Time to respond: how long candidates take to reply to mail sent to them, and how long the
recruiter takes to answer a candidate's e-mail (median and 90th percentile, in hours).

One pass over the candidates' e-mails in and out serves both (see replies.py for what a reply
is)."""

from __future__ import annotations

import sqlite3
from bisect import bisect_right
from collections import defaultdict
from datetime import datetime

from talentdesk.core.metrics import scope
from talentdesk.core.metrics.model import Column, Figure, Filters, Row, Table
from talentdesk.core.metrics.replies import Sends, replies_among, sends_by_candidate, sent_messages
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


def _mail(
    reader: sqlite3.Connection, filters: Filters
) -> tuple[list[tuple[int, str]], dict[int, list[str]]]:
    """Candidates' e-mails received (in order), and e-mails logged as sent, by candidate."""
    where, params = scope.people("candidate_id", filters)
    received: list[tuple[int, str]] = []
    sent: dict[int, list[str]] = defaultdict(list)
    for cid, kind, at in reader.execute(
        "SELECT candidate_id, kind, occurred_at FROM interaction"
        f" WHERE kind IN ('email_in', 'email_out') AND {where}",
        params,
    ):
        if kind == "email_in":
            received.append((cid, at))
        else:
            sent[cid].append(at)
    received.sort(key=lambda r: r[1])
    return received, sent


def candidate_row(reader: sqlite3.Connection, filters: Filters, replies: dict[int, str]) -> Row:
    """Sent (in the range) → the candidate's first reply; "waiting": no reply yet."""
    messages = sent_messages(reader, filters, replies)
    delays = [
        (m.candidate_id, hours(m.sent_at, m.replied_at))
        for m in messages
        if m.replied_at is not None
    ]
    waiting = {m.candidate_id for m in messages if m.replied_at is None}
    return _row("candidates", "Candidates (mail sent → their reply)", delays, waiting)


def recruiter_row(
    filters: Filters, received: list[tuple[int, str]], logged: dict[int, list[str]], sends: Sends
) -> Row:
    """A candidate's e-mail received (in the range) → the next e-mail sent to them, logged or
    by the outbox. Several e-mails answered by one count once, from the first of them."""
    lo, hi = scope.range_text(filters)
    outgoing: dict[int, list[str]] = {}
    first: dict[tuple[int, str | None], str] = {}
    for cid, at in received:
        if not lo <= at < hi:
            continue
        times = outgoing.get(cid)
        if times is None:
            times = outgoing[cid] = sorted(logged.get(cid, []) + sends.get(cid, ([], []))[0])
        index = bisect_right(times, at)
        answer = times[index] if index < len(times) else None
        first.setdefault((cid, answer), at)
    delays = [
        (cid, hours(asked, answer)) for (cid, answer), asked in first.items() if answer is not None
    ]
    waiting = {cid for (cid, answer) in first if answer is None}
    return _row("recruiter", "Recruiter (candidate's e-mail → answer)", delays, waiting)


def response_figure(reader: sqlite3.Connection, filters: Filters) -> Figure:
    sends = sends_by_candidate(reader, filters)
    received, logged = _mail(reader, filters)
    replies = replies_among(sends, received)
    table = Table(
        "response_times",
        "Time to respond",
        COLUMNS,
        (candidate_row(reader, filters, replies), recruiter_row(filters, received, logged, sends)),
        "Hours from a message to its answer; the 90th percentile is the nearest rank.",
    )
    return Figure("response_times", "Time to respond", (table,))
