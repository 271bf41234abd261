"""Typed app settings, stored as JSON by key in the `app_setting` table.

Each setting is a `Setting` with a default and a validator. A value that was never set, or
that no longer validates (hand-edited, from a newer version), reads as the default. Reading
works on the window's plain `sqlite3` reader and on a SQLAlchemy connection or session, so the
reminder refresh reads them inside its own transaction; writing goes through SQLAlchemy.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable
from datetime import time
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar, cast

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

from talentdesk.core.db.reader import ReadConnection, on_server
from talentdesk.core.db.sessions import Sessions, writes
from talentdesk.core.errors import ValidationError
from talentdesk.core.ops.changes import Changes

log = logging.getLogger(__name__)

T = TypeVar("T")


# A NamedTuple: made at start-up, where a frozen dataclass costs ~2-4 ms to create.
class Setting(NamedTuple, Generic[T]):
    key: str
    default: T
    # The stored JSON value as T; ValueError (or TypeError) when it is not a valid one.
    parse: Callable[[object], T]
    dump: Callable[[T], object]

    def validate(self, value: object) -> T:
        """`value` as this setting holds it; ValidationError says what is wrong."""
        try:
            # Any value on purpose: dump and parse raise TypeError or ValueError when it is not a T.
            return self.parse(self.dump(value))  # type: ignore[arg-type]
        except (TypeError, ValueError) as exc:
            raise ValidationError({self.key: str(exc)}) from exc


def _time(value: object) -> time:
    if not isinstance(value, str):
        raise TypeError(f"expected a time as HH:MM, got {value!r}")
    parsed = time.fromisoformat(value)
    if parsed.second or parsed.microsecond or parsed.tzinfo is not None:
        raise ValueError("a time of day in whole minutes, without a time zone")
    return parsed


def _dump_time(value: time) -> object:
    if not isinstance(value, time):
        raise TypeError(f"expected a time of day, got {value!r}")
    whole_minutes = not (value.second or value.microsecond)
    return value.isoformat(timespec="minutes") if whole_minutes else value.isoformat()


def _int_between(low: int, high: int) -> Callable[[object], int]:
    def parse(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"expected a whole number, got {value!r}")
        if not low <= value <= high:
            raise ValueError(f"must be between {low} and {high}")
        return value

    return parse


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {value!r}")
    return value


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {value!r}")
    return value


def _same(value: T) -> T:
    return value


WORK_DAY_START: Setting[time] = Setting("work_day_start", time(9), _time, _dump_time)
"""When a reminder without a time of its own falls due, local time."""
BIRTHDAY_DAYS_BEFORE: Setting[int] = Setting("birthday_days_before", 0, _int_between(0, 30), _same)
FEEDBACK_AFTER_INTERVIEW_DAYS: Setting[int] = Setting(
    "feedback_after_interview_days", 14, _int_between(1, 365), _same
)
CLOSE_TO_TRAY: Setting[bool] = Setting("close_to_tray", True, _bool, _same)
TRAY_HINT_SHOWN: Setting[bool] = Setting("tray_hint_shown", False, _bool, _same)
START_AT_LOGIN: Setting[bool] = Setting("start_at_login", False, _bool, _same)
# Automatic backups kept (core/backups/policy.py): the newest of each of the last N days and
# weeks that have one, and the N newest taken before an import, a merge, a restore...
BACKUPS_KEEP_DAILY: Setting[int] = Setting("backups_keep_daily", 7, _int_between(1, 365), _same)
BACKUPS_KEEP_WEEKLY: Setting[int] = Setting("backups_keep_weekly", 4, _int_between(0, 520), _same)
BACKUPS_KEEP_BEFORE: Setting[int] = Setting("backups_keep_before", 10, _int_between(1, 1000), _same)
# Backups made before an erasure still hold the erased people: deleted once this many days old
# (core/privacy/backups.py), whatever the policy above would keep.
BACKUPS_EXPIRE_DAYS: Setting[int] = Setting("backups_expire_days", 30, _int_between(1, 3650), _same)

# Privacy (core/privacy/): a consent renewal reminder this many days before consent ends; the
# template whose sending records the information notice (GDPR Art. 14).
CONSENT_RENEWAL_DAYS_BEFORE: Setting[int] = Setting(
    "consent_renewal_days_before", 30, _int_between(1, 365), _same
)
NOTICE_TEMPLATE: Setting[str] = Setting("notice_template", "Information notice", _text, _same)
# Consent "expiring soon" (`consent:expiring`, the "Consent expiring soon" list, the profile's
# chip and the list's column): ending within this many days (core/privacy/consent_state.py).
CONSENT_EXPIRING_DAYS: Setting[int] = Setting(
    "consent_expiring_days", 30, _int_between(1, 365), _same
)

# -- Consent: how long a basis recorded without an end of its own holds, in months (0: no end).
# Consent and legitimate interest: two years (the CNIL's guidance for a talent pool); a
# contract (an application in progress): six months (German practice after a rejection); a
# legal obligation: no end, the law sets it. Renewing starts the period again (core/privacy).
CONSENT_MONTHS_CONSENT: Setting[int] = Setting(
    "consent_months_consent", 24, _int_between(0, 120), _same
)
CONSENT_MONTHS_LEGITIMATE_INTEREST: Setting[int] = Setting(
    "consent_months_legitimate_interest", 24, _int_between(0, 120), _same
)
CONSENT_MONTHS_CONTRACT: Setting[int] = Setting(
    "consent_months_contract", 6, _int_between(0, 120), _same
)
CONSENT_MONTHS_LEGAL_OBLIGATION: Setting[int] = Setting(
    "consent_months_legal_obligation", 0, _int_between(0, 120), _same
)

ALL: tuple[Setting[Any], ...] = (
    WORK_DAY_START,
    BIRTHDAY_DAYS_BEFORE,
    FEEDBACK_AFTER_INTERVIEW_DAYS,
    CLOSE_TO_TRAY,
    TRAY_HINT_SHOWN,
    START_AT_LOGIN,
    BACKUPS_KEEP_DAILY,
    BACKUPS_KEEP_WEEKLY,
    BACKUPS_KEEP_BEFORE,
    CONSENT_RENEWAL_DAYS_BEFORE,
    NOTICE_TEMPLATE,
    BACKUPS_EXPIRE_DAYS,
    CONSENT_MONTHS_CONSENT,
    CONSENT_MONTHS_LEGITIMATE_INTEREST,
    CONSENT_MONTHS_CONTRACT,
    CONSENT_MONTHS_LEGAL_OBLIGATION,
    CONSENT_EXPIRING_DAYS,
)

_SELECT = "SELECT value FROM app_setting WHERE key = :key"
_SELECT_ON_SERVER = "SELECT value FROM app_setting WHERE key = ?"
_UPSERT = (
    "INSERT INTO app_setting (key, value) VALUES (:key, :value)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
)


def read(source: ReadConnection | Connection | Session, setting: Setting[T]) -> T:
    """The stored value of `setting`, or its default (on the window's reader, a session or a
    SQLAlchemy connection)."""
    decoded = False  # a PostgreSQL server's json column comes back as Python values
    if isinstance(source, sqlite3.Connection):
        row = source.execute(_SELECT, {"key": setting.key}).fetchone()
    elif on_server(source):  # a team database's reader
        row = cast("ReadConnection", source).execute(_SELECT_ON_SERVER, [setting.key]).fetchone()
        decoded = True
    else:
        from sqlalchemy import text  # the window reads settings before SQLAlchemy is loaded
        from sqlalchemy.orm import Session as OrmSession

        orm = cast("Connection | Session", source)
        row = orm.execute(text(_SELECT), {"key": setting.key}).first()
        bind = orm.get_bind() if isinstance(orm, OrmSession) else orm
        decoded = bind.dialect.name != "sqlite"
    if row is None or row[0] is None:
        return setting.default
    # The column's NUMERIC affinity turns stored JSON numbers into SQLite numbers.
    stored = row[0]
    try:
        loaded = json.loads(stored) if isinstance(stored, str) and not decoded else stored
        return setting.parse(loaded)
    except (TypeError, ValueError):
        log.warning("ignoring the stored %s (%r): using the default", setting.key, stored)
        return setting.default


def write(target: Connection | Session, setting: Setting[T], value: T) -> None:
    """Store `value` (validated first) in the caller's transaction."""
    valid = setting.validate(value)
    from sqlalchemy import text

    target.execute(text(_UPSERT), {"key": setting.key, "value": json.dumps(setting.dump(valid))})


class AppSettings:
    """Get and set settings, each call in its own transaction."""

    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    def get(self, setting: Setting[T]) -> T:
        with self._sessions() as session:
            return read(session, setting)

    @writes("saving a setting")
    def set(self, setting: Setting[T], value: T) -> None:
        with self._sessions.begin() as session:
            write(session, setting, value)
            # The expiring window decides who is in smart lists and what the list's column says.
            lists = setting is CONSENT_EXPIRING_DAYS
            self._sessions.changed(Changes(settings=True, lists=lists, candidate_list=lists))
