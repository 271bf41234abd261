"""Pool health over time and contacts per week, counted by hand (see `_pool`)."""

from __future__ import annotations

from datetime import date

import pytest

from talentdesk.core.db.enums import CandidateStatus, InteractionKind
from talentdesk.core.db.models import Candidate
from talentdesk.core.metrics import Figure, Filters
from talentdesk.core.workspace import Workspace
from tests.conftest import session_outside
from tests.core.metrics_data import day, log, member, person, pool
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)

# Now is Wed 25 Nov 2026 09:30 (tests/conftest.py); weeks of 9, 16 and 23 Nov.
WEEKS = Filters(start=date(2026, 11, 9), end=date(2026, 11, 25))


@pytest.fixture
def members(ws: Workspace) -> dict[str, int]:
    """Backend, cadence 14 days (amber past 14, red past 28), members since 1 Oct unless said:
    Ann: a call 10 Nov and an e-mail 11 Nov 09:00 (amber only by now: 14 days and a half).
    Ben: a call 20 Oct (amber at 16 Nov, red at 23 Nov) and one on 24 Nov (in touch by now).
    Cat: joined 12 Nov, never contacted; a note on 20 Nov is no contact. Dan: joined 20 Nov.
    Eve: "do not contact", never late. Fay is only in a pool without a cadence."""
    with session_outside(ws.paths.database) as s:
        ids = {n: person(s, n) for n in ("Ann", "Ben", "Cat", "Dan", "Eve", "Fay")}
        backend, loose = pool(s, "Backend", cadence_days=14), pool(s, "Loose")
        for name in ("Ann", "Ben", "Eve"):
            member(s, backend, ids[name], added=day(10, 1))
        member(s, backend, ids["Cat"], added=day(11, 12))
        member(s, backend, ids["Dan"], added=day(11, 20))
        member(s, loose, ids["Fay"], added=day(10, 1))
        log(s, ids["Ann"], InteractionKind.CALL, day(11, 10))
        log(s, ids["Ann"], InteractionKind.EMAIL_IN, day(11, 11))
        log(s, ids["Ben"], InteractionKind.CALL, day(10, 20))
        log(s, ids["Ben"], InteractionKind.CALL, day(11, 24))
        log(s, ids["Cat"], InteractionKind.NOTE, day(11, 20))
        s.get_one(Candidate, ids["Eve"]).status = CandidateStatus.DO_NOT_CONTACT
    return ids


def _health(ws: Workspace, filters: Filters = WEEKS) -> Figure:
    return ws.metrics.figure("pool_health", filters)


def test_members_in_touch_losing_and_lost_each_week(ws: Workspace, members: dict[str, int]) -> None:
    rows = _health(ws).table("touch").rows
    # End of the week of 9 Nov (16 Nov 00:00): Ann, Cat, Eve in touch; Ben 27 days: amber.
    # 23 Nov 00:00: Dan joined (in touch); Ben 34 days: red. Now: Ben called yesterday (in
    # touch), Ann 14.5 days: amber.
    assert [(r.key, r.values) for r in rows] == [
        ("2026-11-09", {"ok": 3, "amber": 1, "red": 0}),
        ("2026-11-16", {"ok": 4, "amber": 0, "red": 1}),
        ("2026-11-23", {"ok": 4, "amber": 1, "red": 0}),
    ]
    assert rows[1].people["red"] == (members["Ben"],)
    assert rows[2].people["amber"] == (members["Ann"],)
    backend = ws.reads.pool_id_by_name("Backend")
    assert _health(ws, Filters(WEEKS.start, WEEKS.end, pool_id=backend)).table("touch") == (
        _health(ws).table("touch")
    )


def test_contacts_logged_per_week(ws: Workspace, members: dict[str, int]) -> None:
    rows = _health(ws).table("contacts_per_week").rows
    # Week of 9 Nov: Ann's call and e-mail (2, one person); 16 Nov: only Cat's note (not a
    # contact); 23 Nov: Ben's call.
    assert [(r.key, r.values) for r in rows] == [
        ("2026-11-09", {"contacts": 2, "people": 1}),
        ("2026-11-16", {"contacts": 0, "people": 0}),
        ("2026-11-23", {"contacts": 1, "people": 1}),
    ]
    assert rows[0].people["contacts"] == (members["Ann"],)


def test_the_default_range_is_the_last_twelve_weeks(ws: Workspace) -> None:
    rows = _health(ws, Filters()).table("touch").rows
    assert len(rows) == 12
    assert rows[-1].key == "2026-11-23"
