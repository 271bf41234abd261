"""When the reminder scheduler wakes up next: pure arithmetic, no timers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from talentdesk.core.reminders.schedule import (
    MAX_TIMER_MS,
    SAFETY_INTERVAL_MS,
    due_timer_ms,
    next_wakeup_ms,
    start_of_day,
)

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
WARSAW = ZoneInfo("Europe/Warsaw")


def test_the_due_timer_waits_exactly_until_the_next_due_time() -> None:
    assert due_timer_ms(NOW, NOW + timedelta(seconds=42, milliseconds=5)) == 42_005
    assert due_timer_ms(NOW, NOW + timedelta(days=3)) == 3 * 86_400_000


def test_nothing_ahead_arms_no_due_timer_and_a_past_time_fires_at_once() -> None:
    assert due_timer_ms(NOW, None) is None
    assert due_timer_ms(NOW, NOW - timedelta(hours=2)) == 0


def test_a_distant_due_time_is_capped_to_what_a_qt_timer_takes() -> None:
    assert due_timer_ms(NOW, NOW + timedelta(days=400)) == MAX_TIMER_MS
    assert MAX_TIMER_MS < 2**31


def test_the_next_wakeup_is_the_next_due_time_capped_at_the_safety_check() -> None:
    assert next_wakeup_ms(NOW, NOW + timedelta(seconds=20)) == 20_000
    assert next_wakeup_ms(NOW, NOW + timedelta(minutes=10)) == SAFETY_INTERVAL_MS
    # With nothing due: one wake-up a minute, no busy polling.
    assert next_wakeup_ms(NOW, None) == SAFETY_INTERVAL_MS == 60_000


def test_the_day_starts_at_local_midnight_also_on_a_daylight_saving_day() -> None:
    assert start_of_day(NOW, UTC) == datetime(2026, 11, 25, tzinfo=UTC)
    # 00:30 UTC on 25 Nov is 01:30 in Warsaw (UTC+1): the day began at 23:00 UTC the day before.
    assert start_of_day(datetime(2026, 11, 25, 0, 30, tzinfo=UTC), WARSAW) == datetime(
        2026, 11, 24, 23, tzinfo=UTC
    )
    # The spring-forward day (29 March 2026) still began at midnight winter time, UTC+1.
    assert start_of_day(datetime(2026, 3, 29, 12, tzinfo=UTC), WARSAW) == datetime(
        2026, 3, 28, 23, tzinfo=UTC
    )
    # The day after began at midnight summer time, UTC+2.
    assert start_of_day(datetime(2026, 3, 30, 12, tzinfo=UTC), WARSAW) == datetime(
        2026, 3, 29, 22, tzinfo=UTC
    )


@pytest.mark.parametrize("value", ["Europe/Warsaw", ":Europe/Warsaw"])
def test_the_local_zone_for_a_calendar_file_comes_from_tz(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    from talentdesk.core.timezone import local_zoneinfo

    monkeypatch.setenv("TZ", value)
    assert local_zoneinfo() == ZoneInfo("Europe/Warsaw")
    assert local_zoneinfo(ZoneInfo("America/New_York")) == ZoneInfo("America/New_York")
