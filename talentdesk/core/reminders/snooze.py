"""Snooze presets and the start of the working day, computed on the user's local wall clock.

Every function takes the current time (`now`, aware) and the user's time zone explicitly and
returns an aware UTC datetime. Local times that fall inside a daylight-saving gap move forward
by the gap (02:30 on the spring-forward night becomes 03:30); in the repeated hour of a
fall-back night the first of the two is meant.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

WORKING_DAY_START = time(9)
EVENING = time(18)
# "This evening" less than an hour ahead would be no longer than "1 hour", and after 18:00 there
# is no evening left today: from 17:00 on it means tomorrow evening.
EVENING_CUTOFF = time(17)


class SnoozePreset(StrEnum):
    ONE_HOUR = "one_hour"
    THIS_EVENING = "this_evening"
    TOMORROW_MORNING = "tomorrow_morning"
    NEXT_MONDAY = "next_monday"


def snooze_until(
    preset: SnoozePreset, now: datetime, tz: tzinfo, *, day_start: time = WORKING_DAY_START
) -> datetime:
    """When a reminder snoozed with `preset` at `now` falls due again."""
    if preset is SnoozePreset.ONE_HOUR:
        return in_one_hour(now)
    if preset is SnoozePreset.THIS_EVENING:
        return this_evening(now, tz)
    if preset is SnoozePreset.TOMORROW_MORNING:
        return tomorrow_morning(now, tz, day_start=day_start)
    return next_monday(now, tz, day_start=day_start)


def in_one_hour(now: datetime) -> datetime:
    """An hour of elapsed time, whatever the wall clock does meanwhile."""
    return _utc(now) + timedelta(hours=1)


def this_evening(now: datetime, tz: tzinfo) -> datetime:
    """18:00 local today, or 18:00 tomorrow once it is 17:00 or later."""
    local = _utc(now).astimezone(tz)
    day = local.date() if local.time() < EVENING_CUTOFF else local.date() + timedelta(days=1)
    return local_time_on(day, EVENING, tz)


def tomorrow_morning(now: datetime, tz: tzinfo, *, day_start: time = WORKING_DAY_START) -> datetime:
    """The start of the working day on the local calendar day after today (also just after
    midnight: it always means the next calendar date, as the label says)."""
    today = _utc(now).astimezone(tz).date()
    return at_working_day_start(today + timedelta(days=1), tz, start=day_start)


def next_monday(now: datetime, tz: tzinfo, *, day_start: time = WORKING_DAY_START) -> datetime:
    """The start of the working day on the coming Monday; on a Monday, the one a week later."""
    today = _utc(now).astimezone(tz).date()
    return at_working_day_start(today + timedelta(days=7 - today.weekday()), tz, start=day_start)


def at_working_day_start(day: date, tz: tzinfo, start: time = WORKING_DAY_START) -> datetime:
    """When a reminder due on `day` without a time of its own falls due."""
    return local_time_on(day, start, tz)


def local_time_on(day: date, wall: time, tz: tzinfo) -> datetime:
    """The UTC moment the local clock in `tz` shows `wall` on `day`."""
    # A naive `wall` inside a gap gets the offset from before the change, which lands the
    # UTC moment where a clock that jumped forward would show `wall` plus the gap.
    return datetime.combine(day, wall, tzinfo=tz).astimezone(UTC)


def short_when(moment: datetime, now: datetime, zone: tzinfo) -> str:
    """ "18:00" today, "Thu 09:00" this week, "Mon 7 Dec 09:00" beyond (local time)."""
    local, today = moment.astimezone(zone), now.astimezone(zone).date()
    if local.date() == today:
        return f"{local:%H:%M}"
    if local.date() < today + timedelta(days=7):
        return f"{local:%a %H:%M}"
    return f"{local:%a} {local.day} {local:%b %H:%M}"


def _utc(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("`now` must be an aware datetime.")
    return now.astimezone(UTC)
