"""Recurrence rules: presets, plain-English descriptions, local-time stepping and validation."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from talentdesk.core.reminders.recurrence import (
    Preset,
    describe,
    next_occurrence,
    preset_rule,
    validate,
)

WARSAW = ZoneInfo("Europe/Warsaw")
NEW_YORK = ZoneInfo("America/New_York")


def occurrences(rule: str, dtstart: datetime, limit: int = 20) -> list[datetime]:
    """Step through the rule the way completing a reminder does: each from the previous one."""
    found: list[datetime] = []
    current = dtstart
    while len(found) < limit:
        following = next_occurrence(rule, dtstart, current)
        if following is None:
            break
        found.append(following)
        current = following
    return found


@pytest.mark.parametrize(
    ("preset", "due", "rule", "text"),
    [
        (
            Preset.WEEKLY,
            datetime(2026, 11, 25, 9),
            "FREQ=WEEKLY;BYDAY=WE",
            "Every week on Wednesday",
        ),
        (
            Preset.MONTHLY,
            datetime(2026, 11, 25, 9),
            "FREQ=MONTHLY;BYMONTHDAY=25",
            "Every month on the 25th",
        ),
        (
            Preset.EVERY_3_MONTHS,
            datetime(2026, 1, 2, 9),
            "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=2",
            "Every 3 months on the 2nd",
        ),
        (
            Preset.MONTHLY,
            datetime(2026, 1, 31, 9),
            "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1",
            "Every month on the last day",
        ),
        (
            Preset.MONTHLY,
            datetime(2026, 4, 30, 9),
            "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1",
            "Every month on the 30th, or the month's last day when shorter",
        ),
        (
            Preset.MONTHLY_WEEKDAY,
            datetime(2026, 1, 5, 9),
            "FREQ=MONTHLY;BYDAY=1MO",
            "Every month on the first Monday",
        ),
        (
            Preset.MONTHLY_WEEKDAY,
            datetime(2026, 1, 22, 9),
            "FREQ=MONTHLY;BYDAY=4TH",
            "Every month on the fourth Thursday",
        ),
        (
            Preset.MONTHLY_WEEKDAY,
            datetime(2026, 1, 30, 9),
            "FREQ=MONTHLY;BYDAY=-1FR",
            "Every month on the last Friday",
        ),
        (
            Preset.YEARLY,
            datetime(2026, 3, 15, 9),
            "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15",
            "Every year on 15 March",
        ),
        (
            Preset.YEARLY,
            datetime(2028, 2, 29, 9),
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1",
            "Every year on 29 February, or 28 February in other years",
        ),
    ],
)
def test_presets_and_their_descriptions(preset, due, rule, text):
    built = preset_rule(preset, due.replace(tzinfo=WARSAW))
    assert built == rule
    assert describe(built) == text


def test_count_and_until_endings_are_described():
    due = datetime(2026, 1, 15, 9, tzinfo=WARSAW)
    counted = preset_rule(Preset.EVERY_3_MONTHS, due, count=5)
    assert counted == "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15;COUNT=5"
    assert describe(counted) == "Every 3 months on the 15th, 5 times"
    assert describe("FREQ=MONTHLY;COUNT=1") == "Every month, once"
    until = preset_rule(Preset.MONTHLY, due, until=date(2026, 6, 30))
    # The last local moment of 30 June in Warsaw (CEST, UTC+2), in UTC.
    assert until == "FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20260630T215959Z"
    assert describe(until, WARSAW) == "Every month on the 15th, until 30 June 2026"
    with pytest.raises(ValueError, match="not both"):
        preset_rule(Preset.MONTHLY, due, count=3, until=date(2026, 6, 30))


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "Every 2 weeks on Monday and Thursday"),
        ("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "Every day on weekdays"),
        ("FREQ=DAILY;INTERVAL=14", "Every 14 days"),
        ("FREQ=MONTHLY;BYMONTHDAY=1,15,-2", "Every month on the 1st, 15th and second-to-last day"),
        ("FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO", "Every year on the last Monday of May"),
        (
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
            "Every month on weekdays, only the last of each month",
        ),
        ("freq=yearly", "Every year"),
    ],
)
def test_describe_other_rules(rule, text):
    assert describe(rule) == text


def test_monthly_keeps_local_time_across_daylight_saving():
    dtstart = datetime(2026, 1, 15, 9, tzinfo=WARSAW)
    found = occurrences("FREQ=MONTHLY;BYMONTHDAY=15;COUNT=12", dtstart)
    # COUNT includes the first due time itself, so eleven more follow it.
    assert len(found) == 11
    assert all((o.hour, o.minute, o.day) == (9, 0, 15) for o in found)
    assert [o.astimezone(UTC).hour for o in found[:9]] == [8, 8, 7, 7, 7, 7, 7, 7, 7]
    assert found[8] == datetime(2026, 10, 15, 9, tzinfo=WARSAW)
    assert found[9].astimezone(UTC) == datetime(2026, 11, 15, 8, tzinfo=UTC)
    assert found[-1] == datetime(2026, 12, 15, 9, tzinfo=WARSAW)


def test_weekly_across_both_changes_in_new_york():
    dtstart = datetime(2026, 3, 2, 9, tzinfo=NEW_YORK)  # EST, UTC-5
    after_spring = next_occurrence("FREQ=WEEKLY", dtstart, datetime(2026, 3, 8, 12, tzinfo=UTC))
    assert after_spring == datetime(2026, 3, 9, 9, tzinfo=NEW_YORK)
    assert after_spring.astimezone(UTC) == datetime(2026, 3, 9, 13, tzinfo=UTC)  # EDT, UTC-4
    after_autumn = next_occurrence("FREQ=WEEKLY", dtstart, datetime(2026, 11, 1, 12, tzinfo=UTC))
    assert after_autumn.astimezone(UTC) == datetime(2026, 11, 2, 14, tzinfo=UTC)


def test_wall_time_in_the_spring_forward_gap_moves_to_the_real_local_time():
    dtstart = datetime(2026, 3, 22, 2, 30, tzinfo=WARSAW)
    found = occurrences("FREQ=WEEKLY;COUNT=3", dtstart)
    assert [o.astimezone(UTC) for o in found] == [
        datetime(2026, 3, 29, 1, 30, tzinfo=UTC),  # 02:30 does not exist; 03:30 CEST does
        datetime(2026, 4, 5, 0, 30, tzinfo=UTC),
    ]
    assert (found[0].hour, found[0].minute) == (3, 30)


def test_repeated_hour_of_fall_back_is_announced_once():
    dtstart = datetime(2026, 10, 24, 2, 30, tzinfo=WARSAW)
    found = occurrences("FREQ=DAILY;COUNT=3", dtstart)
    assert [o.astimezone(UTC) for o in found] == [
        datetime(2026, 10, 25, 0, 30, tzinfo=UTC),  # the first 02:30 (CEST)
        datetime(2026, 10, 26, 1, 30, tzinfo=UTC),
    ]
    # Asked from between the two 02:30s, the second one is not another occurrence.
    second_0230 = datetime(2026, 10, 25, 1, 0, tzinfo=UTC)
    assert next_occurrence("FREQ=DAILY", dtstart, second_0230) == datetime(
        2026, 10, 26, 2, 30, tzinfo=WARSAW
    )


def test_monthly_on_the_31st_falls_on_each_months_last_day():
    dtstart = datetime(2026, 1, 31, 9, tzinfo=WARSAW)
    rule = preset_rule(Preset.MONTHLY, dtstart)
    assert [o.date() for o in occurrences(rule, dtstart, limit=4)] == [
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 5, 31),
    ]
    # A hand-written BYMONTHDAY=31 follows RFC 5545 and skips months without a 31st.
    assert [o.date() for o in occurrences("FREQ=MONTHLY;BYMONTHDAY=31", dtstart, limit=3)] == [
        date(2026, 3, 31),
        date(2026, 5, 31),
        date(2026, 7, 31),
    ]


def test_leap_day_birthday():
    dtstart = datetime(2028, 2, 29, 9, tzinfo=WARSAW)
    rule = preset_rule(Preset.YEARLY, dtstart)
    assert [o.date() for o in occurrences(rule, dtstart, limit=5)] == [
        date(2029, 2, 28),
        date(2030, 2, 28),
        date(2031, 2, 28),
        date(2032, 2, 29),
        date(2033, 2, 28),
    ]


def test_count_ending():
    dtstart = datetime(2026, 1, 15, 9, tzinfo=WARSAW)
    rule = "FREQ=MONTHLY;INTERVAL=3;COUNT=3"
    assert occurrences(rule, dtstart) == [
        datetime(2026, 4, 15, 9, tzinfo=WARSAW),
        datetime(2026, 7, 15, 9, tzinfo=WARSAW),
    ]
    assert next_occurrence(rule, dtstart, datetime(2026, 7, 15, 9, tzinfo=WARSAW)) is None


def test_until_ending_includes_the_last_local_day():
    dtstart = datetime(2026, 11, 30, 23, 30, tzinfo=WARSAW)
    rule = preset_rule(Preset.MONTHLY, dtstart, until=date(2027, 1, 31))
    assert rule == "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1;UNTIL=20270131T225959Z"
    assert occurrences(rule, dtstart) == [
        datetime(2026, 12, 30, 23, 30, tzinfo=WARSAW),
        datetime(2027, 1, 30, 23, 30, tzinfo=WARSAW),  # 22:30 UTC, still before UNTIL
    ]


def test_next_occurrence_is_strictly_after_and_skips_missed_ones():
    dtstart = datetime(2026, 1, 5, 9, tzinfo=WARSAW)
    rule = "FREQ=WEEKLY"
    assert next_occurrence(rule, dtstart, dtstart) == datetime(2026, 1, 12, 9, tzinfo=WARSAW)
    # Completed long after it was due: the next one is the next still ahead, not a missed one.
    late = datetime(2026, 2, 4, 15, 0, tzinfo=UTC)
    assert next_occurrence(rule, dtstart, late) == datetime(2026, 2, 9, 9, tzinfo=WARSAW)
    # Before the first due time, the first due time is next.
    early = datetime(2025, 12, 1, tzinfo=UTC)
    assert next_occurrence(rule, dtstart, early) == dtstart


def test_time_zone_of_the_user_decides_the_day():
    # 23:30 on a Monday in New York is already Tuesday in UTC; "every Monday" stays Monday.
    dtstart = datetime(2026, 1, 5, 23, 30, tzinfo=NEW_YORK)
    following = next_occurrence("FREQ=WEEKLY;BYDAY=MO", dtstart, dtstart)
    assert following == datetime(2026, 1, 12, 23, 30, tzinfo=NEW_YORK)
    assert following.astimezone(UTC) == datetime(2026, 1, 13, 4, 30, tzinfo=UTC)


def test_validate_normalizes():
    assert validate(" count=5; freq=monthly ;interval=3; ") == "FREQ=MONTHLY;INTERVAL=3;COUNT=5"


@pytest.mark.parametrize(
    ("rule", "reason"),
    [
        ("", "empty"),
        ("INTERVAL=2", "FREQ is missing"),
        ("FREQ=HOURLY", "not HOURLY"),
        ("FREQ=MONTHLY;INTERVAL=0", "INTERVAL must be at least 1"),
        ("FREQ=MONTHLY;INTERVAL=two", "whole number"),
        ("FREQ=MONTHLY;COUNT=-1", "COUNT must be at least 1"),
        ("FREQ=MONTHLY;COUNT=2;UNTIL=20261231T225959Z", "not both"),
        ("FREQ=MONTHLY;UNTIL=20261231", "UNTIL must be a UTC time"),
        ("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY must be between 1 and 31"),
        ("FREQ=YEARLY;BYMONTH=13", "BYMONTH must be between 1 and 12"),
        ("FREQ=MONTHLY;BYDAY=XX", "'XX' in BYDAY"),
        ("FREQ=WEEKLY;BYDAY=1MO", "needs a monthly or yearly repeat"),
        ("FREQ=WEEKLY;BYMONTHDAY=3", "BYMONTHDAY cannot be used with a weekly repeat"),
        ("FREQ=MONTHLY;BYSETPOS=1", "BYSETPOS needs"),
        ("FREQ=DAILY;BYHOUR=9", "BYHOUR is not supported"),
        ("FREQ=DAILY;FREQ=WEEKLY", "FREQ appears more than once"),
        ("FREQ", "'FREQ' is not a NAME=VALUE part"),
        ("DTSTART:20260101T090000\nRRULE:FREQ=DAILY", "without DTSTART"),
        ("RRULE:FREQ=DAILY", "without DTSTART or 'RRULE:'"),
    ],
)
def test_malformed_rules_are_refused_with_a_reason(rule, reason):
    with pytest.raises(ValueError, match=reason):
        validate(rule)
    with pytest.raises(ValueError, match=reason):
        next_occurrence(
            rule, datetime(2026, 1, 5, 9, tzinfo=WARSAW), datetime(2026, 1, 5, tzinfo=UTC)
        )


def test_naive_times_are_refused():
    with pytest.raises(ValueError, match="time zone"):
        next_occurrence("FREQ=DAILY", datetime(2026, 1, 5, 9), datetime(2026, 1, 5, tzinfo=UTC))
    with pytest.raises(ValueError, match="time zone"):
        preset_rule(Preset.MONTHLY, datetime(2026, 1, 5, 9))
