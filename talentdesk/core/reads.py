"""What the window shows at a glance, read with plain SQL on the reader connection: pool
counts, who is losing touch, and the reminders overview. Writing goes through the services."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time, timedelta, tzinfo
from typing import NamedTuple

from talentdesk.core.clock import Clock
from talentdesk.core.db.datetimes import from_db, to_db
from talentdesk.core.db.enums import CandidateStatus, ReminderKind, ReminderOrigin
from talentdesk.core.db.read_sql import as_text, days_before, no_limit
from talentdesk.core.db.reader import ReadConnection, on_server
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.privacy import contactable
from talentdesk.core.users.mine import reminder_scope, several_users

# Where a reminder stands now: a snooze pushes it to `snoozed_until`. The same expression is
# indexed (ix_reminder_open_due), so it must be written exactly like this.
EFFECTIVE_DUE_SQL = "coalesce(snoozed_until, due_at)"


# A due reminder as `due_rows` reads it: id, candidate_id, first name, last name, kind,
# origin, due (stored text, snooze included), note, reason.
DueRow = tuple[int, int, str, str, str, str, str, str | None, str | None]


def due_sql(columns: str, mine: str = "") -> str:
    """The open reminders due before a time, soonest first: `columns` of `reminder r` joined
    to `candidate c`; `mine` the reminder scope's condition. Its last parameter is the end of
    the period (stored text). In the order of ix_reminder_open_due: no sort."""
    return (
        f"SELECT {columns} FROM reminder r JOIN candidate c ON c.id = r.candidate_id"
        f" WHERE r.done_at IS NULL{mine} AND {EFFECTIVE_DUE_SQL} < ?"
        f" ORDER BY {EFFECTIVE_DUE_SQL}, r.id"
    )


def _due_row_columns(due: str) -> str:
    """A `DueRow`'s columns, `due` the expression of the due time as stored text."""
    return (
        f"r.id, r.candidate_id, c.first_name, c.last_name, r.kind, r.origin, {due}, r.note,"
        " r.reason"
    )


DUE_ROWS_SQL = due_sql(_due_row_columns(EFFECTIVE_DUE_SQL))
# A team database gives datetimes: read as the text a row holds in the local file.
_DUE_ON_SERVER = as_text(True, EFFECTIVE_DUE_SQL)


# The records below are NamedTuples, not frozen dataclasses: the window makes them before its
# first paint, and a dataclass costs ~2-4 ms to create (Python 3.11 compiles six methods).
class PoolSummary(NamedTuple):
    id: int
    name: str
    colour: str
    description: str | None
    members: int | None  # None: not counted (the window's first paint does not wait)
    cadence_days: int | None = None  # keep in touch with every member this often


class ReminderItem(NamedTuple):
    id: int
    candidate_id: int
    candidate_name: str
    kind: ReminderKind
    due_at: datetime
    note: str | None
    done_at: datetime | None
    reason: str | None = None  # why TalentDesk made it (None: the recruiter did)
    origin: ReminderOrigin = ReminderOrigin.MANUAL
    recurrence: str | None = None  # an RFC 5545 RRULE
    due_before_snooze: datetime | None = None  # set when snoozed (due_at is the snooze end)
    # Why the person may not be contacted ("do not contact", "consent withdrawn"), or None.
    not_contacted: str | None = None


class ReminderGroup(NamedTuple):
    key: str  # "overdue", "today", "week" or "later"
    title: str
    total: int  # not `exact`: at least this many (counted up to a cap)
    items: list[ReminderItem]
    exact: bool = True


# Counted on the GUI thread up to this many; past it, "at least" (the exact count of 552,000
# takes ~0.1 s, read on a thread of its own: ReadModel over `Workspace.own_reads`).
COUNT_CAP = 10_000


class DayBounds(NamedTuple):
    """Now, the start of tomorrow and the end of the coming week, in the user's local time."""

    now: datetime
    tomorrow: datetime
    week_end: datetime

    @classmethod
    def at(cls, now: datetime, tz: tzinfo | None = None) -> DayBounds:
        local = now.astimezone(tz)
        tomorrow = datetime.combine(local.date() + timedelta(days=1), time(), local.tzinfo)
        return cls(now, tomorrow, tomorrow + timedelta(days=7))


_GROUPS = (
    ("overdue", "Overdue"),
    ("today", "Today"),
    ("week", "Next 7 days"),
    ("later", "Later"),
)
# How far back a member's last contact is: never contacted counts from joining the pool.
_CONTACT_SQL = "coalesce(c.last_contact_at, m.added_at)"


class ReadModel:
    def __init__(self, reader: ReadConnection, clock: Clock, tz: tzinfo | None = None) -> None:
        self._reader = reader
        self._server = on_server(reader)
        self._clock = clock
        self._tz = tz  # None: the computer's local time zone

    def pool_summaries(self, counted: bool = True) -> list[PoolSummary]:
        """Every pool with its member count (unless not `counted`), in name order."""
        members = (
            "(SELECT count(*) FROM pool_membership m WHERE m.pool_id = p.id)" if counted else "NULL"
        )
        rows = self._reader.execute(
            f"SELECT p.id, p.name, p.colour, p.description, {members}, p.cadence_days"
            " FROM pool p ORDER BY lower(p.name)"
        )
        return [PoolSummary(*row) for row in rows]

    def pool_id_by_name(self, name: str) -> int:
        """The pool called `name` (any case); a TalentDeskError listing the pools otherwise."""
        pools = self.pool_summaries()
        for pool in pools:
            if pool.name.casefold() == name.strip().casefold():
                return pool.id
        names = ", ".join(p.name for p in pools) or "none yet"
        raise TalentDeskError(f"There is no pool named “{name}”.", f"Pools: {names}.")

    def candidate_names(self, ids: list[int]) -> dict[int, str]:
        """Display names of the candidates `ids` (those that still exist)."""
        names: dict[int, str] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = self._reader.execute(
                "SELECT id, trim(first_name || ' ' || last_name) FROM candidate"
                f" WHERE id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            names.update(rows)
        return names

    def several_users(self) -> bool:
        """Whether more than one recruiter uses the database ("My candidates" then means
        something, and the timeline names who logged what)."""
        return several_users(self._reader)

    def total_candidates(self) -> int:
        return int(self._reader.execute("SELECT count(*) FROM candidate").fetchone()[0])

    def losing_touch_counts(self) -> dict[int, tuple[int, int]]:
        """Per pool with a cadence: (amber, red), the members whose last contact is past the
        cadence but not twice it, and those past twice the cadence. "Do not contact"
        candidates are left out, as their check-ins are."""
        now = to_db(self._clock())
        # Each pool's two thresholds are worked out once, not per member.
        amber = days_before(self._server, "?", "cadence_days")
        red = days_before(self._server, "?", "2 * cadence_days")
        rows = self._reader.execute(
            f"WITH p AS MATERIALIZED (SELECT id, {amber} AS amber_from, {red} AS red_from"
            f"  FROM pool WHERE cadence_days IS NOT NULL)"
            f" SELECT p.id,"
            f" count(*) FILTER (WHERE {_CONTACT_SQL} <= p.amber_from"
            f"  AND {_CONTACT_SQL} > p.red_from),"
            f" count(*) FILTER (WHERE {_CONTACT_SQL} <= p.red_from)"
            f" FROM p JOIN pool_membership m ON m.pool_id = p.id"
            f" JOIN candidate c ON c.id = m.candidate_id"
            f" WHERE c.status != ? GROUP BY p.id",
            (now, now, CandidateStatus.DO_NOT_CONTACT.value),
        )
        counts = {pool_id: (amber, red) for pool_id, amber, red in rows}
        with_cadence = self._reader.execute("SELECT id FROM pool WHERE cadence_days IS NOT NULL")
        return {pool_id: counts.get(pool_id, (0, 0)) for (pool_id,) in with_cadence}

    def reminder_overview(
        self, limit_per_group: int = 200, *, with_later: bool = False, cap: int | None = None
    ) -> list[ReminderGroup]:
        """Open reminders that are overdue, due today, or due in the next seven days; with
        `with_later`, also a fourth group of everything due after that. `cap`: count each
        group up to that many only (then the group is not `exact`)."""
        bounds = DayBounds.at(self._clock(), self._tz)
        edges = [None, to_db(bounds.now), to_db(bounds.tomorrow), to_db(bounds.week_end), None]
        if not with_later:
            edges.pop()
        groups = []
        for (key, title), low, high in zip(_GROUPS, edges[:-1], edges[1:], strict=False):
            mine, params = reminder_scope(self._reader)  # the current user's and nobody's
            where = "r.done_at IS NULL" + mine
            if high is not None:
                where += f" AND {EFFECTIVE_DUE_SQL} < ?"
                params.append(high)
            if low is not None:
                where += f" AND {EFFECTIVE_DUE_SQL} >= ?"
                params.append(low)
            count = self._count(where, params, cap)
            items = self._items(where, params, limit_per_group) if count else []
            exact = cap is None or count <= cap
            groups.append(ReminderGroup(key, title, min(count, cap or count), items, exact))
        return groups

    def due_counts(
        self, now: datetime, start_of_today: datetime, cap: int | None = None
    ) -> tuple[int, int] | None:
        """(due by `now`, of which due before `start_of_today`) for the tray; None when
        `cap` is given and either is past it."""
        mine, params = reminder_scope(self._reader)  # the current user's and nobody's
        where = f"r.done_at IS NULL{mine} AND {EFFECTIVE_DUE_SQL} <= ?"
        due = self._count(where, [*params, to_db(now)], cap)
        if cap is not None and due > cap:
            return None
        before = f"{where} AND {EFFECTIVE_DUE_SQL} < ?"
        overdue = self._count(before, [*params, to_db(now), to_db(start_of_today)], cap)
        return due, overdue

    def unannounced_counts(self, now: datetime, by_kind_up_to: int) -> tuple[int, dict[str, int]]:
        """How many open reminders due by `now` were never announced, and, when there are
        at most `by_kind_up_to`, how many of each kind (else {}): the tray's backlog summary.
        The total is counted in the unannounced ones' own index alone (0.2 s for 552,000);
        by kind each row is read (4 s there)."""
        where = (
            "FROM reminder r INDEXED BY ix_reminder_unannounced WHERE r.done_at IS NULL"
            f" AND r.notified_at IS NULL AND {EFFECTIVE_DUE_SQL} <= ?"
        )
        params = [to_db(now)]
        total = int(self._reader.execute(f"SELECT count(*) {where}", params).fetchone()[0])
        if total > by_kind_up_to:
            return total, {}
        rows = self._reader.execute(f"SELECT r.kind, count(*) {where} GROUP BY r.kind", params)
        return total, {str(kind): int(count) for kind, count in rows}

    def _count(self, where: str, params: list[object], cap: int | None) -> int:
        """How many open reminders meet `where`; given `cap`, counting stops past it (one
        more than `cap` then: an index range is counted entry by entry)."""
        sql = "SELECT 1 FROM reminder r WHERE " + where
        if cap is None:
            sql = f"SELECT count(*) FROM ({sql}) AS n"
            return int(self._reader.execute(sql, params).fetchone()[0])
        return int(
            self._reader.execute(
                f"SELECT count(*) FROM ({sql} LIMIT ?) AS n", [*params, cap + 1]
            ).fetchone()[0]
        )

    def open_reminders(self, until: datetime, since: datetime | None = None) -> list[ReminderItem]:
        """Open reminders due (snooze included) before `until` and, given `since`, not before
        it; soonest first."""
        mine, params = reminder_scope(self._reader)
        where = f"r.done_at IS NULL{mine} AND {EFFECTIVE_DUE_SQL} < ?"
        params.append(to_db(until))
        if since is not None:
            where += f" AND {EFFECTIVE_DUE_SQL} >= ?"
            params.append(to_db(since))
        return self._items(where, params, None)

    def due_rows(self, until: datetime) -> Iterator[DueRow]:
        """Open reminders due (snooze included) before `until`, soonest first, as the cursor
        reads them: `talentdesk due` writes each out before reading the next, so 500,000 of
        them take no more memory than one."""
        mine, params = reminder_scope(self._reader)
        due = _DUE_ON_SERVER if self._server else EFFECTIVE_DUE_SQL
        sql = due_sql(_due_row_columns(due), mine)
        return iter(self._reader.execute(sql, (*params, to_db(until))))

    def due_json(self, until: datetime, now: datetime) -> Iterator[str]:
        """`due_rows` as compact JSON objects, each flagged overdue against `now`
        (core/reminders/due_json.py: SQLite builds them on the local file)."""
        from talentdesk.core.reminders import due_json

        if self._server:
            return due_json.formatted(self.due_rows(until), now)
        mine, params = reminder_scope(self._reader)
        return due_json.built(self._reader, mine, params, until, now)

    def _items(self, where: str, params: list[object], limit: int | None) -> list[ReminderItem]:
        """`limit` None: all of them."""
        rows = self._reader.execute(
            f"SELECT r.id, r.candidate_id, c.first_name, c.last_name, r.kind,"
            f" {EFFECTIVE_DUE_SQL}, r.note, r.reason, r.origin, r.recurrence,"
            f" {contactable.reason_sql('c')} FROM reminder r"
            f" JOIN candidate c ON c.id = r.candidate_id"
            f" WHERE {where} ORDER BY {EFFECTIVE_DUE_SQL}, r.id LIMIT ?",
            [*params, no_limit(self._server) if limit is None else limit],
        )
        return [
            ReminderItem(
                id=rid,
                candidate_id=cid,
                candidate_name=f"{first} {last}".strip(),
                kind=ReminderKind(kind),
                due_at=from_db(due),  # a NOT NULL column
                note=note,
                done_at=None,
                reason=reason,
                origin=ReminderOrigin(origin),
                recurrence=rule,
                not_contacted=blocked,
            )
            for rid, cid, first, last, kind, due, note, reason, origin, rule, blocked in rows
        ]
