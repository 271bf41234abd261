"""Repeating reminders as RFC 5545 recurrence rules, evaluated with python-dateutil.

A rule is stored as the RRULE value alone ("FREQ=MONTHLY;INTERVAL=3;COUNT=5"); its DTSTART is
the reminder's first due time, kept by the caller. COUNT counts from that first due time, so the
caller passes the first due time as `dtstart`, not the latest one.

Occurrences are computed on the user's local wall clock, so "every month at 09:00" stays at
09:00 local across daylight-saving changes. UNTIL is stored in UTC (ending in Z), as RFC 5545
requires next to a zoned DTSTART, which keeps the rule valid in an iCalendar export.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import cast

from dateutil.rrule import rrule, rrulestr

FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# English on purpose: reminders and rules read the same whatever the process locale.
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Canonical order of the parts a stored rule may have; the time of day comes from DTSTART, so
# BYHOUR/BYMINUTE/BYSECOND (and the rarely used BYYEARDAY/BYWEEKNO) are not accepted.
_PARTS = (
    "FREQ",
    "INTERVAL",
    "BYMONTH",
    "BYMONTHDAY",
    "BYDAY",
    "BYSETPOS",
    "WKST",
    "COUNT",
    "UNTIL",
)
_BYDAY_ITEM = re.compile(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)")
_UNTIL_UTC = "%Y%m%dT%H%M%SZ"
# Wider than any daylight-saving shift, so no occurrence is skipped when searching from a wall
# time that a shift has moved.
_SHIFT_MARGIN = timedelta(days=1)


class Preset(StrEnum):
    """The repeat choices offered when a reminder is created; see `preset_rule`."""

    WEEKLY = "weekly"
    MONTHLY = "monthly"
    EVERY_3_MONTHS = "every_3_months"
    MONTHLY_WEEKDAY = "monthly_weekday"
    YEARLY = "yearly"


def preset_rule(
    preset: Preset,
    due_local: datetime,
    *,
    until: date | None = None,
    count: int | None = None,
) -> str:
    """The stored rule for `preset`, anchored on the reminder's first due time.

    `until` is the last local date that may have an occurrence (inclusive); `count` is the total
    number of occurrences including the first. A due day past the 28th keeps to the month's last
    day when a month is shorter (the 31st gives 28 February, 30 April), and a birthday on
    29 February falls on the 28th in common years; a plain BYMONTHDAY would skip those months.
    """
    tz = _zone_of(due_local)
    if until is not None and count is not None:
        raise ValueError("A repeat ends either on a date or after a number of times, not both.")
    day = due_local.day
    month_day = f"BYMONTHDAY={day}" if day <= 28 else _last_day_up_to(day)
    if preset is Preset.WEEKLY:
        parts = ["FREQ=WEEKLY", f"BYDAY={WEEKDAYS[due_local.weekday()]}"]
    elif preset is Preset.MONTHLY:
        parts = ["FREQ=MONTHLY", month_day]
    elif preset is Preset.EVERY_3_MONTHS:
        parts = ["FREQ=MONTHLY", "INTERVAL=3", month_day]
    elif preset is Preset.MONTHLY_WEEKDAY:
        # The 5th such weekday does not exist in most months; "last" does.
        nth = (day - 1) // 7 + 1
        parts = ["FREQ=MONTHLY", f"BYDAY={-1 if nth == 5 else nth}{WEEKDAYS[due_local.weekday()]}"]
    else:
        leap_day = due_local.month == 2 and day == 29
        parts = [
            "FREQ=YEARLY",
            f"BYMONTH={due_local.month}",
            _last_day_up_to(29) if leap_day else f"BYMONTHDAY={day}",
        ]
    if count is not None:
        parts.append(f"COUNT={count}")
    if until is not None:
        last_moment = datetime.combine(until, time(23, 59, 59), tzinfo=tz).astimezone(UTC)
        parts.append(f"UNTIL={last_moment.strftime(_UNTIL_UTC)}")
    return validate(";".join(parts))


def validate(rule: str) -> str:
    """`rule` in canonical form (upper case, parts in a fixed order); ValueError says what is
    wrong with a malformed or unsupported rule."""
    parts = _parse(rule)
    return ";".join(f"{name}={parts[name]}" for name in _PARTS if name in parts)


def next_occurrence(rule: str, dtstart_local: datetime, after_local: datetime) -> datetime | None:
    """The first occurrence strictly after `after_local`, in `dtstart_local`'s time zone; None
    when the rule has ended. A wall time inside a spring-forward gap becomes the real local time
    (02:30 → 03:30); in the repeated hour of a fall-back, the first 02:30 is meant."""
    tz = _zone_of(dtstart_local)
    if after_local.tzinfo is None:
        raise ValueError("`after_local` must carry a time zone.")
    recurrence = _recurrence(_parse(rule), dtstart_local.replace(tzinfo=None), tz)
    after_utc = after_local.astimezone(UTC)
    search_from = after_local.astimezone(tz).replace(tzinfo=None) - _SHIFT_MARGIN
    for wall in recurrence.xafter(search_from, inc=True):
        moment = wall.replace(tzinfo=tz).astimezone(UTC)
        # Compared in UTC: aware datetimes sharing a tzinfo compare by wall time, fold ignored.
        if moment > after_utc:
            return moment.astimezone(tz)
    return None


def describe(rule: str, tz: tzinfo = UTC) -> str:
    """`rule` in plain English ("Every 3 months on the 15th, 5 times"); `tz` gives the local
    date of an UNTIL ending."""
    parts = _parse(rule)
    freq = parts["FREQ"]
    unit = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}[freq]
    interval = int(parts.get("INTERVAL", "1"))
    text = f"Every {unit}" if interval == 1 else f"Every {interval} {unit}s"
    text += _describe_days(parts)
    if "BYSETPOS" in parts and not _is_last_day_clamp(parts):
        positions = [_ordinal_word(int(p)) for p in parts["BYSETPOS"].split(",")]
        text += f", only the {_join(positions)} of each {unit}"
    if "COUNT" in parts:
        count = int(parts["COUNT"])
        text += ", once" if count == 1 else f", {count} times"
    if "UNTIL" in parts:
        text += f", until {_format_date(_until_local(parts['UNTIL'], tz).date())}"
    return text


def _parse(rule: str) -> dict[str, str]:
    text = rule.strip().upper()
    if not text:
        raise ValueError("The repeat rule is empty.")
    if "\n" in text or text.startswith(("DTSTART", "RRULE:")):
        raise ValueError("Store only the RRULE value, without DTSTART or 'RRULE:'.")
    parts: dict[str, str] = {}
    for piece in filter(None, (p.strip() for p in text.split(";"))):
        name, sep, value = piece.partition("=")
        if not sep or not value:
            raise ValueError(f"'{piece}' is not a NAME=VALUE part.")
        if name not in _PARTS:
            raise ValueError(f"{name} is not supported in a reminder's repeat rule.")
        if name in parts:
            raise ValueError(f"{name} appears more than once.")
        parts[name] = value
    _check(parts)
    return parts


def _check(parts: dict[str, str]) -> None:
    freq = parts.get("FREQ")
    if freq is None:
        raise ValueError(
            "FREQ is missing: say whether it repeats daily, weekly, monthly or yearly."
        )
    if freq not in FREQUENCIES:
        raise ValueError(f"Reminders repeat daily, weekly, monthly or yearly, not {freq}.")
    _numbers(parts, "INTERVAL", 1, None)
    _numbers(parts, "COUNT", 1, None)
    _numbers(parts, "BYMONTH", 1, 12)
    _numbers(parts, "BYMONTHDAY", 1, 31, signed=True)
    _numbers(parts, "BYSETPOS", 1, 366, signed=True)
    if "COUNT" in parts and "UNTIL" in parts:
        raise ValueError("A rule ends with COUNT or with UNTIL, not both.")
    if "UNTIL" in parts:
        _until_local(parts["UNTIL"], UTC)
    if "WKST" in parts and parts["WKST"] not in WEEKDAYS:
        raise ValueError(f"WKST must be a weekday code such as MO, not {parts['WKST']}.")
    if freq == "WEEKLY" and "BYMONTHDAY" in parts:
        raise ValueError("BYMONTHDAY cannot be used with a weekly repeat.")
    if "BYSETPOS" in parts and not {"BYMONTH", "BYMONTHDAY", "BYDAY"} & parts.keys():
        raise ValueError("BYSETPOS needs BYDAY, BYMONTHDAY or BYMONTH to pick from.")
    for item in parts["BYDAY"].split(",") if "BYDAY" in parts else []:
        match = _BYDAY_ITEM.fullmatch(item)
        if match is None:
            raise ValueError(f"'{item}' in BYDAY is not a weekday such as MO, 1MO or -1FR.")
        if match.group(1) is not None:
            if freq not in ("MONTHLY", "YEARLY"):
                raise ValueError(f"'{item}' (a numbered weekday) needs a monthly or yearly repeat.")
            if not 1 <= abs(int(match.group(1))) <= 53:
                raise ValueError(f"'{item}' in BYDAY is out of range.")


def _numbers(
    parts: dict[str, str], name: str, low: int, high: int | None, signed: bool = False
) -> None:
    if name not in parts:
        return
    for item in parts[name].split(","):
        try:
            number = int(item)
        except ValueError:
            raise ValueError(f"{name} must be a whole number, not '{item}'.") from None
        magnitude = abs(number) if signed else number
        if magnitude < low or (high is not None and magnitude > high):
            span = f"between {low} and {high}" if high is not None else f"at least {low}"
            sign = " (or minus that, counting from the end)" if signed else ""
            raise ValueError(f"{name} must be {span}{sign}, not {item}.")


def _until_local(value: str, tz: tzinfo) -> datetime:
    """UNTIL as a naive wall time in `tz`."""
    try:
        moment = datetime.strptime(value, _UNTIL_UTC).replace(tzinfo=UTC)
    except ValueError:
        raise ValueError(
            f"UNTIL must be a UTC time such as 20261231T225959Z, not {value}."
        ) from None
    return moment.astimezone(tz).replace(tzinfo=None)


def _recurrence(parts: dict[str, str], dtstart_wall: datetime, tz: tzinfo) -> rrule:
    body = ";".join(f"{k}={v}" for k, v in parts.items() if k != "UNTIL")
    # A single RRULE value parses to an rrule, never to an rruleset.
    recurrence = cast(rrule, rrulestr(body, dtstart=dtstart_wall))
    if "UNTIL" in parts:
        # dateutil refuses a UTC UNTIL next to a naive DTSTART; the local wall time means the same.
        recurrence = recurrence.replace(until=_until_local(parts["UNTIL"], tz))
    return recurrence


def _zone_of(moment: datetime) -> tzinfo:
    if moment.tzinfo is None:
        raise ValueError("The due time must carry the user's time zone.")
    return moment.tzinfo


def _last_day_up_to(day: int) -> str:
    """The latest of the 28th..`day` that the month has: `day` itself, or the month's last day."""
    return f"BYMONTHDAY={','.join(str(d) for d in range(28, day + 1))};BYSETPOS=-1"


def _is_last_day_clamp(parts: dict[str, str]) -> bool:
    days = parts.get("BYMONTHDAY", "").split(",")
    return (
        parts.get("BYSETPOS") == "-1"
        and "BYDAY" not in parts
        and len(days) > 1
        and days == [str(d) for d in range(28, 28 + len(days))]
    )


def _describe_days(parts: dict[str, str]) -> str:
    months = [MONTH_NAMES[int(m) - 1] for m in parts.get("BYMONTH", "").split(",") if m]
    in_months = f" in {_join(months)}" if months else ""
    yearly_single_month = parts["FREQ"] == "YEARLY" and len(months) == 1
    if _is_last_day_clamp(parts):
        last = int(parts["BYMONTHDAY"].split(",")[-1])
        if yearly_single_month and months[0] == "February" and last == 29:
            return " on 29 February, or 28 February in other years"
        if yearly_single_month:
            return f" on {last} {months[0]}, or the month's last day when shorter"
        if last == 31:
            return " on the last day" + in_months
        return f" on the {_day_ordinal(last)}, or the month's last day when shorter" + in_months
    if "BYMONTHDAY" in parts:
        days = [int(d) for d in parts["BYMONTHDAY"].split(",")]
        if yearly_single_month and len(days) == 1 and days[0] > 0:
            return f" on {days[0]} {months[0]}"
        return " on the " + _join([_month_day_word(d) for d in days]) + in_months
    if "BYDAY" in parts:
        matches = [_BYDAY_ITEM.fullmatch(item) for item in parts["BYDAY"].split(",")]
        days_of_week = [
            (m.group(1), _WEEKDAY_NAMES[WEEKDAYS.index(m.group(2))]) for m in matches if m
        ]
        if all(number is None for number, _ in days_of_week):
            names = [name for _, name in days_of_week]
            return (
                " on "
                + ("weekdays" if names == list(_WEEKDAY_NAMES[:5]) else _join(names))
                + in_months
            )
        numbered = [
            f"the {_ordinal_word(int(number))} {name}" if number else f"every {name}"
            for number, name in days_of_week
        ]
        scope = (
            f" of {_join(months)}"
            if months
            else (" of the year" if parts["FREQ"] == "YEARLY" else "")
        )
        return " on " + _join(numbered) + scope
    return in_months


def _ordinal_word(n: int) -> str:
    if n < 0:
        return "last" if n == -1 else f"{_ordinal_word(-n)}-to-last"
    return {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}.get(n) or _day_ordinal(n)


def _month_day_word(n: int) -> str:
    return _day_ordinal(n) if n > 0 else f"{_ordinal_word(n)} day"


def _day_ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _format_date(day: date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
