"""Pool health: how many members of pools with a keep-in-touch cadence were in touch, losing
touch (past the cadence) or lost (past twice the cadence) at the end of each week, as the
candidate list's touch marks say now; and how many contacts were logged each week."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

from talentdesk.core.db.datetimes import from_db, to_db
from talentdesk.core.metrics import scope
from talentdesk.core.metrics.model import Column, Figure, Filters, Row, Table
from talentdesk.core.metrics.stats import ids

DEFAULT_WEEKS = 12
# Each member of a pool with a cadence: when they joined, their cadence, whether they may be
# contacted, their last contact up to the first moment (?1), and their contacts after it up to
# the last moment (?2), oldest first (the index on candidate and time gives that order).
_MEMBERS = (
    "SELECT m.candidate_id, m.added_at, p.cadence_days, c.status = 'do_not_contact',"
    " (SELECT max(i.occurred_at) FROM interaction i WHERE i.candidate_id = m.candidate_id"
    " AND i.kind != 'note' AND i.occurred_at <= ?1),"
    " (SELECT group_concat(i.occurred_at, ',') FROM interaction i"
    " WHERE i.candidate_id = m.candidate_id AND i.kind != 'note' AND i.occurred_at > ?1"
    " AND i.occurred_at <= ?2)"
    " FROM pool_membership m JOIN pool p ON p.id = m.pool_id"
    " JOIN candidate c ON c.id = m.candidate_id"
    " WHERE p.cadence_days IS NOT NULL AND m.added_at <= ?2"
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
    mondays = weeks(filters, now.date())
    if not mondays:
        return ()
    moments = [to_db(_moment(monday, now)) for monday in mondays]
    where, params = scope.people("m.candidate_id", filters)
    if filters.pool_id is not None:
        where += " AND m.pool_id = ?"
        params.append(filters.pool_id)
    found: list[dict[str, set[int]]] = [defaultdict(set) for _ in moments]
    counts: list[dict[str, int]] = [defaultdict(int) for _ in moments]
    thresholds: dict[int, list[tuple[str, str]]] = {}
    for cid, added, cadence, never_late, before, after in reader.execute(
        f"{_MEMBERS} AND {where}", [moments[0], moments[-1], *params]
    ):
        later = sorted(after.split(",")) if after else []
        last, step = before, 0
        limits = thresholds.get(cadence) or thresholds.setdefault(
            cadence, _limits(moments, cadence)
        )
        for k, at in enumerate(moments):
            if added > at:
                continue
            while step < len(later) and later[step] <= at:
                last, step = later[step], step + 1
            since = last or added
            touch = (
                "ok" if never_late
                else "red" if since <= limits[k][1]
                else "amber" if since <= limits[k][0]
                else "ok"
            )  # fmt: skip
            counts[k][touch] += 1
            found[k][touch].add(cid)
    return tuple(
        Row(m.isoformat(), f"Week of {m.isoformat()}", {t.key: counts[k][t.key] for t in TOUCH},
            {t.key: ids(found[k][t.key]) for t in TOUCH})
        for k, m in enumerate(mondays)
    )  # fmt: skip


def _limits(moments: list[str], cadence: int) -> list[tuple[str, str]]:
    """At each moment, the last contact at or before which a member is amber, and red (as the
    candidate list's touch marks: past the cadence, past twice the cadence)."""
    return [
        (to_db(from_db(at) - timedelta(days=cadence)),
         to_db(from_db(at) - timedelta(days=2 * cadence)))
        for at in moments
    ]  # fmt: skip


def contact_rows(reader: sqlite3.Connection, filters: Filters, now: datetime) -> tuple[Row, ...]:
    mondays = weeks(filters, now.date())
    if not mondays:
        return ()
    bounded = Filters(start=mondays[0], end=filters.end or now.date(), pool_id=filters.pool_id,
                      vacancy_id=filters.vacancy_id)  # fmt: skip
    where, params = scope.both(
        scope.in_range("i.occurred_at", bounded), scope.people("i.candidate_id", bounded)
    )
    counts: dict[str, int] = {}
    people: dict[str, tuple[int, ...]] = {}
    for week, n, who in reader.execute(  # the ids as text: one string a week, not a row each
        "SELECT date(i.occurred_at, 'weekday 0', '-6 days'), count(*),"
        " group_concat(DISTINCT i.candidate_id)"
        f" FROM interaction i WHERE i.kind != 'note' AND {where} GROUP BY 1",
        params,
    ):
        counts[week] = n
        people[week] = ids(map(int, who.split(",")))
    return tuple(
        Row(k, f"Week of {k}", {"contacts": counts.get(k, 0), "people": len(people.get(k, ()))},
            {"contacts": people.get(k, ()), "people": people.get(k, ())})
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
