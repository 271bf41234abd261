"""Snooze presets on the local wall clock, across daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from talentdesk.core.reminders.snooze import (
    SnoozePreset,
    at_working_day_start,
    in_one_hour,
    local_time_on,
    next_monday,
    snooze_until,
    this_evening,
    tomorrow_morning,
)

WARSAW = ZoneInfo("Europe/Warsaw")
TOKYO = ZoneInfo("Asia/Tokyo")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_results_are_utc(clock):
    # The shared clock: Wednesday 2026-11-25 09:30 UTC, 10:30 in Warsaw (CET).
    result = snooze_until(SnoozePreset.TOMORROW_MORNING, clock(), WARSAW)
    assert result == utc(2026, 11, 26, 8, 0)
    assert result.tzinfo is UTC


def test_one_hour_counts_elapsed_time_through_the_spring_forward_gap():
    # 01:30 CET; an hour later the wall clock shows 03:30 CEST.
    now = utc(2026, 3, 29, 0, 30)
    assert in_one_hour(now) == utc(2026, 3, 29, 1, 30)
    assert in_one_hour(now).astimezone(WARSAW).time() == time(3, 30)
    assert snooze_until(SnoozePreset.ONE_HOUR, now, WARSAW) == utc(2026, 3, 29, 1, 30)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (utc(2026, 11, 25, 9, 30), utc(2026, 11, 25, 17, 0)),  # 10:30 CET → 18:00 today
        (utc(2026, 11, 25, 15, 59), utc(2026, 11, 25, 17, 0)),  # 16:59 → still today
        (utc(2026, 11, 25, 16, 0), utc(2026, 11, 26, 17, 0)),  # 17:00 → tomorrow evening
        (utc(2026, 11, 25, 21, 0), utc(2026, 11, 26, 17, 0)),  # 22:00 → tomorrow evening
        (utc(2026, 11, 25, 23, 30), utc(2026, 11, 26, 17, 0)),  # 00:30 local on the 26th → today
    ],
)
def test_this_evening(now, expected):
    assert this_evening(now, WARSAW) == expected


def test_this_evening_on_daylight_saving_days():
    # Spring forward: 18:00 CEST is 16:00 UTC, though the morning was still CET.
    assert this_evening(utc(2026, 3, 29, 0, 30), WARSAW) == utc(2026, 3, 29, 16, 0)
    # Fall back: 18:00 CET is 17:00 UTC, though the morning was CEST.
    assert this_evening(utc(2026, 10, 25, 0, 30), WARSAW) == utc(2026, 10, 25, 17, 0)


def test_tomorrow_morning_across_daylight_saving():
    # Saturday evening CET → Sunday 09:00 CEST (07:00 UTC).
    assert tomorrow_morning(utc(2026, 3, 28, 20, 0), WARSAW) == utc(2026, 3, 29, 7, 0)
    # Saturday evening CEST → Sunday 09:00 CET (08:00 UTC).
    assert tomorrow_morning(utc(2026, 10, 24, 20, 0), WARSAW) == utc(2026, 10, 25, 8, 0)


def test_tomorrow_morning_uses_the_local_date_and_the_configured_start():
    # 00:30 on the 26th in Warsaw (still the 25th in UTC): tomorrow is the 27th.
    assert tomorrow_morning(utc(2026, 11, 25, 23, 30), WARSAW) == utc(2026, 11, 27, 8, 0)
    # 08:00 on the 26th in Tokyo (still the 25th in UTC): tomorrow is the 27th, 07:30 JST.
    now = utc(2026, 11, 25, 23, 0)
    assert tomorrow_morning(now, TOKYO, day_start=time(7, 30)) == utc(2026, 11, 26, 22, 30)
    assert snooze_until(SnoozePreset.TOMORROW_MORNING, now, TOKYO, day_start=time(8)) == utc(
        2026, 11, 26, 23, 0
    )


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (utc(2026, 11, 25, 9, 30), utc(2026, 11, 30, 8, 0)),  # Wednesday → Monday 30th
        (utc(2026, 11, 29, 9, 30), utc(2026, 11, 30, 8, 0)),  # Sunday → tomorrow
        (utc(2026, 11, 30, 6, 0), utc(2026, 12, 7, 8, 0)),  # Monday 07:00 → a week later
        (utc(2026, 3, 25, 12, 0), utc(2026, 3, 30, 7, 0)),  # Across spring forward: CEST
        (utc(2026, 10, 22, 12, 0), utc(2026, 10, 26, 8, 0)),  # Across fall back: CET
    ],
)
def test_next_monday(now, expected):
    assert next_monday(now, WARSAW) == expected
    assert snooze_until(SnoozePreset.NEXT_MONDAY, now, WARSAW) == expected


def test_working_day_start():
    assert at_working_day_start(date(2026, 3, 28), WARSAW) == utc(2026, 3, 28, 8, 0)
    assert at_working_day_start(date(2026, 3, 29), WARSAW) == utc(2026, 3, 29, 7, 0)
    assert at_working_day_start(date(2026, 10, 25), WARSAW) == utc(2026, 10, 25, 8, 0)
    assert at_working_day_start(date(2026, 10, 25), WARSAW, start=time(8, 15)) == utc(
        2026, 10, 25, 7, 15
    )


def test_local_times_inside_and_around_the_changes():
    # 02:30 does not exist on 29 March: the clock shows 03:30 CEST at that moment.
    gap = local_time_on(date(2026, 3, 29), time(2, 30), WARSAW)
    assert gap == utc(2026, 3, 29, 1, 30)
    assert gap.astimezone(WARSAW).time() == time(3, 30)
    # 02:30 happens twice on 25 October: the first (CEST) is meant.
    assert local_time_on(date(2026, 10, 25), time(2, 30), WARSAW) == utc(2026, 10, 25, 0, 30)


def test_naive_now_is_refused():
    with pytest.raises(ValueError, match="aware"):
        this_evening(datetime(2026, 11, 25, 9, 30), WARSAW)
