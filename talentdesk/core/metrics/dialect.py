"""The SQLite-only bits of the metrics' SQL, written per dialect (as core/db/read_sql.py does
for the read path): each helper takes `server` (core/db/reader.on_server) and gives SQLite's
text unchanged when it is False, so the local file's statements stay exactly as they were.

On a server, times are `timestamp` columns: figures that compare or join times as text read
them as the text SQLite stores (`as_text`); date arithmetic reproduces SQLite's own in double
precision, step for step, so both give the same floats and so the same medians.
"""

from __future__ import annotations

from talentdesk.core.db.read_sql import as_text

__all__ = ["as_text"]  # re-exported: the metrics ask this module for every dialect bit

_F8 = "double precision"
# SQLite's Julian day of 1970-01-01 00:00, in milliseconds (2440587.5 days).
_EPOCH_JD_MS = 210866760000000


def truth(server: bool) -> str:
    """A condition that always holds (SQLite has no booleans: its text is "1")."""
    return "TRUE" if server else "1"


def falsity(server: bool) -> str:
    return "FALSE" if server else "0"


def alias(server: bool) -> str:
    """A name for a subquery in FROM (PostgreSQL 15 wants one; SQLite's text has none)."""
    return " AS sub" if server else ""


def month(server: bool, time: str) -> str:
    """A stored time's month as text, 2026-11."""
    return f"to_char({time}, 'YYYY-MM')" if server else f"substr({time}, 1, 7)"


def id_list(server: bool, expression: str) -> str:
    """The group's values of an integer `expression` as comma-separated text (NULLs left out)."""
    if server:
        return f"string_agg(CAST({expression} AS text), ',')"
    return f"group_concat({expression})"


def ascii_nocase(server: bool, column: str) -> str:
    """`column` equal to the next parameter as SQLite's NOCASE compares (ASCII letters only)."""
    if server:
        upper, lower = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"
        fold = "translate({}, '" + upper + "', '" + lower + "')"
        return f"{fold.format(column)} = {fold.format('?')}"
    return f"{column} = ? COLLATE NOCASE"


def julian_day(server: bool, time: str) -> str:
    """SQLite's julianday() of a stored time: whole milliseconds (the seconds' fraction added in
    double precision, then rounded half up, as SQLite parses it), divided by a day's."""
    if not server:
        return f"julianday({time})"
    seconds = f"extract(second FROM {time})"
    whole = f"floor({seconds})"
    fraction = f"CAST(({seconds} - {whole}) * 1000000 AS {_F8}) / CAST(1000000 AS {_F8})"
    half = f"CAST(0.5 AS {_F8})"
    millis = f"floor((CAST({whole} AS {_F8}) + {fraction}) * CAST(1000 AS {_F8}) + {half})"
    days = f"(CAST({time} AS date) - DATE '1970-01-01')"
    whole_ms = (
        f"CAST({days} AS bigint) * 86400000 + {_EPOCH_JD_MS}"
        f" + CAST(extract(hour FROM {time}) AS bigint) * 3600000"
        f" + CAST(extract(minute FROM {time}) AS bigint) * 60000 + CAST({millis} AS bigint)"
    )
    return f"(CAST({whole_ms} AS {_F8}) / CAST(86400000 AS {_F8}))"


def micros_between(later: str, earlier: str) -> str:
    """Whole microseconds from `earlier` to `later` on a server (NULL if either is)."""
    return f"CAST(round(extract(epoch FROM {later} - {earlier}) * 1000000) AS bigint)"
