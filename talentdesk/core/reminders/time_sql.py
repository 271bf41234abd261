"""The few expressions the generated reminders' SQL (generated.py, generated_rules.py,
privacy/reminders.py) writes differently on SQLite and on a PostgreSQL server (team mode);
everything else in that SQL is the same on both.

SQLite stores times as fixed-width text (db/datetimes.py) and does date arithmetic with
strftime/julianday modifiers, written back to the millisecond; a server has timestamp columns
and intervals (kept to the millisecond as well, so both store the same due times). Temporary
tables are `temp.x` on SQLite, `pg_temp.x` on a server; parameters are `?` in the text, turned
into the driver's own by `run`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, CursorResult

from talentdesk.core.db.datetimes import to_db
from talentdesk.core.db.raw_sql import for_driver

_DB_TIME = "'%Y-%m-%d %H:%M:%f000'"


class TimeSql:
    """SQL fragments for the dialect of `connection`."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.server = connection.dialect.name != "sqlite"

    def run(self, sql: str, params: Sequence[Any] | Sequence[Sequence[Any]] = ()) -> Any:
        """`sql` (with `?` placeholders) on the connection; a list of tuples runs once each."""
        result: CursorResult[Any] = self.connection.exec_driver_sql(
            for_driver(self.connection, sql), params
        )
        return result

    def temp(self, name: str) -> str:
        return f"pg_temp.{name}" if self.server else f"temp.{name}"

    @property
    def time_type(self) -> str:
        """A temporary table's column holding a time."""
        return "timestamp" if self.server else "TEXT"

    def value(self, when: datetime) -> object:
        """`when` as a parameter compared with stored times."""
        if self.server:
            return when.astimezone(UTC).replace(tzinfo=None)
        return to_db(when)

    @property
    def param(self) -> str:
        """A time parameter's placeholder (typed on a server, where it may stand alone)."""
        return "CAST(? AS timestamp)" if self.server else "?"

    def plus_days(self, time: str, days: str) -> str:
        """`time` plus `days` (an SQL integer expression, not negative) days."""
        if self.server:
            return f"date_trunc('milliseconds', {time} + ({days}) * interval '1 day')"
        return f"strftime({_DB_TIME}, {time}, '+' || ({days}) || ' days')"

    def minus_days(self, time: str, days: str) -> str:
        if self.server:
            return f"date_trunc('milliseconds', {time} - ({days}) * interval '1 day')"
        return f"strftime({_DB_TIME}, {time}, '-' || ({days}) || ' days')"

    def whole_days(self, later: str, earlier: str) -> str:
        """Whole days from `earlier` to `later` (the fraction dropped)."""
        if self.server:
            return f"CAST(trunc(extract(epoch FROM {later} - {earlier}) / 86400) AS INTEGER)"
        return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"

    def later_of(self, first: str, second: str) -> str:
        return f"greatest({first}, {second})" if self.server else f"max({first}, {second})"

    def day(self, time: str) -> str:
        """The date of a stored time as text, 2026-11-25."""
        return f"to_char({time}, 'YYYY-MM-DD')" if self.server else f"date({time})"

    def month_day(self, day: str) -> str:
        """A stored date's month and day as text, 11-25."""
        return f"to_char({day}, 'MM-DD')" if self.server else f"substr({day}, 6, 5)"

    def year(self, day: str) -> str:
        if self.server:
            return f"CAST(extract(year FROM {day}) AS INTEGER)"
        return f"CAST(substr({day}, 1, 4) AS INTEGER)"
