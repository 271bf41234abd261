"""Telling the environment's faults from bugs.

Disk full, a read-only file, a permission, a lock held past the wait, an I/O error: the user
can act on those, so they become a `TalentDeskError` that says what happened and what to do.
Anything else is a bug: the caller logs it with its traceback and says where the log is.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from talentdesk.core.db.diagnose import (
    SQLITE_BUSY,
    SQLITE_CANTOPEN,
    SQLITE_FULL,
    SQLITE_IOERR,
    SQLITE_LOCKED,
    SQLITE_PERM,
    SQLITE_READONLY,
)
from talentdesk.core.errors import DiskFullError, DiskIOError, TalentDeskError


class ReadOnlyError(TalentDeskError):
    def __init__(self, reason: str = "") -> None:
        super().__init__(
            "The database cannot be written" + (f": {reason}." if reason else "."),
            "TalentDesk shows your data read-only. Make the file and its folder writable "
            "(or copy the data folder somewhere writable) and start TalentDesk again.",
        )
        self.reason = reason


class StoragePermissionError(TalentDeskError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            f"TalentDesk is not allowed to write its files ({detail}).",
            "Fix the permissions of the data folder, or choose another one with --data-dir.",
        )


class BusyTooLongError(TalentDeskError):
    def __init__(self, waited_s: float, holder: str) -> None:
        super().__init__(
            f"The database stayed busy for {waited_s:.0f} s: {holder}.",
            "Nothing was changed. Try again once the other work has finished.",
        )


class CancelledError(TalentDeskError):
    def __init__(self, what: str = "") -> None:
        super().__init__(f"Cancelled{': ' + what if what else ''}. Nothing was changed.")


class ServerConnectionError(TalentDeskError):
    """A team database's server could not be reached, or dropped the connection (team mode);
    the transaction under way was not committed by this process."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            "The team database's server could not be reached, or dropped the connection.",
            f"{detail.strip()} Check that the server is running and reachable, then try again.",
        )


# The states of a connection lost or refused (class 08) or a server shutting down; the driver
# gives none when the connection itself failed.
SERVER_SHUTDOWN = frozenset({"57P01", "57P02", "57P03"})
SERVER_LOCK_TIMEOUT_S = 30  # db/server.py's lock_timeout


def psycopg_operational(exc: BaseException) -> bool:
    """psycopg's OperationalError (or a kind of it), recognised without importing psycopg,
    which only team mode loads. Its message names the host, never the password."""
    return any(
        kind.__name__ == "OperationalError" and kind.__module__.startswith("psycopg")
        for kind in type(exc).__mro__
    )


def server_state_lost(state: object) -> bool:
    """An OperationalError's SQLSTATE says the server cannot be reached (not, say, a lock)."""
    return state is None or str(state).startswith("08") or state in SERVER_SHUTDOWN


def _explain_server(exc: BaseException) -> TalentDeskError:
    """A team database's operational error: the server away, or a lock, a conflict, a full
    disk or a time limit there, each in its own words (psycopg files them all under one kind)."""
    state = getattr(exc, "sqlstate", None)
    if server_state_lost(state):
        return ServerConnectionError(str(exc))
    if state == "55P03":  # lock_not_available: lock_timeout passed
        return BusyTooLongError(
            SERVER_LOCK_TIMEOUT_S,
            "a colleague's change (a large import finishing, say) held what this needed",
        )
    if state in ("40P01", "40001"):  # a deadlock, or a serialization failure
        return TalentDeskError(
            "This change crossed a colleague's, made at the same moment.",
            "Nothing was changed. Try again.",
        )
    if state is not None and str(state).startswith("53"):  # out of disk, memory, connections
        return TalentDeskError(
            f"The team database's server is short of resources: {str(exc).strip()}",
            "Nothing was changed. Ask whoever runs the server to look at it, then try again.",
        )
    return TalentDeskError(
        f"The team database's server stopped this change: {str(exc).strip()}",
        "Nothing was changed. Try again; if it happens again, ask whoever runs the server.",
    )


def sqlite_code(exc: BaseException) -> int | None:
    """SQLite's primary result code behind `exc` (also behind SQLAlchemy's wrapper)."""
    orig = getattr(exc, "orig", None)
    if isinstance(orig, sqlite3.Error):
        exc = orig
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def is_busy(exc: BaseException) -> bool:
    return sqlite_code(exc) in (SQLITE_BUSY, SQLITE_LOCKED)


def explain(exc: BaseException) -> TalentDeskError | None:
    """The environment error behind `exc`, in words; None when `exc` is a bug.

    What was under way when it failed counts too: a full disk makes SQLite roll the whole
    transaction back, and the savepoint rolled back after it is then "no such savepoint"."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        explained = _explain_one(current)
        if explained is not None:
            return explained
        current = current.__cause__ or current.__context__
    return None


def _explain_one(exc: BaseException) -> TalentDeskError | None:
    if isinstance(exc, TalentDeskError):
        return exc
    orig = getattr(exc, "orig", None)  # SQLAlchemy wraps the driver's error
    if isinstance(orig, BaseException):
        exc = orig
    if isinstance(exc, sqlite3.Error):
        return _explain_sqlite(exc)
    if psycopg_operational(exc):
        return _explain_server(exc)
    if isinstance(exc, OSError):
        return _explain_os(exc)
    return None


def _explain_sqlite(exc: sqlite3.Error) -> TalentDeskError | None:
    code = sqlite_code(exc)
    detail = str(exc)
    if code == SQLITE_FULL:
        return DiskFullError()
    if code == SQLITE_READONLY:
        return ReadOnlyError(detail)
    if code == SQLITE_IOERR:
        return DiskIOError(None, detail)
    if code == SQLITE_PERM:
        return StoragePermissionError(detail)
    if code == SQLITE_CANTOPEN:
        return DiskIOError(None, f"cannot open the database file: {detail}")
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return BusyTooLongError(0, detail)
    return None


def _explain_os(exc: OSError) -> TalentDeskError | None:
    detail = f"{exc.strerror or type(exc).__name__}" + (f": {exc.filename}" if exc.filename else "")
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DiskFullError(Path(exc.filename) if isinstance(exc.filename, str) else None)
    if exc.errno == errno.EROFS:
        return ReadOnlyError(detail)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return StoragePermissionError(detail)
    if exc.errno == errno.EIO:
        return DiskIOError(None, detail)
    return None
