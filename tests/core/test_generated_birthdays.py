"""Birthday reminders TalentDesk writes itself, against a real SQLite file with an injected
clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from talentdesk.core import settings
from talentdesk.core.db.datetimes import from_db
from talentdesk.core.reminders.generated import RefreshSummary
from talentdesk.core.workspace import Workspace
from tests.conftest import TravelClock, written_outside
from tests.core.generated_reminder_helpers import full_refresh, generated, open_generated, person
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)

# --------------------------------------------------------------------------- birthdays


def test_birthday_reminder_within_thirty_days(ws: Workspace, clock: TravelClock) -> None:
    anna = person(ws, birthday=date(1991, 12, 14))
    person(ws, "Bartek", birthday=date(1985, 1, 30))  # 66 days ahead
    unknown_year = person(ws, "Celina", birthday=date(1604, 12, 1))
    full_refresh(ws, clock)
    made = {r["candidate_id"]: r for r in generated(ws)}
    assert set(made) == {anna, unknown_year}
    assert made[anna]["kind"] == "birthday" and made[anna]["pool_id"] is None
    assert made[anna]["reason"] == "Birthday on 14 December (turns 35)"
    assert from_db(made[anna]["due_at"]) == datetime(2026, 12, 14, 9, tzinfo=UTC)
    assert made[unknown_year]["reason"] == "Birthday on 1 December"

    clock.now = datetime(2026, 12, 15, 8, tzinfo=UTC)  # the days have passed, unmarked
    full_refresh(ws, clock)
    assert open_generated(ws) == []  # a birthday that is over is not owed any more


def test_birthday_at_the_working_day_start_days_before(ws: Workspace, clock: TravelClock) -> None:
    warsaw = ZoneInfo("Europe/Warsaw")
    anna = person(ws, birthday=date(1990, 12, 24))
    with written_outside(ws.paths.database) as conn:
        settings.write(conn, settings.BIRTHDAY_DAYS_BEFORE, 7)
        settings.write(conn, settings.WORK_DAY_START, time(8, 30))
    full_refresh(ws, clock, warsaw)
    (made,) = generated(ws)
    assert made["candidate_id"] == anna
    assert made["reason"] == "Birthday on 24 December (turns 36)"
    # 08:30 in Warsaw (UTC+1 in winter) a week before.
    assert from_db(made["due_at"]) == datetime(2026, 12, 17, 7, 30, tzinfo=UTC)

    with written_outside(ws.paths.database) as conn:
        settings.write(conn, settings.BIRTHDAY_DAYS_BEFORE, 0)
    assert full_refresh(ws, clock, warsaw) == RefreshSummary(0, 0, 1)
    (moved,) = generated(ws)
    assert from_db(moved["due_at"]) == datetime(2026, 12, 24, 7, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("today", "due", "reason"),
    [
        (date(2027, 2, 10), datetime(2027, 2, 28, 9, tzinfo=UTC), "28 February (turns 35)"),
        (date(2028, 2, 10), datetime(2028, 2, 29, 9, tzinfo=UTC), "29 February (turns 36)"),
    ],
)
def test_a_leap_day_birthday_falls_on_the_28th_in_other_years(
    ws: Workspace, clock: TravelClock, today: date, due: datetime, reason: str
) -> None:
    person(ws, birthday=date(1992, 2, 29))
    person(ws, "Bartek", birthday=date(1990, 3, 1))
    clock.now = datetime.combine(today, time(12), UTC)
    full_refresh(ws, clock)
    leap = next(r for r in generated(ws) if "February" in r["reason"])
    assert leap["reason"] == f"Birthday on {reason}"
    assert from_db(leap["due_at"]) == due
    assert len(generated(ws)) == 2


def test_a_completed_birthday_is_not_made_again(ws: Workspace, clock: TravelClock) -> None:
    person(ws, birthday=date(1991, 12, 14))
    full_refresh(ws, clock)
    (made,) = generated(ws)
    ws.reminders.mark_done(made["id"])
    clock.advance(days=10)
    assert full_refresh(ws, clock) == RefreshSummary(0, 0, 0)
    clock.now = datetime(2027, 11, 20, 9, tzinfo=UTC)  # next year's comes
    assert full_refresh(ws, clock).created == 1
