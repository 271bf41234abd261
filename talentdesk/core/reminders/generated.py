"""Reminders TalentDesk writes itself, each saying why it exists.

- Cadence: a member of a pool with a keep-in-touch cadence of N days whose last contact (or,
  never contacted, the day they joined) is N or more days ago gets one check-in, due N days
  after that contact.
- Birthday: due at the start of the working day on the birthday (or the set number of days
  before), once that is at most 30 days ahead; 29 February is kept on the 28th in other years.
  A birth year before 1900 means the year is unknown (Apple Contacts stores 1604), so the
  reason gives no age.
- Feedback: a member or applicant moved to a stage of kind rejected, declined or withdrawn
  ("Not a fit", "Declined", "Withdrawn" by default, whatever they are called), or at an
  interviewing stage for the set number of days, is owed feedback unless a feedback interaction
  was logged since the stage changed.

Generated reminders are derived state. `refresh` works out, in set-based SQL, which open ones
should exist for the candidates and pools in scope, then deletes the open ones no longer
wanted (contact logged, left the pool, cadence removed, birthday passed, feedback given),
moves those whose due time changed (announced again unless snoozed), and inserts the missing
ones. Deleting rather than marking them done keeps "done" meaning that someone dealt with it.
Completing one counts as dealing with it: a check-in completed at T restarts the cadence at T,
and completed feedback or birthday reminders are not made again for the same stage change or
birthday. Manual reminders are never touched, nor are candidates marked "do not contact"
reminded of anything, nor those whose consent is withdrawn (core/privacy/contactable.py).
Consent renewal and information notice reminders are core/privacy/reminders.py's.

At most one open generated reminder per candidate, origin and pool or vacancy is also what
the unique index `ux_reminder_open_generated` enforces.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from talentdesk.core import settings
from talentdesk.core.db.enums import ReminderOrigin
from talentdesk.core.ops.changes import Changes
from talentdesk.core.privacy import reminders as privacy_reminders
from talentdesk.core.reminders import freshness
from talentdesk.core.reminders import generated_rules as rules
from talentdesk.core.reminders.time_sql import TimeSql
from talentdesk.core.timezone import local_zone

if TYPE_CHECKING:
    from talentdesk.core.db.migrate import Database

GENERATED = frozenset(ReminderOrigin) - {ReminderOrigin.MANUAL}
POOL_BOUND = frozenset({ReminderOrigin.CADENCE, ReminderOrigin.FEEDBACK})
# On a server, a scope of up to this many ids is written into the statements as a list.
_LISTED = 1000


@dataclass(frozen=True)
class RefreshSummary:
    created: int
    removed: int
    moved: int = 0  # open ones whose due time changed


def refresh(
    db: Database,
    now: datetime,
    tz: tzinfo | None,
    *,
    candidate_ids: Iterable[int] | None = None,
    pool_ids: Iterable[int] | None = None,
    origins: Collection[ReminderOrigin] | None = None,
) -> RefreshSummary:
    """Bring the generated reminders up to date in an operation of their own.

    `candidate_ids` narrows to those candidates, `pool_ids` to reminders bound to those pools
    (cadence and feedback; birthdays are nobody's pool), `origins` to some reasons; given
    together they narrow to what all of them select. `tz` None: the computer's time zone.
    """

    everyone = candidate_ids is None and pool_ids is None and origins is None
    # Inside another operation a server's refresh may not stamp: colleagues may be writing.
    stamping = everyone and not db.writer.on_write_path()

    def work() -> RefreshSummary:
        raw = db.writer.connection.connection.dbapi_connection
        summary = refresh_in(
            db.writer.connection,
            now,
            tz,
            candidate_ids=candidate_ids,
            pool_ids=pool_ids,
            origins=origins,
        )
        if summary.created or summary.removed or summary.moved:
            db.writer.note(Changes(reminders=True, pools=True))
        if everyone and isinstance(raw, sqlite3.Connection):
            freshness.stamp(raw, now, tz)
            db.writer.stamps_hold()
        elif stamping:  # alone on the team database meanwhile (server_stamps.py)
            freshness.stamp_on_server(db.writer.connection, now, tz)
            db.writer.stamps_hold()
        return summary

    label = "updating the reminders TalentDesk keeps"
    return db.writer.run(work, label=label, stamping=stamping)


def refresh_in(
    connection: Connection,
    now: datetime,
    tz: tzinfo | None,
    *,
    candidate_ids: Iterable[int] | None = None,
    pool_ids: Iterable[int] | None = None,
    origins: Collection[ReminderOrigin] | None = None,
) -> RefreshSummary:
    """`refresh` inside the caller's transaction (a service's, after its own change), on
    SQLite or a PostgreSQL server."""
    wanted = GENERATED if origins is None else GENERATED & set(origins)
    if pool_ids is not None:
        wanted &= POOL_BOUND
    sql = TimeSql(connection)
    scope = _Scope(sql, candidate_ids, pool_ids)
    if not wanted or scope.empty:
        return RefreshSummary(0, 0)
    rules.wanted_table(sql)
    members = scope.on("m.candidate_id", "m.pool_id")
    if ReminderOrigin.CADENCE in wanted:
        rules.cadence(sql, members, now)
    if ReminderOrigin.FEEDBACK in wanted:
        days = settings.read(connection, settings.FEEDBACK_AFTER_INTERVIEW_DAYS)
        rules.feedback(sql, members, now, days)
        if scope.pools is None:  # vacancies belong to no pool
            rules.vacancy_feedback(sql, scope.on("a.candidate_id"), now, days)
    if ReminderOrigin.BIRTHDAY in wanted:
        rules.birthday_window(sql, now, local_zone(tz))
        rules.birthdays(sql, scope.on("c.id"))
    if ReminderOrigin.CONSENT in wanted:
        privacy_reminders.renewal(sql, now, scope.on("c.id"))
    if ReminderOrigin.NOTICE in wanted:
        privacy_reminders.notice(sql, scope.on("c.id"))
    return _apply(sql, wanted, scope, now)


def _apply(
    sql: TimeSql, wanted: Collection[ReminderOrigin], scope: _Scope, now: datetime
) -> RefreshSummary:
    """Delete the open generated reminders in scope no longer wanted, move those whose due
    time changed and add the missing ones."""
    in_scope = "origin IN (" + ", ".join(f"'{o.value}'" for o in sorted(wanted)) + ")"
    in_scope += scope.on("reminder.candidate_id", "reminder.pool_id")
    table = sql.temp("generated_wanted")
    same = (
        "w.candidate_id = reminder.candidate_id AND w.origin = reminder.origin"
        " AND w.pool_key = coalesce(reminder.pool_id, -reminder.vacancy_id, 0)"
    )
    removed = sql.run(
        "DELETE FROM reminder WHERE done_at IS NULL AND origin != 'manual' AND "
        + in_scope
        + f" AND NOT EXISTS (SELECT 1 FROM {table} w WHERE {same})"
    ).rowcount
    # A new due time is announced again; a snooze is the recruiter's choice and stays.
    # The changed rows first (the wanted ones outermost, an index lookup each), then the
    # update by id: as one flattened query SQLite would scan every open reminder.
    moved = sql.run(
        "WITH x AS MATERIALIZED (SELECT reminder.id AS reminder_id, w.due_at, w.reason"
        f"  FROM {table} w CROSS JOIN reminder WHERE reminder.done_at IS NULL"
        f"  AND reminder.origin != 'manual' AND {same} AND reminder.due_at != w.due_at)"
        " UPDATE reminder SET due_at = x.due_at, reason = x.reason,"
        " notified_at = CASE WHEN snoozed_until IS NULL THEN NULL ELSE notified_at END"
        " FROM x WHERE reminder.id = x.reminder_id"
    ).rowcount
    if not sql.server:  # SQLite's driver counts no WITH … UPDATE
        moved = sql.run("SELECT changes()").scalar_one()
    created = sql.run(
        "INSERT INTO reminder"
        " (candidate_id, due_at, kind, created_at, origin, reason, pool_id, vacancy_id, owner_id)"
        f" SELECT w.candidate_id, w.due_at, w.kind, {sql.param}, w.origin, w.reason, w.pool_id,"
        " w.vacancy_id,"
        "  (SELECT c.owner_id FROM candidate c WHERE c.id = w.candidate_id)"  # theirs to follow
        f" FROM {table} w WHERE NOT EXISTS (SELECT 1 FROM reminder"
        f" WHERE reminder.done_at IS NULL AND reminder.origin != 'manual' AND {same})",
        (sql.value(now),),
    ).rowcount
    sql.run(f"DELETE FROM {table}")
    return RefreshSummary(created=created, removed=removed, moved=moved)


class _Scope:
    """The candidates and pools a refresh is narrowed to, in temporary tables (a list of
    100,000 ids is too long for one statement's parameters); on a server, a few ids as a list
    in the statement (planned by the index, where an unanalysed table was read whole)."""

    def __init__(
        self,
        sql: TimeSql,
        candidate_ids: Iterable[int] | None,
        pool_ids: Iterable[int] | None,
    ) -> None:
        self.candidates = self._fill(sql, "generated_scope_candidate", candidate_ids)
        self.pools = self._fill(sql, "generated_scope_pool", pool_ids)
        self.empty = self.candidates == "" or self.pools == ""

    @staticmethod
    def _fill(sql: TimeSql, table: str, ids: Iterable[int] | None) -> str | None:
        """The subquery selecting `ids`; None for everyone, "" for no one."""
        if ids is None:
            return None
        rows = [(int(i),) for i in dict.fromkeys(ids)]
        if not rows:
            return ""
        if sql.server and len(rows) <= _LISTED:  # a server plans a list by the ids' index
            return ", ".join(str(i) for (i,) in rows)
        sql.run(f"CREATE TEMP TABLE IF NOT EXISTS {table} (id INTEGER PRIMARY KEY)")
        sql.run(f"DELETE FROM {sql.temp(table)}")
        sql.run(f"INSERT INTO {sql.temp(table)} (id) VALUES (?)", rows)
        if sql.server:  # a temporary table has no statistics until analysed
            sql.run(f"ANALYZE {sql.temp(table)}")
        return f"SELECT id FROM {sql.temp(table)}"

    def on(self, candidate_column: str, pool_column: str | None = None) -> str:
        """SQL that keeps what the scope selects (empty when it selects everything)."""
        sql = ""
        if self.candidates:
            sql += f" AND {candidate_column} IN ({self.candidates})"
        if self.pools and pool_column is not None:
            sql += f" AND {pool_column} IN ({self.pools})"
        return sql
