"""The rules of the reminders TalentDesk writes itself (generated.py says what they are), each
as set-based SQL adding the open reminders it wants to the `generated_wanted` table, on SQLite
and on a PostgreSQL server alike (the dialects' differences in time_sql.py)."""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta, tzinfo

from talentdesk.core import settings
from talentdesk.core.db.enums import NOT_HIRED_KINDS, StageKind
from talentdesk.core.privacy.contactable import contactable_sql
from talentdesk.core.reminders.recurrence import MONTH_NAMES
from talentdesk.core.reminders.snooze import at_working_day_start
from talentdesk.core.reminders.time_sql import TimeSql

# Stage kinds owed an answer at once, and the kind owed one after a while.
_NOT_HIRED = ", ".join(f"'{k.value}'" for k in sorted(NOT_HIRED_KINDS))
_INTERVIEWING = f"'{StageKind.INTERVIEWING.value}'"
BIRTHDAY_HORIZON_DAYS = 30
UNKNOWN_YEAR_BEFORE = 1900
# A done birthday reminder due this close before a birthday was for that birthday.
_BIRTHDAY_DONE_WINDOW = timedelta(days=180)
# Nobody who may not be contacted (do not contact, consent withdrawn) is reminded of anything.
_CONTACTABLE = contactable_sql("c")


def wanted_table(sql: TimeSql) -> None:
    """The (emptied) table the rules fill: one row per wanted open reminder."""
    sql.run(
        "CREATE TEMP TABLE IF NOT EXISTS generated_wanted (candidate_id INTEGER NOT NULL,"
        " origin TEXT NOT NULL, pool_key INTEGER NOT NULL, pool_id INTEGER, vacancy_id INTEGER,"
        f" kind TEXT NOT NULL, due_at {sql.time_type} NOT NULL, reason TEXT NOT NULL,"
        " PRIMARY KEY (candidate_id, origin, pool_key))"
    )
    sql.run(f"DELETE FROM {sql.temp('generated_wanted')}")


def cadence(sql: TimeSql, scope_on: str, now: datetime) -> None:
    """Members past their pool's cadence. `scope_on` narrows on m.candidate_id, m.pool_id."""
    # Each pool's threshold is worked out once; the last completed check-in is looked up only
    # for members past it.
    sql.run(
        f"""
    WITH p AS MATERIALIZED (
        SELECT id, name, cadence_days, {sql.minus_days(sql.param, "cadence_days")} AS threshold
        FROM pool WHERE cadence_days IS NOT NULL
    )
    INSERT INTO {sql.temp("generated_wanted")}
        (candidate_id, origin, pool_key, pool_id, kind, due_at, reason)
    SELECT candidate_id, 'cadence', pool_id, pool_id, 'check_in',
        {sql.plus_days(sql.later_of("contact", "coalesce(handled, contact)"), "cadence_days")},
        CASE WHEN contacted
            THEN 'No contact for ' || days || ' days in pool ' || pool_name
            ELSE 'No contact since joining pool ' || pool_name || ' ' || days || ' days ago'
        END
    FROM (
        SELECT late.*, {sql.whole_days(sql.param, "contact")} AS days, (
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
              {scope_on}
        ) AS late
    ) AS due
    WHERE handled IS NULL OR handled <= threshold
    """,
        (sql.value(now), sql.value(now)),
    )


def _owed(sql: TimeSql, interview_days: int, where: str) -> str:
    """The due time and the reason's start of owed feedback (`where`: ' in pool ' ...)."""
    return f"""
        CASE WHEN rejected THEN changed
             ELSE {sql.plus_days("changed", str(interview_days))} END,
        CASE WHEN rejected
            THEN 'Moved to ' || stage_name || '{where}' || owner || ' — tell them'
            ELSE 'Interviewing for ' || {sql.whole_days(sql.param, "changed")}
                 || ' days{where}' || owner
        END"""


def _not_given(key: str) -> str:
    """No feedback logged, nor a feedback reminder done, since the stage changed."""
    return f"""
      AND NOT EXISTS (
          SELECT 1 FROM interaction i
          WHERE i.candidate_id = owed.candidate_id AND i.kind = 'feedback'
            AND i.occurred_at >= owed.changed)
      AND NOT EXISTS (
          SELECT 1 FROM reminder r
          WHERE r.candidate_id = owed.candidate_id AND r.done_at IS NOT NULL
            AND r.origin = 'feedback' AND r.{key} = owed.{key}
            AND r.done_at >= owed.changed)"""


def feedback(sql: TimeSql, scope_on: str, now: datetime, interview_days: int) -> None:
    """Members owed feedback. `scope_on` narrows on m.candidate_id, m.pool_id."""
    sql.run(
        f"""
    INSERT INTO {sql.temp("generated_wanted")}
        (candidate_id, origin, pool_key, pool_id, kind, due_at, reason)
    SELECT candidate_id, 'feedback', pool_id, pool_id, 'feedback_owed',
        {_owed(sql, interview_days, " in pool ")}
    FROM (
        SELECT m.candidate_id, m.pool_id, s.name AS stage_name, p.name AS owner,
            s.kind IN ({_NOT_HIRED}) AS rejected,
            coalesce(m.stage_changed_at, m.added_at) AS changed
        FROM pool_membership m
        JOIN pool_stage s ON s.id = m.stage_id
        JOIN pool p ON p.id = m.pool_id
        JOIN candidate c ON c.id = m.candidate_id
        WHERE m.stage_id IN (SELECT id FROM pool_stage
                             WHERE kind IN ({_NOT_HIRED}, {_INTERVIEWING}))
          AND {_CONTACTABLE}
          {scope_on}
    ) AS owed
    WHERE (rejected OR changed <= {sql.param}) {_not_given("pool_id")}
    """,
        (sql.value(now), sql.value(now - timedelta(days=interview_days))),
    )


def vacancy_feedback(sql: TimeSql, scope_on: str, now: datetime, interview_days: int) -> None:
    """Applicants owed feedback on a vacancy (the same rules as in a pool); one reminder per
    candidate and vacancy, keyed by minus the vacancy's id (a pool's key is its id).
    `scope_on` narrows on a.candidate_id."""
    sql.run(
        f"""
    INSERT INTO {sql.temp("generated_wanted")}
        (candidate_id, origin, pool_key, pool_id, vacancy_id, kind, due_at, reason)
    SELECT candidate_id, 'feedback', -vacancy_id, NULL, vacancy_id, 'feedback_owed',
        {_owed(sql, interview_days, " for vacancy ")}
    FROM (
        SELECT a.candidate_id, a.vacancy_id, s.name AS stage_name, v.title AS owner,
            s.kind IN ({_NOT_HIRED}) AS rejected,
            coalesce((SELECT max(h.moved_at) FROM application_stage_change h
                      WHERE h.application_id = a.id), a.created_at) AS changed
        FROM vacancy_stage s
        JOIN application a ON a.vacancy_id = s.vacancy_id AND a.stage_id = s.id
        JOIN vacancy v ON v.id = a.vacancy_id
        JOIN candidate c ON c.id = a.candidate_id
        WHERE s.kind IN ({_NOT_HIRED}, {_INTERVIEWING}) AND {_CONTACTABLE}
          {scope_on}
    ) AS owed
    WHERE (rejected OR changed <= {sql.param}) {_not_given("vacancy_id")}
    """,
        (sql.value(now), sql.value(now - timedelta(days=interview_days))),
    )


def birthday_window(sql: TimeSql, now: datetime, tz: tzinfo) -> None:
    """A small table of the birthdays ("MM-DD") whose reminder is due within the horizon,
    with the date they fall on, when the reminder is due and how to say it."""
    days_before = settings.read(sql.connection, settings.BIRTHDAY_DAYS_BEFORE)
    day_start = settings.read(sql.connection, settings.WORK_DAY_START)
    today = now.astimezone(tz).date()
    rows = []
    for offset in range(BIRTHDAY_HORIZON_DAYS + days_before + 1):
        day = today + timedelta(days=offset)
        due = sql.value(at_working_day_start(day - timedelta(days=days_before), tz, day_start))
        done_since = sql.value(at_working_day_start(day, tz, day_start) - _BIRTHDAY_DONE_WINDOW)
        row = (day.year, due, done_since, f"{day.day} {MONTH_NAMES[day.month - 1]}")
        rows.append((f"{day:%m-%d}", *row))
        if day.month == 2 and day.day == 28 and not calendar.isleap(day.year):
            rows.append(("02-29", *row))
    sql.run(
        "CREATE TEMP TABLE IF NOT EXISTS generated_birthday_window (month_day TEXT PRIMARY KEY,"
        f" year INTEGER NOT NULL, due_at {sql.time_type} NOT NULL,"
        f" done_since {sql.time_type} NOT NULL, label TEXT NOT NULL)"
    )
    table = sql.temp("generated_birthday_window")
    sql.run(f"DELETE FROM {table}")
    sql.run(f"INSERT INTO {table} VALUES (?, ?, ?, ?, ?)", rows)


def birthdays(sql: TimeSql, scope_on: str) -> None:
    """Birthdays in the window (`birthday_window`). `scope_on` narrows on c.id."""
    born = sql.year("c.birthday")
    sql.run(
        f"""
    INSERT INTO {sql.temp("generated_wanted")}
        (candidate_id, origin, pool_key, pool_id, kind, due_at, reason)
    SELECT c.id, 'birthday', 0, NULL, 'birthday', w.due_at,
        'Birthday on ' || w.label || CASE WHEN {born} >= {UNKNOWN_YEAR_BEFORE}
            THEN ' (turns ' || (w.year - {born}) || ')' ELSE '' END
    FROM candidate c
    JOIN {sql.temp("generated_birthday_window")} w
        ON w.month_day = {sql.month_day("c.birthday")}
    WHERE c.birthday IS NOT NULL AND {_CONTACTABLE} {scope_on}
      AND NOT EXISTS (
          SELECT 1 FROM reminder r
          WHERE r.candidate_id = c.id AND r.done_at IS NOT NULL
            AND r.origin = 'birthday' AND r.due_at >= w.done_since)
    """
    )
