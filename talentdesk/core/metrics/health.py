"""Pool health: how many members of pools with a keep-in-touch cadence were in touch, losing
touch (past the cadence) or lost (past twice the cadence) at the end of each week, as the
candidate list's touch marks say now; and how many contacts were logged each week."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

from talentdesk.core.db.datetimes import to_db
from talentdesk.core.metrics import scope
from talentdesk.core.metrics.model import Column, Figure, Filters, Row, Table
from talentdesk.core.metrics.stats import ids

DEFAULT_WEEKS = 12
_DB_TIME = "'%Y-%m-%d %H:%M:%f000'"
# A member's touch at time ?1 (as candidate_list._TOUCH: never contacted counts from joining).
_TOUCH_AT = (
    "CASE WHEN c.status = 'do_not_contact' THEN 'ok'"
    " WHEN coalesce({last}, m.added_at)"
    " <= strftime(" + _DB_TIME + ", ?1, '-' || (2 * p.cadence_days) || ' days') THEN 'red'"
    " WHEN coalesce({last}, m.added_at)"
    " <= strftime(" + _DB_TIME + ", ?1, '-' || p.cadence_days || ' days') THEN 'amber'"
    " ELSE 'ok' END"
)
_LAST_CONTACT_AT = (
    "(SELECT max(i.occurred_at) FROM interaction i WHERE i.candidate_id = m.candidate_id"
    " AND i.kind != 'note' AND i.occurred_at <= ?1)"
)
TOUCH = (Column("ok", "In touch"), Column("amber", "Losing touch"), Column("red", "Lost touch"))
CONTACTS = (Column("contacts", "Contacts logged"), Column("people", "People contacted"))


def weeks(filters: Filters, today: date) -> list[date]:
    """The Mondays of the weeks in the range (default: the last 12 weeks up to today)."""
    end = filters.end or today
    start = filters.start or end - timedelta(weeks=DEFAULT_WEEKS - 1)
    monday = start - timedelta(days=start.weekday())
    found = []
    while monday <= end:
        found.append(monday)
        monday += timedelta(weeks=1)
    return found


def _moment(monday: date, now: datetime) -> datetime:
    """The end of that week, or now for the week under way."""
    return min(datetime.combine(monday + timedelta(weeks=1), time(), UTC), now)


def touch_rows(reader: sqlite3.Connection, filters: Filters, now: datetime) -> tuple[Row, ...]:
    where, params = scope.people("m.candidate_id", filters)
    if filters.pool_id is not None:
        where += " AND m.pool_id = ?"
        params.append(filters.pool_id)
    rows = []
    for monday in weeks(filters, now.date()):
        at = to_db(_moment(monday, now))
        found: dict[str, set[int]] = defaultdict(set)
        counts: dict[str, int] = defaultdict(int)
        for cid, touch in reader.execute(
            f"SELECT m.candidate_id, {_TOUCH_AT.format(last=_LAST_CONTACT_AT)}"
            " FROM pool_membership m JOIN pool p ON p.id = m.pool_id"
            " JOIN candidate c ON c.id = m.candidate_id"
            f" WHERE p.cadence_days IS NOT NULL AND m.added_at <= ?1 AND {where}",
            [at, *params],
        ):
            counts[touch] += 1
            found[touch].add(cid)
        key = monday.isoformat()
        rows.append(Row(key, f"Week of {key}", {t.key: counts[t.key] for t in TOUCH},
                        {t.key: ids(found[t.key]) for t in TOUCH}))  # fmt: skip
    return tuple(rows)


def contact_rows(reader: sqlite3.Connection, filters: Filters, now: datetime) -> tuple[Row, ...]:
    mondays = weeks(filters, now.date())
    if not mondays:
        return ()
    bounded = Filters(start=mondays[0], end=filters.end or now.date(), pool_id=filters.pool_id,
                      vacancy_id=filters.vacancy_id)  # fmt: skip
    where, params = scope.both(
        scope.in_range("i.occurred_at", bounded), scope.people("i.candidate_id", bounded)
    )
    counts: dict[str, int] = defaultdict(int)
    people: dict[str, set[int]] = defaultdict(set)
    for week, cid, n in reader.execute(
        "SELECT date(i.occurred_at, 'weekday 0', '-6 days'), i.candidate_id, count(*)"
        f" FROM interaction i WHERE i.kind != 'note' AND {where} GROUP BY 1, 2",
        params,
    ):
        counts[week] += n
        people[week].add(cid)
    return tuple(
        Row(k, f"Week of {k}", {"contacts": counts[k], "people": len(people[k])},
            {"contacts": ids(people[k]), "people": ids(people[k])})
        for k in (m.isoformat() for m in mondays)
    )  # fmt: skip


def health_figure(reader: sqlite3.Connection, filters: Filters, now: datetime) -> Figure:
    return Figure(
        "pool_health",
        "Pool health",
        (
            Table("touch", "Members in touch over time", TOUCH, touch_rows(reader, filters, now),
                  "Members of pools with a keep-in-touch cadence, at the end of each week."),
            Table("contacts_per_week", "Contacts logged per week", CONTACTS,
                  contact_rows(reader, filters, now), "Every timeline entry but notes."),
        ),
    )  # fmt: skip
