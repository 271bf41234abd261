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

import calendar
import sqlite3
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from talentdesk.core import settings
from talentdesk.core.db.datetimes import to_db
from talentdesk.core.db.enums import (
    NOT_HIRED_KINDS,
    ReminderOrigin,
    StageKind,
)
from talentdesk.core.ops.changes import Changes
from talentdesk.core.privacy import reminders as privacy_reminders
from talentdesk.core.privacy.contactable import contactable_sql
from talentdesk.core.reminders import freshness
from talentdesk.core.reminders.recurrence import MONTH_NAMES
from talentdesk.core.reminders.snooze import at_working_day_start
from talentdesk.core.timezone import local_zone

if TYPE_CHECKING:
    from talentdesk.core.db.migrate import Database

GENERATED = frozenset(ReminderOrigin) - {ReminderOrigin.MANUAL}
POOL_BOUND = frozenset({ReminderOrigin.CADENCE, ReminderOrigin.FEEDBACK})
# Stage kinds owed an answer at once, and the kind owed one after a while.
_NOT_HIRED = ", ".join(f"'{k.value}'" for k in sorted(NOT_HIRED_KINDS))
_INTERVIEWING = f"'{StageKind.INTERVIEWING.value}'"
BIRTHDAY_HORIZON_DAYS = 30
UNKNOWN_YEAR_BEFORE = 1900
# A done birthday reminder due this close before a birthday was for that birthday.
_BIRTHDAY_DONE_WINDOW = timedelta(days=180)
# Datetime arithmetic in SQL, written back in the stored text format (to the millisecond).
_DB_TIME = "'%Y-%m-%d %H:%M:%f000'"
# Nobody who may not be contacted (do not contact, consent withdrawn) is reminded of anything.
_CONTACTABLE = contactable_sql("c")


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

    def work() -> RefreshSummary:
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
        raw = db.writer.connection.connection.dbapi_connection
        everyone = candidate_ids is None and pool_ids is None and origins is None
        if everyone and isinstance(raw, sqlite3.Connection):  # a server keeps no stamps
            freshness.stamp(raw, now, tz)
            db.writer.stamps_hold()
        return summary

    return db.writer.run(work, label="updating the reminders TalentDesk keeps")


def refresh_in(
    connection: Connection,
    now: datetime,
    tz: tzinfo | None,
    *,
    candidate_ids: Iterable[int] | None = None,
    pool_ids: Iterable[int] | None = None,
    origins: Collection[ReminderOrigin] | None = None,
) -> RefreshSummary:
    """`refresh` inside the caller's transaction (a service's, after its own change).

    Not on a team database yet: the rules below are SQLite's SQL (text times, julianday,
    temp tables), so a PostgreSQL server keeps only the reminders people write (issue 18).
    """
    if connection.dialect.name != "sqlite":
        return RefreshSummary(0, 0)
    wanted = GENERATED if origins is None else GENERATED & set(origins)
    if pool_ids is not None:
        wanted &= POOL_BOUND
    scope = _Scope(connection, candidate_ids, pool_ids)
    if not wanted or scope.empty:
        return RefreshSummary(0, 0)
    run = connection.exec_driver_sql
    run(
        "CREATE TEMP TABLE IF NOT EXISTS generated_wanted (candidate_id INTEGER NOT NULL,"
        " origin TEXT NOT NULL, pool_key INTEGER NOT NULL, pool_id INTEGER, vacancy_id INTEGER,"
        " kind TEXT NOT NULL,"
        " due_at TEXT NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (candidate_id, origin, pool_key))"
    )
    run("DELETE FROM temp.generated_wanted")
    at = to_db(now)
    if ReminderOrigin.CADENCE in wanted:
        run(_cadence_sql(scope), (at, at))
    if ReminderOrigin.FEEDBACK in wanted:
        days = settings.read(connection, settings.FEEDBACK_AFTER_INTERVIEW_DAYS)
        run(_feedback_sql(scope, days), (at, to_db(now - timedelta(days=days))))
        if scope.pools is None:  # vacancies belong to no pool
            run(_vacancy_feedback_sql(scope, days), (at, to_db(now - timedelta(days=days))))
    if ReminderOrigin.BIRTHDAY in wanted:
        _birthday_window(connection, now, local_zone(tz))
        run(_birthday_sql(scope))
    if ReminderOrigin.CONSENT in wanted:
        privacy_reminders.renewal(connection, now, scope.on("c.id"))
    if ReminderOrigin.NOTICE in wanted:
        privacy_reminders.notice(connection, scope.on("c.id"))

    in_scope = "origin IN (" + ", ".join(f"'{o.value}'" for o in sorted(wanted)) + ")"
    in_scope += scope.on("reminder.candidate_id", "reminder.pool_id")
    same = (
        "w.candidate_id = reminder.candidate_id AND w.origin = reminder.origin"
        " AND w.pool_key = coalesce(reminder.pool_id, -reminder.vacancy_id, 0)"
    )
    removed = run(
        "DELETE FROM reminder WHERE done_at IS NULL AND origin != 'manual' AND "
        + in_scope
        + f" AND NOT EXISTS (SELECT 1 FROM temp.generated_wanted w WHERE {same})"
    ).rowcount
    # A new due time is announced again; a snooze is the recruiter's choice and stays.
    # The changed rows first (the wanted ones outermost, an index lookup each), then the
    # update by id: as one flattened query SQLite would scan every open reminder.
    run(
        "WITH x AS MATERIALIZED (SELECT reminder.id AS reminder_id, w.due_at, w.reason"
        "  FROM temp.generated_wanted w CROSS JOIN reminder WHERE reminder.done_at IS NULL"
        f"  AND reminder.origin != 'manual' AND {same} AND reminder.due_at != w.due_at)"
        " UPDATE reminder SET due_at = x.due_at, reason = x.reason,"
        " notified_at = CASE WHEN snoozed_until IS NULL THEN NULL ELSE notified_at END"
        " FROM x WHERE reminder.id = x.reminder_id"
    )
    moved = run("SELECT changes()").scalar_one()  # the driver counts no WITH … UPDATE
    created = run(
        "INSERT INTO reminder"
        " (candidate_id, due_at, kind, created_at, origin, reason, pool_id, vacancy_id, owner_id)"
        " SELECT w.candidate_id, w.due_at, w.kind, ?, w.origin, w.reason, w.pool_id, w.vacancy_id,"
        "  (SELECT c.owner_id FROM candidate c WHERE c.id = w.candidate_id)"  # theirs to follow
        " FROM temp.generated_wanted w WHERE NOT EXISTS (SELECT 1 FROM reminder"
        f" WHERE reminder.done_at IS NULL AND reminder.origin != 'manual' AND {same})",
        (at,),
    ).rowcount
    run("DELETE FROM temp.generated_wanted")
    return RefreshSummary(created=created, removed=removed, moved=moved)


class _Scope:
    """The candidates and pools a refresh is narrowed to, in temporary tables (a list of
    100,000 ids is too long for one statement's parameters)."""

    def __init__(
        self,
        connection: Connection,
        candidate_ids: Iterable[int] | None,
        pool_ids: Iterable[int] | None,
    ) -> None:
        self.candidates = self._fill(connection, "generated_scope_candidate", candidate_ids)
        self.pools = self._fill(connection, "generated_scope_pool", pool_ids)
        self.empty = self.candidates == "" or self.pools == ""

    @staticmethod
    def _fill(connection: Connection, table: str, ids: Iterable[int] | None) -> str | None:
        """The subquery selecting `ids`; None for everyone, "" for no one."""
        if ids is None:
            return None
        rows = [(int(i),) for i in dict.fromkeys(ids)]
        if not rows:
            return ""
        connection.exec_driver_sql(
            f"CREATE TEMP TABLE IF NOT EXISTS {table} (id INTEGER PRIMARY KEY)"
        )
        connection.exec_driver_sql(f"DELETE FROM temp.{table}")
        connection.exec_driver_sql(f"INSERT INTO temp.{table} (id) VALUES (?)", rows)
        return f"SELECT id FROM temp.{table}"

    def on(self, candidate_column: str, pool_column: str | None = None) -> str:
        """SQL that keeps what the scope selects (empty when it selects everything)."""
        sql = ""
        if self.candidates:
            sql += f" AND {candidate_column} IN ({self.candidates})"
        if self.pools and pool_column is not None:
            sql += f" AND {pool_column} IN ({self.pools})"
        return sql


def _cadence_sql(scope: _Scope) -> str:
    """Members past their pool's cadence; parameters: now twice."""
    # Each pool's threshold is worked out once; the last completed check-in is looked up only
    # for members past it.
    return f"""
    WITH p AS MATERIALIZED (
        SELECT id, name, cadence_days,
            strftime({_DB_TIME}, ?, '-' || cadence_days || ' days') AS threshold
        FROM pool WHERE cadence_days IS NOT NULL
    )
    INSERT INTO temp.generated_wanted
        (candidate_id, origin, pool_key, pool_id, kind, due_at, reason)
    SELECT candidate_id, 'cadence', pool_id, pool_id, 'check_in',
        strftime({_DB_TIME}, max(contact, coalesce(handled, contact)),
                 '+' || cadence_days || ' days'),
        CASE WHEN contacted
            THEN 'No contact for ' || days || ' days in pool ' || pool_name
            ELSE 'No contact since joining pool ' || pool_name || ' ' || days || ' days ago'
        END
    FROM (
        SELECT late.*, CAST(julianday(?) - julianday(contact) AS INTEGER) AS days, (
            SELECT max(r.done_at) FROM reminder r
            WHERE r.candidate_id = late.candidate_id AND r.done_at IS NOT NULL
              AND r.origin = 'cadence' AND r.pool_id = late.pool_id
        ) AS handled
        FROM (
            SELECT m.candidate_id, m.pool_id, p.cadence_days, p.name AS pool_name, p.threshold,
                c.last_contact_at IS NOT NULL AS contacted,
                coalesce(c.last_contact_at, m.added_at) AS contact
            FROM p
            JOIN pool_membership m ON m.pool_id = p.id
            JOIN candidate c ON c.id = m.candidate_id
            WHERE {_CONTACTABLE} AND coalesce(c.last_contact_at, m.added_at) <= p.threshold
              {scope.on("m.candidate_id", "m.pool_id")}
        ) AS late
    )
    WHERE handled IS NULL OR handled <= threshold
    """


def _feedback_sql(scope: _Scope, interview_days: int) -> str:
    """Members owed feedback; parameters: now, and `interview_days` before it."""
    return f"""
    INSERT INTO temp.generated_wanted
        (candidate_id, origin, pool_key, pool_id, kind, due_at, reason)
    SELECT candidate_id, 'feedback', pool_id, pool_id, 'feedback_owed',
        CASE WHEN rejected THEN changed
             ELSE strftime({_DB_TIME}, changed, '+{interview_days} days') END,
        CASE WHEN rejected
            THEN 'Moved to ' || stage_name || ' in pool ' || pool_name || ' — tell them'
            ELSE 'Interviewing for ' || CAST(julianday(?) - julianday(changed) AS INTEGER)
                 || ' days in pool ' || pool_name
        END
    FROM (
        SELECT m.candidate_id, m.pool_id, s.name AS stage_name, p.name AS pool_name,
            s.kind IN ({_NOT_HIRED}) AS rejected,
            coalesce(m.stage_changed_at, m.added_at) AS changed
        FROM pool_membership m
        JOIN pool_stage s ON s.id = m.stage_id
        JOIN pool p ON p.id = m.pool_id
        JOIN candidate c ON c.id = m.candidate_id
        WHERE m.stage_id IN (SELECT id FROM pool_stage
                             WHERE kind IN ({_NOT_HIRED}, {_INTERVIEWING}))
          AND {_CONTACTABLE}
          {scope.on("m.candidate_id", "m.pool_id")}
    ) AS owed
    WHERE (rejected OR changed <= ?)
      AND NOT EXISTS (
          SELECT 1 FROM interaction i
          WHERE i.candidate_id = owed.candidate_id AND i.kind = 'feedback'
            AND i.occurred_at >= owed.changed)
      AND NOT EXISTS (
          SELECT 1 FROM reminder r
          WHERE r.candidate_id = owed.candidate_id AND r.done_at IS NOT NULL
            AND r.origin = 'feedback' AND r.pool_id = owed.pool_id
            AND r.done_at >= owed.changed)
    """


def _vacancy_feedback_sql(scope: _Scope, interview_days: int) -> str:
    """Applicants owed feedback on a vacancy (the same rules as in a pool); one reminder per
    candidate and vacancy, keyed by minus the vacancy's id (a pool's key is its id).
    Parameters: now, `interview_days` ago."""
    return f"""
    INSERT INTO temp.generated_wanted
        (candidate_id, origin, pool_key, pool_id, vacancy_id, kind, due_at, reason)
    SELECT candidate_id, 'feedback', -vacancy_id, NULL, vacancy_id, 'feedback_owed',
        CASE WHEN rejected THEN changed
             ELSE strftime({_DB_TIME}, changed, '+{interview_days} days') END,
        CASE WHEN rejected
            THEN 'Moved to ' || stage || ' for vacancy ' || title || ' — tell them'
            ELSE 'Interviewing for ' || CAST(julianday(?) - julianday(changed) AS INTEGER)
                 || ' days for vacancy ' || title
        END
    FROM (
        SELECT a.candidate_id, a.vacancy_id, s.name AS stage, v.title,
            s.kind IN ({_NOT_HIRED}) AS rejected,
            coalesce((SELECT max(h.moved_at) FROM application_stage_change h
                      WHERE h.application_id = a.id), a.created_at) AS changed
        FROM vacancy_stage s
        JOIN application a ON a.vacancy_id = s.vacancy_id AND a.stage_id = s.id
        JOIN vacancy v ON v.id = a.vacancy_id
        JOIN candidate c ON c.id = a.candidate_id
        WHERE s.kind IN ({_NOT_HIRED}, {_INTERVIEWING}) AND {_CONTACTABLE}
          {scope.on("a.candidate_id")}
    ) AS owed
    WHERE (rejected OR changed <= ?)
      AND NOT EXISTS (
          SELECT 1 FROM interaction i
          WHERE i.candidate_id = owed.candidate_id AND i.kind = 'feedback'
            AND i.occurred_at >= owed.changed)
      AND NOT EXISTS (
          SELECT 1 FROM reminder r
          WHERE r.candidate_id = owed.candidate_id AND r.done_at IS NOT NULL
            AND r.origin = 'feedback' AND r.vacancy_id = owed.vacancy_id
            AND r.done_at >= owed.changed)
    """


def _birthday_window(connection: Connection, now: datetime, tz: tzinfo) -> None:
    """A small table of the birthdays ("MM-DD") whose reminder is due within the horizon,
    with the date they fall on, when the reminder is due and how to say it."""
    days_before = settings.read(connection, settings.BIRTHDAY_DAYS_BEFORE)
    day_start = settings.read(connection, settings.WORK_DAY_START)
    today = now.astimezone(tz).date()
    rows = []
    for offset in range(BIRTHDAY_HORIZON_DAYS + days_before + 1):
        day = today + timedelta(days=offset)
        due = to_db(at_working_day_start(day - timedelta(days=days_before), tz, day_start))
        done_since = to_db(at_working_day_start(day, tz, day_start) - _BIRTHDAY_DONE_WINDOW)
        row = (day.year, due, done_since, f"{day.day} {MONTH_NAMES[day.month - 1]}")
        rows.append((f"{day:%m-%d}", *row))
        if day.month == 2 and day.day == 28 and not calendar.isleap(day.year):
            rows.append(("02-29", *row))
    run = connection.exec_driver_sql
    run(
        "CREATE TEMP TABLE IF NOT EXISTS generated_birthday_window (month_day TEXT PRIMARY KEY,"
        " year INTEGER NOT NULL, due_at TEXT NOT NULL, done_since TEXT NOT NULL,"
        " label TEXT NOT NULL)"
    )
    run("DELETE FROM temp.generated_birthday_window")
    run("INSERT INTO temp.generated_birthday_window VALUES (?, ?, ?, ?, ?)", rows)


def _birthday_sql(scope: _Scope) -> str:
    born = "CAST(substr(c.birthday, 1, 4) AS INTEGER)"
    return f"""
    INSERT INTO temp.generated_wanted
        (candidate_id, origin, pool_key, pool_id, kind, due_at, reason)
    SELECT c.id, 'birthday', 0, NULL, 'birthday', w.due_at,
        'Birthday on ' || w.label || CASE WHEN {born} >= {UNKNOWN_YEAR_BEFORE}
            THEN ' (turns ' || (w.year - {born}) || ')' ELSE '' END
    FROM candidate c
    JOIN temp.generated_birthday_window w ON w.month_day = substr(c.birthday, 6, 5)
    WHERE c.birthday IS NOT NULL AND {_CONTACTABLE} {scope.on("c.id")}
      AND NOT EXISTS (
          SELECT 1 FROM reminder r
          WHERE r.candidate_id = c.id AND r.done_at IS NOT NULL
            AND r.origin = 'birthday' AND r.due_at >= w.done_since)
    """
