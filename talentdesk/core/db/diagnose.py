"""What went wrong with a database file, in words the user can act on.

SQLite reports a full disk, a failing disk, a folder at the database's path and a file that
is not a database through different result codes; only the last is "not a TalentDesk
database". Each becomes its own TalentDeskError here, so no advice to move a healthy file away
is ever given for a disk that is merely full.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from pathlib import Path

from talentdesk.core.errors import (
    DatabaseBusyError,
    DatabaseDamagedError,
    DatabaseNotReadableError,
    DatabasePathNotAFileError,
    DiskFullError,
    DiskIOError,
    NotADatabaseError,
    TalentDeskError,
)

# Primary result codes (https://sqlite.org/rescode.html); extended codes keep them in the low byte.
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_AUTH = 23
SQLITE_NOTADB = 26
SQLITE_IOERR_SHMSIZE = 4874  # the shared-memory file could not grow: no space for it
SQLITE_MAGIC = b"SQLite format 3\x00"  # how every SQLite database file starts
# Below this much free space an I/O error is taken for a full disk (SQLite's own writes of
# -shm and -wal files report a full disk as a plain I/O error).
NEARLY_FULL_BYTES = 1 << 20

_NO_SPACE = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}  # no EDQUOT on Windows
_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a named pipe",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


def result_code(exc: sqlite3.Error) -> int:
    """SQLite's primary result code of `exc` (0 when the sqlite3 module did not say)."""
    return int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def disk_nearly_full(path: Path) -> bool:
    import shutil  # only once something went wrong: it is slow to import at start-up

    folder = path if path.is_dir() else path.parent
    try:
        return shutil.disk_usage(folder).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def check_is_file(path: Path) -> os.stat_result | None:
    """The file's status, None when there is no file; raises when something else is there."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise from_os(path, exc) from exc
    kind = _KINDS.get(stat.S_IFMT(status.st_mode))
    if kind is not None:
        raise DatabasePathNotAFileError(path, kind)
    return status


def from_os(path: Path, exc: OSError) -> TalentDeskError:
    """An OSError met while reading or writing the database file."""
    code = exc.errno
    detail = exc.strerror or type(exc).__name__
    if code in _NO_SPACE:
        return DiskFullError(path)
    if code == errno.EISDIR:
        return DatabasePathNotAFileError(path, "a folder")
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return DatabaseNotReadableError(path, detail)
    return DiskIOError(path, detail)


def from_sqlite(path: Path, exc: sqlite3.Error, backups: Path | None = None) -> TalentDeskError:
    """An error SQLite raised while opening or reading the database at `path`."""
    code = result_code(exc)
    detail = str(exc)
    if code == SQLITE_NOTADB:
        return NotADatabaseError(path, detail, backups)
    if code == SQLITE_CORRUPT:
        return DatabaseDamagedError(path, detail, backups)
    if code == SQLITE_FULL:
        return DiskFullError(path)
    if code == SQLITE_IOERR:
        if getattr(exc, "sqlite_errorcode", 0) == SQLITE_IOERR_SHMSIZE or disk_nearly_full(path):
            return DiskFullError(path)
        return DiskIOError(path, detail)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return DatabaseBusyError(path)
    if code == SQLITE_CANTOPEN and path.is_dir():
        return DatabasePathNotAFileError(path, "a folder")
    if code in (SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_AUTH, SQLITE_READONLY):
        return DatabaseNotReadableError(path, detail)
    return TalentDeskError(f"{path} cannot be opened ({detail}).", "TalentDesk changed nothing.")
