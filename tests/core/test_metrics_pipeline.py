"""Pipeline conversion, time in stage, time to hire and sources, counted by hand."""

from __future__ import annotations

import pytest

from talentdesk.core.db.enums import StageKind
from talentdesk.core.metrics import Figure, Filters
from talentdesk.core.workspace import Workspace
from tests.conftest import session_outside
from tests.core.metrics_data import apply, day, person, referral, vacancy
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)

K = StageKind


@pytest.fixture
def roles(ws: Workspace) -> dict[str, int]:
    """Engineer: Ann new 1 Jan → contacted 3 → screening 5 → interviewing 10 → offer 20 →
    hired 31 Jan; Ben new 1 → contacted 2 → screening 4 → contacted 6 → screening 8 (a stage
    revisited) → rejected 12 Jan; Cat new 1 → contacted 11 Jan (still there).
    Designer: Dan new 1 Feb → screening 3 (skips contacted) → interviewing 7 → hired 17 Feb;
    Eve new 1 → withdrawn 2 Feb."""
    with session_outside(ws.paths.database) as s:
        ann = person(s, "Ann", "LinkedIn")
        ben = referral(s, "Ben", ann)
        cat = person(s, "Cat")
        dan = person(s, "Dan", "Job board")
        eve = person(s, "Eve", "Import: people.csv")
        engineer, designer = vacancy(s, "Engineer"), vacancy(s, "Designer")
        apply(s, engineer, ann, [(K.NEW, day(1, 1)), (K.CONTACTED, day(1, 3)),
              (K.SCREENING, day(1, 5)), (K.INTERVIEWING, day(1, 10)), (K.OFFER, day(1, 20)),
              (K.HIRED, day(1, 31))])  # fmt: skip
        apply(s, engineer, ben, [(K.NEW, day(1, 1)), (K.CONTACTED, day(1, 2)),
              (K.SCREENING, day(1, 4)), (K.CONTACTED, day(1, 6)), (K.SCREENING, day(1, 8)),
              (K.REJECTED, day(1, 12))])  # fmt: skip
        apply(s, engineer, cat, [(K.NEW, day(1, 1)), (K.CONTACTED, day(1, 11))])
        apply(s, designer, dan, [(K.NEW, day(2, 1)), (K.SCREENING, day(2, 3)),
              (K.INTERVIEWING, day(2, 7)), (K.HIRED, day(2, 17))])  # fmt: skip
        apply(s, designer, eve, [(K.NEW, day(2, 1)), (K.WITHDRAWN, day(2, 2))])
        return {"Ann": ann, "Ben": ben, "Cat": cat, "Dan": dan, "Eve": eve,
                "Engineer": engineer.id, "Designer": designer.id}  # fmt: skip


def _pipeline(ws: Workspace, filters: Filters | None = None) -> Figure:
    return ws.metrics.figure("pipeline", filters or Filters())


def test_conversion_counts_each_application_once_per_stage(
    ws: Workspace, roles: dict[str, int]
) -> None:
    rows = {r.key: r for r in _pipeline(ws).table("conversion").rows}
    # new: all 5 reached, all but Eve moved on. contacted: Ann, Ben (twice: once), Cat; moved
    # on: Ann, Ben. screening: Ann, Ben, Dan; on: Ann, Dan. interviewing: Ann, Dan; both on.
    assert {k: (r.values["reached"], r.values["moved_on"], r.values["conversion"])
            for k, r in rows.items()} == {
        "new": (5, 4, 80.0), "contacted": (3, 2, 66.7), "screening": (3, 2, 66.7),
        "interviewing": (2, 2, 100.0), "offer": (1, 1, 100.0),
    }  # fmt: skip
    assert rows["contacted"].people["reached"] == (roles["Ann"], roles["Ben"], roles["Cat"])
    assert rows["contacted"].people["moved_on"] == (roles["Ann"], roles["Ben"])


def test_days_in_each_stage(ws: Workspace, roles: dict[str, int]) -> None:
    rows = {r.key: r.values for r in _pipeline(ws).table("conversion").rows}
    # Stays that ended, in days. new: 2, 1, 10, 2, 1 → median 2, 90th (5th of 5) 10.
    # contacted: Ann 2, Ben 2 and 2 (Cat's is under way). screening: Ann 5, Ben 2 and 4,
    # Dan 4 → median 4, 90th (4th of 4) 5. interviewing: 10, 10. offer: Ann 11.
    assert {k: (v["median_days"], v["p90_days"]) for k, v in rows.items()} == {
        "new": (2.0, 10.0), "contacted": (2.0, 2.0), "screening": (4.0, 5.0),
        "interviewing": (10.0, 10.0), "offer": (11.0, 11.0),
    }  # fmt: skip


def test_hires_per_vacancy_and_time_to_hire(ws: Workspace, roles: dict[str, int]) -> None:
    table = _pipeline(ws).table("per_vacancy")
    # All: 5 applications, 2 hires (Ann after 30 days, Dan after 16) → median 23, 90th 30.
    assert [(r.label, r.values) for r in table.rows] == [
        ("All vacancies", {"applications": 5, "hires": 2, "per_hire": 2.5, "hire_rate": 40.0,
                           "median_days_to_hire": 23.0, "p90_days_to_hire": 30.0}),
        ("Designer", {"applications": 2, "hires": 1, "per_hire": 2.0, "hire_rate": 50.0,
                      "median_days_to_hire": 16.0, "p90_days_to_hire": 16.0}),
        ("Engineer", {"applications": 3, "hires": 1, "per_hire": 3.0, "hire_rate": 33.3,
                      "median_days_to_hire": 30.0, "p90_days_to_hire": 30.0}),
    ]  # fmt: skip
    only = _pipeline(ws, Filters(vacancy_id=roles["Engineer"]))
    new = only.table("conversion").row("new")
    assert new is not None and new.values["reached"] == 3


def test_hires_and_interviews_by_source(ws: Workspace, roles: dict[str, int]) -> None:
    table = ws.metrics.figure("sources", Filters()).table("by_source")
    # Ann LinkedIn (interviewed, hired), Ben referred by Ann, Cat no source (manual), Dan
    # "Job board" (interviewed, hired), Eve imported from people.csv. Most hires first, then
    # by name.
    assert [(r.label, r.values["applications"], r.values["interviews"], r.values["hires"])
            for r in table.rows] == [
        ("Job board", 1, 1, 1), ("LinkedIn", 1, 1, 1), ("Import: people.csv", 1, 0, 0),
        ("Manual (no source)", 1, 0, 0), ("Referral", 1, 0, 0),
    ]  # fmt: skip
    linkedin = table.row("LinkedIn")
    assert linkedin is not None and linkedin.people["hires"] == (roles["Ann"],)
