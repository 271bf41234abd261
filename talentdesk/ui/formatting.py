"""How dates and times read in the window: local time, relative where that helps."""

from __future__ import annotations

from datetime import date, datetime


def local(value: datetime) -> datetime:
    return value.astimezone()


def format_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    return local(value).strftime("%d %b %Y %H:%M")


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = local(value).date()
    return value.strftime("%d %b %Y")


def relative_day(value: datetime | None, now: datetime) -> str:
    """“today”, “yesterday”, “in 3 days”, “5 days ago”, or a date beyond a month."""
    if value is None:
        return ""
    days = (local(value).date() - local(now).date()).days
    if days == 0:
        return f"today {local(value):%H:%M}"
    if days == -1:
        return "yesterday"
    if days == 1:
        return "tomorrow"
    if -31 <= days < 0:
        return f"{-days} days ago"
    if 0 < days <= 31:
        return f"in {days} days"
    return format_date(value)
