"""Whether a database can be written, asked before anything opens it (standard library only).

A database that cannot be written (a read-only file, an immutable one, a read-only drive)
still opens, read-only: the window shows the data with a banner, and writes are refused with
the reason instead of failing one by one.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def why_read_only(database: Path) -> str | None:
    """Why `database` (which exists) cannot be written; None when it can."""
    folder = database.parent
    if _read_only_drive(folder):
        return f"it is on a read-only drive ({folder})"
    if not os.access(database, os.W_OK):
        return f"the file {database} is read-only"
    if not os.access(folder, os.W_OK):
        return f"its folder {folder} is read-only"
    for suffix in ("-wal", "-shm"):
        side = database.with_name(database.name + suffix)
        if side.exists() and not os.access(side, os.W_OK):
            return f"the file {side} is read-only"
    return None


def reader_uri(database: Path, read_only: bool) -> str:
    """The URI read connections open. On a folder nobody can write (a read-only drive) a
    WAL database has no shared-memory file and SQLite cannot make one: it is then read as
    immutable, which is true there."""
    uri = f"{database.as_uri()}?mode=ro"
    shm = database.with_name(database.name + "-shm")
    if read_only and not os.access(database.parent, os.W_OK) and not shm.exists():
        uri += "&immutable=1"
    return uri


def _read_only_drive(folder: Path) -> bool:
    if sys.platform == "win32":  # no statvfs on Windows
        return False
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False
