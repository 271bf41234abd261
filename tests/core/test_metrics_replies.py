"""Reply rates and time to respond, against a data set counted by hand (see `_mail`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from talentdesk.core.db.enums import OutboxStatus
from talentdesk.core.db.models import MailTemplate
from talentdesk.core.metrics import Figure, Filters, Row
from talentdesk.core.workspace import Workspace
from tests.conftest import session_outside
from tests.core.metrics_data import day, member, person, pool, received, sent
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)


@dataclass(frozen=True)
class People:
    ann: int
    ben: int
    cat: int
    dan: int
    eve: int


@pytest.fixture
def people(ws: Workspace) -> People:
    """Four sends, seven messages; replies as the mailbox sync records them (on the message):
    A  queued 2 Mar, pool Backend, from the Check-in template to Ann, Ben, Cat; Ann replies
       after 3 h and again the next day (one reply), Cat after 48 h, Ben wrote the day
       BEFORE it was sent (answering nothing: no reply).
    B  queued 1 Apr, no pool, from the Intro template to Ann and Dan; Dan replies after 1 h,
       Ann not (her 3 Mar mail answered A).
    C  10 Apr, "Lunch?" in the recruiter's own words to Eve: no reply;
    D  12 Apr, "Lunch?" to Eve, who replies after 6 h (D's reply, not C's).
    A failed message to Ben counts nowhere. The subjects say nothing of the templates."""
    with session_outside(ws.paths.database) as s:
        s.add(MailTemplate(name="Intro", subject="Hello {{ first_name }}", body="…"))
        ann, ben, cat, dan, eve = (person(s, n) for n in ("Ann", "Ben", "Cat", "Dan", "Eve"))
        backend = pool(s, "Backend")
        for cid in (ann, ben, cat):
            member(s, backend, cid)
        received(s, ben, day(3, 1))
        a = {cid: sent(s, cid, day(3, 2), "Hi", queued=day(3, 2, 8), pool_id=backend.id,
                       template="Check-in") for cid in (ann, ben, cat)}  # fmt: skip
        received(s, ann, day(3, 2, 12), answers=a[ann])
        received(s, ann, day(3, 3), answers=a[ann])
        received(s, cat, day(3, 4), answers=a[cat])
        b = {cid: sent(s, cid, day(4, 1), "Hi", queued=day(4, 1, 8), template="Intro")
             for cid in (ann, dan)}  # fmt: skip
        received(s, dan, day(4, 1, 10), answers=b[dan])
        sent(s, eve, day(4, 10), "Lunch?")
        d = sent(s, eve, day(4, 12), "Lunch?")
        received(s, eve, day(4, 12, 15), answers=d)
        sent(s, ben, day(4, 20), "Lost", status=OutboxStatus.FAILED, template="Check-in")
    return People(ann, ben, cat, dan, eve)


def _values(row: Row | None) -> tuple[object, ...]:
    assert row is not None
    return row.values["sent"], row.values["replied"], row.values["rate"]


def _replies(ws: Workspace, filters: Filters | None = None) -> Figure:
    return ws.metrics.figure("replies", filters or Filters())


def test_reply_rate_overall_and_by_template(ws: Workspace, people: People) -> None:
    figure = _replies(ws)
    everyone = figure.table("reply_rate").row("all")
    # 7 sent (3 + 2 + 1 + 1); replied: Ann and Cat to A, Dan to B, Eve to D = 4.
    assert _values(everyone) == (7, 4, 57.1)
    assert everyone is not None
    assert everyone.people["replied"] == (people.ann, people.cat, people.dan, people.eve)
    by_template = figure.table("by_template")
    assert _values(by_template.row("Check-in")) == (3, 2, 66.7)
    assert _values(by_template.row("Intro")) == (2, 1, 50.0)
    assert _values(by_template.row("No template (own words)")) == (2, 1, 50.0)


def test_reply_rate_by_bulk_send_pool_and_month(ws: Workspace, people: People) -> None:
    figure = _replies(ws)
    bulks = figure.table("by_bulk").rows
    assert [(r.values["sent"], r.values["replied"]) for r in bulks] == [
        (3, 2), (2, 1), (1, 0), (1, 1)
    ]  # fmt: skip
    assert bulks[0].label == "2026-03-02 08:00 · Check-in · Backend · 3 messages"
    assert bulks[0].people["sent"] == (people.ann, people.ben, people.cat)
    by_pool = figure.table("by_pool").rows
    assert [(r.label, _values(r)) for r in by_pool] == [
        ("No pool", (4, 2, 50.0)), ("Backend", (3, 2, 66.7))
    ]  # fmt: skip
    by_month = figure.table("by_month")
    assert _values(by_month.row("2026-03")) == (3, 2, 66.7)
    assert _values(by_month.row("2026-04")) == (4, 2, 50.0)


def test_filters_narrow_the_mail_counted(ws: Workspace, people: People) -> None:
    def everyone(filters: Filters) -> tuple[object, ...]:
        return _values(_replies(ws, filters).table("reply_rate").row("all"))

    assert everyone(Filters(template="check-in")) == (3, 2, 66.7)
    assert everyone(Filters(start=date(2026, 4, 1))) == (4, 2, 50.0)  # B, C, D
    assert everyone(Filters(end=date(2026, 3, 31))) == (3, 2, 66.7)  # A
    # Members of Backend: Ann, Ben and Cat; A's three and B's to Ann.
    backend = ws.reads.pool_id_by_name("Backend")
    assert everyone(Filters(pool_id=backend)) == (4, 2, 50.0)


def test_time_to_respond(ws: Workspace, people: People) -> None:
    table = ws.metrics.figure("response_times", Filters()).table("response_times")
    candidates, recruiter = table.rows
    # Candidates' delays: Dan 1 h, Ann 3 h, Eve 6 h, Cat 48 h → median (3 + 6) / 2, the 90th
    # percentile is the 4th of 4 (nearest rank). Waiting: Ben (A), Ann (B), Eve (C).
    assert candidates.values == {"answered": 4, "median": 4.5, "p90": 48.0, "waiting": 3}
    assert candidates.people["waiting"] == (people.ann, people.ben, people.eve)
    # The recruiter: Ben wrote 1 Mar 09:00, answered by A on 2 Mar 09:00 (24 h); Ann wrote
    # 2 Mar 12:00 and 3 Mar, both answered by B on 1 Apr 09:00: once, from the first
    # (30 days - 3 h = 717 h). Cat, Dan and Eve are not answered yet.
    assert recruiter.values == {"answered": 2, "median": 370.5, "p90": 717.0, "waiting": 3}
    assert recruiter.people["waiting"] == (people.cat, people.dan, people.eve)


def test_a_snapshot_gives_the_same_figures_as_calls_of_their_own(
    ws: Workspace, people: People
) -> None:
    with ws.metrics.snapshot() as metrics:
        shared = [metrics.figure(key, Filters()) for key in ("replies", "response_times")]
    alone = [ws.metrics.figure(key, Filters()) for key in ("replies", "response_times")]
    assert shared == alone


def test_a_reply_dated_before_its_message_counts_and_took_no_time(ws: Workspace) -> None:
    """The mail server's clock ahead of this computer's: the sync dates the reply before the
    message it answers (In-Reply-To says it does)."""
    with session_outside(ws.paths.database) as s:
        ann = person(s, "Ann")
        message = sent(s, ann, day(5, 4, 10), "Hi", template="Check-in")
        received(s, ann, day(5, 4, 9), answers=message)
    everyone = _replies(ws).table("reply_rate").row("all")
    assert _values(everyone) == (1, 1, 100.0)
    table = ws.metrics.figure("response_times", Filters()).table("response_times")
    candidates = table.row("candidates")
    assert candidates is not None
    assert (candidates.values["answered"], candidates.values["median"]) == (1, 0.0)
