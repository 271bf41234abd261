"""The filters as SQL: who is in scope, and which times fall in the date range."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from talentdesk.core.db.datetimes import to_db
from talentdesk.core.metrics.dialect import truth
from talentdesk.core.metrics.model import Filters

Sql = tuple[str, list[object]]


def day_start(day: date) -> str:
    return to_db(datetime.combine(day, time(), UTC))


def in_range(column: str, filters: Filters, server: bool = False) -> Sql:
    """`column` (a stored UTC time) within the inclusive days of the filters; always true if
    unbounded ("1" on SQLite)."""
    parts: list[str] = []
    params: list[object] = []
    if filters.start is not None:
        parts.append(f"{column} >= ?")
        params.append(day_start(filters.start))
    if filters.end is not None:
        parts.append(f"{column} < ?")
        params.append(day_start(filters.end + timedelta(days=1)))
    return " AND ".join(parts) or truth(server), params


def people(candidate_id: str, filters: Filters, server: bool = False) -> Sql:
    """`candidate_id` is a member of the filtered pool and in the filtered vacancy's pipeline."""
    parts: list[str] = []
    params: list[object] = []
    if filters.pool_id is not None:
        parts.append(
            f"{candidate_id} IN (SELECT candidate_id FROM pool_membership WHERE pool_id = ?)"
        )
        params.append(filters.pool_id)
    if filters.vacancy_id is not None:
        parts.append(
            f"{candidate_id} IN (SELECT candidate_id FROM application WHERE vacancy_id = ?)"
        )
        params.append(filters.vacancy_id)
    return " AND ".join(parts) or truth(server), params


def both(*parts: Sql) -> Sql:
    sql = " AND ".join(p[0] for p in parts)
    params = [value for p in parts for value in p[1]]
    return sql, params


def range_text(filters: Filters) -> tuple[str, str]:
    """The date range as stored text bounds [low, high) for comparing in Python."""
    low = "" if filters.start is None else day_start(filters.start)
    high = "~" if filters.end is None else day_start(filters.end + timedelta(days=1))
    return low, high
