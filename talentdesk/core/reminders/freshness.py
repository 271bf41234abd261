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
from datetime import UTC, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from talentdesk.core.db.datetimes import from_db, to_db
from talentdesk.core.db.enums import StageKind
from talentdesk.core.db.preflight import schema_head
from talentdesk.core.db.reader import ReadConnection
from talentdesk.core.ops import stamps

if TYPE_CHECKING:
    from sqlalchemy import Connection

NAME = "generated_reminders"
_DB_TIME = "'%Y-%m-%d %H:%M:%f000'"
_INTERVIEWING = f"'{StageKind.INTERVIEWING.value}'"


def _shift(server: bool, time: str, sign: str, days: str) -> str:
    """`time` `days` (an SQL expression) days later (`sign` "+") or earlier ("-")."""
    if server:
        return f"({time} {sign} ({days}) * interval '1 day')"
    return f"strftime({_DB_TIME}, {time}, '{sign}' || {days} || ' days')"


def _bounds(server: bool) -> tuple[str, ...]:
    """Each: the first time after the refresh at which time alone makes a new reminder wanted
    (a stored time), or NULL. Parameters as named."""
    pools_first = "JOIN" if server else "CROSS JOIN"  # pools first: by the pool index
    touched, cadence = "coalesce(c.last_contact_at, m.added_at)", "p.cadence_days"
    return (
        f"""SELECT min({_shift(server, touched, "+", cadence)})
    FROM pool p JOIN pool_membership m ON m.pool_id = p.id
    JOIN candidate c ON c.id = m.candidate_id
    WHERE p.cadence_days IS NOT NULL
      AND {touched} > {_shift(server, ":now", "-", cadence)}""",
        f"""SELECT min({_shift(server, "r.done_at", "+", "p.cadence_days")})
    FROM pool p {pools_first} reminder r ON r.pool_id = p.id
    WHERE r.origin = 'cadence' AND r.done_at IS NOT NULL AND p.cadence_days IS NOT NULL
      AND r.done_at > {_shift(server, ":now", "-", "p.cadence_days")}""",
        f"""SELECT min({_shift(server, "coalesce(m.stage_changed_at, m.added_at)", "+", ":days")})
    FROM pool_membership m
    WHERE m.stage_id IN (SELECT id FROM pool_stage WHERE kind = {_INTERVIEWING})
      AND coalesce(m.stage_changed_at, m.added_at) > :interviewing_since""",
        f"""SELECT min({_shift(server, "changed", "+", ":days")}) FROM (
        SELECT coalesce((SELECT max(h.moved_at) FROM application_stage_change h
                         WHERE h.application_id = a.id), a.created_at) AS changed
        FROM application a
        WHERE a.stage_id IN (SELECT id FROM vacancy_stage WHERE kind = {_INTERVIEWING})
    ) AS moved WHERE changed > :interviewing_since""",
        f"""SELECT min({_shift(server, "expires_at", "-", ":renewal_days")})
    FROM consent WHERE status IN ('given', 'expired') AND expires_at > :renewal_from""",
    )


_SQLITE_BOUNDS = _bounds(False)
_SERVER_BOUNDS = _bounds(True)


def valid_until(
    connection: sqlite3.Connection | Connection, now: datetime, tz: tzinfo | None
) -> datetime:
    """The first moment after `now` at which time alone may make the generated reminders
    refreshed at `now` out of date (at the latest the start of the next local day). On the
    local file's sqlite3 connection or a team database's write connection."""
    from talentdesk.core import settings

    days = settings.read(connection, settings.FEEDBACK_AFTER_INTERVIEW_DAYS)
    renewal_days = settings.read(connection, settings.CONSENT_RENEWAL_DAYS_BEFORE)
    server = not isinstance(connection, sqlite3.Connection)
    at = _server_time if server else to_db
    params = {
        "now": at(now),
        "days": days,
        "interviewing_since": at(now - timedelta(days=days)),
        "renewal_days": renewal_days,
        "renewal_from": at(now + timedelta(days=renewal_days)),
    }
    local = now.astimezone(tz)
    until = datetime.combine(local.date() + timedelta(days=1), datetime.min.time(), local.tzinfo)
    for sql in _SERVER_BOUNDS if server else _SQLITE_BOUNDS:
        if isinstance(connection, sqlite3.Connection):
            found = connection.execute(sql, params).fetchone()[0]
        else:
            from sqlalchemy import text

            found = connection.execute(text(sql), params).scalar()
        if isinstance(found, datetime):  # a server's timestamp: UTC without a zone
            until = min(until, found.replace(tzinfo=UTC))
        elif found is not None:
            until = min(until, from_db(found))
    return until


def _server_time(when: datetime) -> datetime:
    return when.astimezone(UTC).replace(tzinfo=None)


def stamp(connection: sqlite3.Connection, now: datetime, tz: tzinfo | None) -> None:
    """Record, in the refresh's own transaction, that the generated reminders are current as
    of `now` (the caller then tells the writer: `Writer.stamps_hold`). An unchanged stamp is left
    as it is, so a refresh that changes nothing writes nothing either."""
    until = to_db(valid_until(connection, now, tz))
    old = stamps.read(connection, NAME)
    if _holds(old, until, now):
        return
    stamps.write(connection, NAME, {"at": to_db(now), "until": until, "schema": schema_head()})


def stamp_on_server(connection: Connection, now: datetime, tz: tzinfo | None) -> None:
    """`stamp` on a team database's write connection, in an operation that no colleague's
    write overlaps (core/ops/server_stamps.py: `Writer.submit(stamping=True)`)."""
    from talentdesk.core.ops import server_stamps

    until = to_db(valid_until(connection, now, tz))
    if not _holds(server_stamps.read(connection, NAME), until, now):
        value = {"at": to_db(now), "until": until, "schema": schema_head()}
        server_stamps.write(connection, NAME, value)


def _holds(old: dict[str, object] | None, until: str, now: datetime) -> bool:
    """The stamp already there says as much (written at or before `now`, the same bound)."""
    if old is None or old.get("until") != until or old.get("schema") != schema_head():
        return False
    old_at = _time(old.get("at"))
    return old_at is not None and old_at <= now


def is_fresh(reader: ReadConnection, now: datetime, tz: tzinfo | None) -> bool:
    """The generated reminders need no refresh at `now` (read only, standard library on the
    local file; a team database's reader holds its stamp as JSON)."""
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
