"""Pool health: how many members of pools with a keep-in-touch cadence were in touch, losing
touch (past the cadence) or lost (past twice the cadence) at the end of each week, as the
candidate list's touch marks say now; and how many contacts were logged each week."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from itertools import chain

from talentdesk.core.db.datetimes import from_db, to_db
from talentdesk.core.db.reader import ReadConnection, on_server
from talentdesk.core.metrics import scope
from talentdesk.core.metrics.dialect import as_text
from talentdesk.core.metrics.lookup import Lookup
from talentdesk.core.metrics.model import Column, Figure, Filters, Number, Row, Table
from talentdesk.core.metrics.stats import ids

DEFAULT_WEEKS = 12
# Each member of a pool with a cadence: when they joined, their cadence, whether they may be
# contacted, and (only for those who may: the others are in touch whatever the contacts) their
# last contact up to the first moment (?1; the index read backwards from it, stopping at the
# first that is not a note), and their contacts after it up to the last moment (?2), oldest
# first (the index on candidate and time gives that order).
_MEMBERS = (
    "SELECT m.candidate_id, m.added_at, p.cadence_days, c.status = 'do_not_contact' AS never,"
    " CASE WHEN c.status != 'do_not_contact' THEN (SELECT i.occurred_at FROM interaction i"
    " WHERE i.candidate_id = m.candidate_id AND i.kind != 'note' AND i.occurred_at <= ?1"
    " ORDER BY i.occurred_at DESC LIMIT 1) END,"
    " CASE WHEN c.status != 'do_not_contact' THEN (SELECT group_concat(i.occurred_at, ',')"
    " FROM interaction i WHERE i.candidate_id = m.candidate_id AND i.kind != 'note'"
    " AND i.occurred_at > ?1 AND i.occurred_at <= ?2) END"
    " FROM pool_membership m JOIN pool p ON p.id = m.pool_id"
    " JOIN candidate c ON c.id = m.candidate_id"
    " WHERE p.cadence_days IS NOT NULL AND m.added_at <= ?2"
)
# The same on a team database: times as SQLite's text, the moments as plain parameters in
# turn (first, first, last, last).
_SERVER_MEMBERS = (
    f"SELECT m.candidate_id, {as_text(True, 'm.added_at')}, p.cadence_days,"
    " c.status = 'do_not_contact' AS never,"
    f" CASE WHEN c.status != 'do_not_contact' THEN (SELECT {as_text(True, 'i.occurred_at')}"
    " FROM interaction i WHERE i.candidate_id = m.candidate_id AND i.kind != 'note'"
    " AND i.occurred_at <= CAST(? AS timestamp) ORDER BY i.occurred_at DESC LIMIT 1) END,"
    " CASE WHEN c.status != 'do_not_contact' THEN (SELECT"
    f" string_agg({as_text(True, 'i.occurred_at')}, ',')"
    " FROM interaction i WHERE i.candidate_id = m.candidate_id AND i.kind != 'note'"
    " AND i.occurred_at > CAST(? AS timestamp) AND i.occurred_at <= CAST(? AS timestamp)) END"
    " FROM pool_membership m JOIN pool p ON p.id = m.pool_id"
    " JOIN candidate c ON c.id = m.candidate_id"
    " WHERE p.cadence_days IS NOT NULL AND m.added_at <= CAST(? AS timestamp)"
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


def touch_rows(reader: ReadConnection, filters: Filters, now: datetime) -> tuple[Row, ...]:
    mondays = weeks(filters, now.date())
    if not mondays:
        return ()
    moments = [to_db(_moment(monday, now)) for monday in mondays]
    server = on_server(reader)
    where, params = scope.people("m.candidate_id", filters, server)
    if filters.pool_id is not None:
        where += " AND m.pool_id = ?"
        params.append(filters.pool_id)
    tally = _Tally(moments)
    first, last = moments[0], moments[-1]
    if server:
        twice = [first, first, last, last, *params]
        found = reader.execute(f"{_SERVER_MEMBERS} AND {where}", twice)
    else:
        found = reader.execute(f"{_MEMBERS} AND {where}", [first, last, *params])
    tally.read(found)
    return tuple(
        Row(m.isoformat(), f"Week of {m.isoformat()}", tally.counts(k), tally.people(k))
        for k, m in enumerate(mondays)
    )


class _Tally:
    """Members per touch mark and week, kept as stretches of weeks (a member's mark changes
    only a few times in the range): a count per stretch, and who, per mark and stretch."""

    def __init__(self, moments: list[str]) -> None:
        self._moments = moments
        self._who: dict[tuple[str, int, int], list[int]] = defaultdict(list)

    def read(self, members: Iterable[tuple[int, str, int, bool, str | None, str | None]]) -> None:
        """Each member (rows of _MEMBERS): the weeks from joining split where a later contact
        lands; within a stretch the last contact (`since`) is fixed, and the member is in
        touch, then losing touch once it is past the cadence, then lost (the limits only grow
        week by week). Who may not be contacted is in touch from joining, whatever the
        contacts."""
        moments, who, stretch = self._moments, self._who, self._stretch
        end = len(moments)
        thresholds: dict[int, tuple[list[str], list[str]]] = {}
        for cid, added, cadence, never_late, before, after in members:
            start = bisect_left(moments, added)
            if start >= end:
                continue
            if never_late:
                who["ok", start, end].append(cid)
                continue
            amber_at, red_at = thresholds.get(cadence) or thresholds.setdefault(
                cadence, _limits(moments, cadence)
            )
            since = before or added
            if after:
                for at in sorted(after.split(",")):
                    week = bisect_left(moments, at, start)
                    if week > start:
                        stretch(cid, since, start, week, amber_at, red_at)
                        start = week
                    since = at
            stretch(cid, since, start, end, amber_at, red_at)

    def _stretch(
        self, cid: int, since: str, lo: int, hi: int, amber_at: list[str], red_at: list[str]
    ) -> None:
        """Weeks lo to hi (not included, never empty) with `since` the last contact: in
        touch, losing touch, lost."""
        amber = bisect_left(amber_at, since, lo, hi)
        red = bisect_left(red_at, since, amber, hi)
        who = self._who
        if amber > lo:
            who["ok", lo, amber].append(cid)
        if red > amber:
            who["amber", amber, red].append(cid)
        if hi > red:
            who["red", red, hi].append(cid)

    def _covering(self, touch: str, week: int) -> list[list[int]]:
        return [who for (t, lo, hi), who in self._who.items() if t == touch and lo <= week < hi]

    def counts(self, week: int) -> dict[str, Number]:
        return {t.key: sum(map(len, self._covering(t.key, week))) for t in TOUCH}

    def people(self, week: int) -> dict[str, Sequence[int]]:
        return {t.key: ids(chain.from_iterable(self._covering(t.key, week))) for t in TOUCH}


def _limits(moments: list[str], cadence: int) -> tuple[list[str], list[str]]:
    """At each moment, the last contact at or before which a member is amber, and red (as the
    candidate list's touch marks: past the cadence, past twice the cadence); both grow."""
    return (
        [to_db(from_db(at) - timedelta(days=cadence)) for at in moments],
        [to_db(from_db(at) - timedelta(days=2 * cadence)) for at in moments],
    )


def contact_rows(
    reader: ReadConnection, filters: Filters, now: datetime, lookup: Lookup
) -> tuple[Row, ...]:
    """Per week (to the end of the range, today by default): whole weeks read from the
    `contact_week` summary (db/summary.py) in one pass, a week cut short by the range's end
    counted on the timeline; the people behind them read when asked for."""
    mondays = weeks(filters, now.date())
    last = (filters.end or now.date()) + timedelta(days=1)
    whole = _whole_weeks(reader, filters, mondays, last)
    server = on_server(reader)
    rows = []
    for monday in mondays:
        week = Filters(start=monday, end=min(monday + timedelta(weeks=1), last) - timedelta(days=1),
                       pool_id=filters.pool_id, vacancy_id=filters.vacancy_id)  # fmt: skip
        where, params = scope.both(
            scope.in_range("i.occurred_at", week, server),
            scope.people("i.candidate_id", week, server),
        )
        contacts = f"FROM interaction i WHERE i.kind != 'note' AND {where}"
        key = monday.isoformat()
        if monday + timedelta(weeks=1) <= last:
            count, people = whole.get(key, (0, 0))
        else:
            count, people = reader.execute(
                f"SELECT count(*), count(DISTINCT i.candidate_id) {contacts}", params
            ).fetchone()
        who = lookup.people(f"SELECT i.candidate_id {contacts}", params)
        rows.append(Row(key, f"Week of {key}", {"contacts": count, "people": people},
                        {"contacts": who, "people": who}))  # fmt: skip
    return tuple(rows)


def _whole_weeks(
    reader: ReadConnection, filters: Filters, mondays: list[date], last: date
) -> dict[str, tuple[int, int]]:
    """Contacts and people per whole week of `mondays`, by the week's Monday."""
    if not mondays:
        return {}
    where, params = scope.people("w.candidate_id", filters, on_server(reader))
    found = reader.execute(
        "SELECT w.week, sum(w.contacts), count(*) FROM contact_week w"
        f" WHERE w.week >= ? AND w.week <= ? AND {where} GROUP BY w.week",
        [mondays[0].isoformat(), (last - timedelta(weeks=1)).isoformat(), *params],
    )
    # int(): a server's sum() is a numeric (a Decimal in Python)
    return {week: (int(contacts), people) for week, contacts, people in found}


def health_figure(
    reader: ReadConnection, filters: Filters, now: datetime, lookup: Lookup | None = None
) -> Figure:
    lookup = lookup or Lookup.over(reader)
    return Figure(
        "pool_health",
        "Pool health",
        (
            Table("touch", "Members in touch over time", TOUCH, touch_rows(reader, filters, now),
                  "Members of pools with a keep-in-touch cadence, at the end of each week."),
            Table("contacts_per_week", "Contacts logged per week", CONTACTS,
                  contact_rows(reader, filters, now, lookup), "Every timeline entry but notes."),
        ),
    )  # fmt: skip
