"""A `Period` as the stored-datetime bounds it stands for at a given moment (the injected clock's
now), so a saved "last 12 months" moves with time."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from talentdesk.core.db.datetimes import to_db
from talentdesk.core.lists.filters import Period


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (31 March - 1 month: 28/29 Feb)."""
    import calendar  # (with locale) when a period is used, not at the window's start

    total = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(total, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def _ago(now: datetime, days: int | None, months: int | None) -> datetime | None:
    if days is not None:
        return now - timedelta(days=days)
    if months is not None:
        return months_before(now, months)
    return None


def bounds(period: Period, now: datetime) -> tuple[datetime | None, datetime | None]:
    """From (inclusive) and until (exclusive); None: open on that side. Fixed dates are whole
    days in UTC."""
    if period.is_relative:
        return (
            _ago(now, period.days, period.months),
            _ago(now, period.until_days, period.until_months),
        )
    start = None if period.start is None else datetime.combine(period.start, time(), UTC)
    end = None
    if period.end is not None:
        end = datetime.combine(period.end + timedelta(days=1), time(), UTC)
    return start, end


def range_sql(column: str, period: Period | None, now: datetime) -> tuple[str, list[object]]:
    """`column` within the period as SQL ('' when it does not limit anything)."""
    if period is None:
        return "", []
    start, end = bounds(period, now)
    parts: list[str] = []
    params: list[object] = []
    if start is not None:
        parts.append(f"{column} >= ?")
        params.append(to_db(start))
    if end is not None:
        parts.append(f"{column} < ?")
        params.append(to_db(end))
    return " AND ".join(parts), params
