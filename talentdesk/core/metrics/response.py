"""Time to respond: how long candidates take to reply to mail sent to them, and how long the
recruiter takes to answer a candidate's e-mail (median and 90th percentile, in hours).

Candidates: each sent message to its first reply, as the outbox recorded it (see replies.py).
The recruiter: each e-mail received to the next answer, from the `mail_question` summary."""

from __future__ import annotations

from collections.abc import Sequence

from talentdesk.core.db.reader import ReadConnection, on_server
from talentdesk.core.metrics import scope
from talentdesk.core.metrics.dialect import alias, julian_day
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


def candidate_row(reader: ReadConnection, filters: Filters, lookup: Lookup) -> Row:
    """Sent (in the range) → the candidate's first reply (`replied_at`); "waiting": no reply
    yet. A reply dated before its message was sent (the server's clock ahead of this
    computer's) took no time."""
    server = on_server(reader)
    where, params = sent_scope(filters, server)
    replied = f"FROM outbox_message m WHERE {where} AND m.replied_at IS NOT NULL"
    if server:  # the difference of SQLite's Julian days, then its max() and product in Python
        spent = f"{julian_day(True, 'm.replied_at')} - {julian_day(True, 'm.sent_at')}"
        found = reader.execute(f"SELECT {spent} {replied}", params)
        delays = [max(d, 0) * 24 for (d,) in found]
    else:
        found = reader.execute(
            f"SELECT max(julianday(m.replied_at) - julianday(m.sent_at), 0) * 24 {replied}", params
        )
        delays = [h for (h,) in found]
    waiting = f"SELECT DISTINCT m.candidate_id FROM outbox_message m WHERE {where} AND m.replied_at"
    (count,) = reader.execute(
        f"SELECT count(*) FROM ({waiting} IS NULL){alias(server)}", params
    ).fetchone()
    people: dict[str, Sequence[int]] = {"answered": lookup.people(f"{waiting} IS NOT NULL", params),
              "waiting": lookup.people(f"{waiting} IS NULL", params)}  # fmt: skip
    return _row("candidates", "Candidates (mail sent → their reply)", delays, count, people)


def recruiter_row(reader: ReadConnection, filters: Filters, lookup: Lookup) -> Row:
    """A candidate's e-mail received (in the range) → the next e-mail sent to them or feedback
    given, whatever its date. Several e-mails answered by one count once, from the first; a
    candidate's unanswered e-mails count once. Read from `mail_question`, the summary the
    timeline's triggers keep (db/summary.py), not by seeking each e-mail's answer."""
    server = on_server(reader)
    where, params = scope.both(
        scope.in_range("q.asked_at", filters, server),
        scope.people("q.candidate_id", filters, server),
    )
    asked = f"FROM mail_question q WHERE {where}"
    delays: list[float] = []
    waiting = 0
    for (spent,) in reader.execute(f"SELECT q.hours {asked}", params):
        if spent is None:
            waiting += 1
        else:
            delays.append(spent)
    people: dict[str, Sequence[int]] = {
        "answered": lookup.people(f"SELECT q.candidate_id {asked} AND q.hours IS NOT NULL", params),
        "waiting": lookup.people(f"SELECT q.candidate_id {asked} AND q.hours IS NULL", params),
    }
    return _row("recruiter", "Recruiter (candidate's e-mail → answer)", delays, waiting, people)


def response_figure(
    reader: ReadConnection, filters: Filters, lookup: Lookup | None = None
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
