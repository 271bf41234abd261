"""Whether the reminders TalentDesk writes itself (core/reminders/generated.py) are current,
so that `talentdesk due` reads them with the standard library alone and writes nothing.

A full refresh leaves a stamp (core/ops/stamps.py): when it ran and until when its result
holds as time passes. Any later change to the database deletes the stamp (the write path
does it), so what is left to check is time. Which generated reminders are wanted changes with
time alone only when
- a pool member's check-in falls due (last contact, or last completed check-in, plus the
  cadence),
- someone has been at an interviewing stage long enough to be owed feedback (pool or vacancy),
- consent comes within the renewal notice of its end,
- the local day changes (birthdays come into range, birthdays pass).
The stamp holds until the first of these after the refresh. Each bound is found from below
(a check-in completed long ago counts as a time too), so a stamp may expire early, never late.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, tzinfo

from talentdesk.core.db.datetimes import from_db, to_db
from talentdesk.core.db.enums import StageKind
from talentdesk.core.db.preflight import schema_head
from talentdesk.core.db.reader import ReadConnection
from talentdesk.core.ops import stamps

NAME = "generated_reminders"
_DB_TIME = "'%Y-%m-%d %H:%M:%f000'"
_INTERVIEWING = f"'{StageKind.INTERVIEWING.value}'"

# Each: the first time after the refresh at which time alone makes a new reminder wanted
# (stored text), or NULL. Parameters as named.
_NEXT_CHECK_IN = f"""
    SELECT min(strftime({_DB_TIME}, coalesce(c.last_contact_at, m.added_at),
                        '+' || p.cadence_days || ' days'))
    FROM pool p JOIN pool_membership m ON m.pool_id = p.id
    JOIN candidate c ON c.id = m.candidate_id
    WHERE p.cadence_days IS NOT NULL
      AND coalesce(c.last_contact_at, m.added_at)
          > strftime({_DB_TIME}, :now, '-' || p.cadence_days || ' days')
"""
_NEXT_CHECK_IN_AFTER_DONE = f"""
    SELECT min(strftime({_DB_TIME}, r.done_at, '+' || p.cadence_days || ' days'))
    FROM pool p CROSS JOIN reminder r ON r.pool_id = p.id  -- pools first: by the pool index
    WHERE r.origin = 'cadence' AND r.done_at IS NOT NULL AND p.cadence_days IS NOT NULL
      AND r.done_at > strftime({_DB_TIME}, :now, '-' || p.cadence_days || ' days')
"""
_NEXT_POOL_FEEDBACK = f"""
    SELECT min(strftime({_DB_TIME}, coalesce(m.stage_changed_at, m.added_at),
                        '+' || :days || ' days'))
    FROM pool_membership m
    WHERE m.stage_id IN (SELECT id FROM pool_stage WHERE kind = {_INTERVIEWING})
      AND coalesce(m.stage_changed_at, m.added_at) > :interviewing_since
"""
_NEXT_VACANCY_FEEDBACK = f"""
    SELECT min(strftime({_DB_TIME}, changed, '+' || :days || ' days')) FROM (
        SELECT coalesce((SELECT max(h.moved_at) FROM application_stage_change h
                         WHERE h.application_id = a.id), a.created_at) AS changed
        FROM application a
        WHERE a.stage_id IN (SELECT id FROM vacancy_stage WHERE kind = {_INTERVIEWING})
    ) WHERE changed > :interviewing_since
"""
_NEXT_CONSENT_RENEWAL = f"""
    SELECT min(strftime({_DB_TIME}, expires_at, '-' || :renewal_days || ' days'))
    FROM consent WHERE status IN ('given', 'expired') AND expires_at > :renewal_from
"""


def valid_until(connection: sqlite3.Connection, now: datetime, tz: tzinfo | None) -> datetime:
    """The first moment after `now` at which time alone may make the generated reminders
    refreshed at `now` out of date (at the latest the start of the next local day)."""
    from talentdesk.core import settings

    days = settings.read(connection, settings.FEEDBACK_AFTER_INTERVIEW_DAYS)
    renewal_days = settings.read(connection, settings.CONSENT_RENEWAL_DAYS_BEFORE)
    params = {
        "now": to_db(now),
        "days": days,
        "interviewing_since": to_db(now - timedelta(days=days)),
        "renewal_days": renewal_days,
        "renewal_from": to_db(now + timedelta(days=renewal_days)),
    }
    local = now.astimezone(tz)
    until = datetime.combine(local.date() + timedelta(days=1), datetime.min.time(), local.tzinfo)
    for sql in (
        _NEXT_CHECK_IN,
        _NEXT_CHECK_IN_AFTER_DONE,
        _NEXT_POOL_FEEDBACK,
        _NEXT_VACANCY_FEEDBACK,
        _NEXT_CONSENT_RENEWAL,
    ):
        found = connection.execute(sql, params).fetchone()[0]
        if found is not None:
            until = min(until, from_db(found))
    return until


def stamp(connection: sqlite3.Connection, now: datetime, tz: tzinfo | None) -> None:
    """Record, in the refresh's own transaction, that the generated reminders are current as
    of `now` (the caller then tells the writer: `Writer.stamps_hold`). An unchanged stamp is left
    as it is, so a refresh that changes nothing writes nothing either."""
    until = to_db(valid_until(connection, now, tz))
    old = stamps.read(connection, NAME)
    if old is not None and old.get("until") == until and old.get("schema") == schema_head():
        old_at = _time(old.get("at"))
        if old_at is not None and old_at <= now:
            return
    stamps.write(connection, NAME, {"at": to_db(now), "until": until, "schema": schema_head()})


def is_fresh(reader: ReadConnection, now: datetime, tz: tzinfo | None) -> bool:
    """The generated reminders need no refresh at `now` (read only, standard library). A team
    database keeps no stamps (the write path skips them there): never."""
    if not isinstance(reader, sqlite3.Connection):
        return False
    found = stamps.read(reader, NAME)
    if found is None or found.get("schema") != schema_head():
        return False
    at, until = _time(found.get("at")), _time(found.get("until"))
    if at is None or until is None or not at <= now < until:
        return False
    # The same local day for this reader too (its time zone may not be the refresher's).
    return at.astimezone(tz).date() == now.astimezone(tz).date()


def _time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return from_db(value)
    except ValueError:
        return None
