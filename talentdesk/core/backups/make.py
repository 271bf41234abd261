"""Making a backup: SQLite's online backup API (safe while the database is in use) into a
temporary file beside the destination, flushed to disk, then renamed into place.

A backup killed halfway leaves only its temporary file (`.NAME.PID.part`, removed by the next
pruning), never a half file under a backup's name, and earlier backups are not touched.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from talentdesk.core.backups import names
from talentdesk.core.db.diagnose import (
    SQLITE_FULL,
    SQLITE_IOERR,
    disk_nearly_full,
    from_os,
    from_sqlite,
    result_code,
)
from talentdesk.core.errors import DiskFullError, TalentDeskError

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # pages copied, pages in all
PAGES_PER_STEP = 1024  # 4 MiB at the default page size: progress several times a second
BUSY_TIMEOUT_MS = 5000
_TEMP = re.compile(r"^\..+\.(?P<pid>\d+)\.part(?:-journal|-wal|-shm)?$")
_NOT_MADE = "The backup was not made; earlier backups are as they were."


def temporary_for(dest: Path) -> Path:
    return dest.with_name(f".{dest.name}.{os.getpid()}.part")


def make_backup(
    database: Path,
    dest: Path,
    progress: Progress | None = None,
    pages_per_step: int = PAGES_PER_STEP,
) -> Path:
    """Copy `database` (with what its -wal holds) to `dest`, created 0600, replacing `dest` only
    once the copy is whole and on disk. Raises a TalentDeskError saying what went wrong."""
    temp = temporary_for(dest)
    try:
        try:
            os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            temp.chmod(0o600)  # whatever the umask
        except OSError as exc:
            raise _write_error(dest, exc) from exc
        _copy(database, temp, dest, progress, pages_per_step)
        try:
            fsync_file(temp)
            temp.replace(dest)
            fsync_folder(dest.parent)
        except OSError as exc:
            raise _write_error(dest, exc) from exc
    finally:
        remove_temporary(temp)
    log.info("backed up %s to %s", database, dest)
    return dest


def backup_into(
    folder: Path,
    database: Path,
    reason: str,
    when: datetime,
    progress: Progress | None = None,
) -> Path:
    """A backup named for `reason` and `when` in `folder` (created 0700 when missing)."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise _write_error(folder, exc) from exc
    return make_backup(database, names.free_name(folder, reason, when), progress)


def _copy(
    database: Path, temp: Path, dest: Path, progress: Progress | None, pages_per_step: int
) -> None:
    try:
        src = sqlite3.connect(f"{database.absolute().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise from_sqlite(database, exc) from exc
    try:
        src.isolation_level = None
        src.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # One read transaction for the whole copy: every step sees the same snapshot, so a
        # write made meanwhile neither restarts the copy nor mixes into it.
        src.execute("BEGIN")
        src.execute("SELECT count(*) FROM sqlite_master").fetchone()
        dst = sqlite3.connect(temp, isolation_level=None)
        try:

            def step(_status: int, remaining: int, total: int) -> None:
                if progress is not None:
                    progress(total - remaining, total)

            src.backup(dst, pages=pages_per_step, progress=step)
            # The copied header says WAL; a backup is one self-contained file.
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    except sqlite3.Error as exc:
        raise _copy_error(database, dest, exc) from exc
    finally:
        src.close()


def _copy_error(database: Path, dest: Path, exc: sqlite3.Error) -> TalentDeskError:
    code = result_code(exc)
    if code == SQLITE_FULL or (code == SQLITE_IOERR and disk_nearly_full(dest.parent)):
        return DiskFullError(dest.parent, _NOT_MADE)
    return from_sqlite(database, exc)


def _write_error(dest: Path, exc: OSError) -> TalentDeskError:
    error = from_os(dest, exc)
    if isinstance(error, DiskFullError):
        return DiskFullError(dest.parent, _NOT_MADE)
    return TalentDeskError(
        f"The backup {dest} cannot be written ({exc.strerror or type(exc).__name__}).",
        f"{_NOT_MADE} Check that the folder exists and can be written.",
    )


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; Windows has no handle on a folder for this)."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_temporary(temp: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            temp.with_name(temp.name + suffix).unlink(missing_ok=True)
        except OSError:
            log.warning("cannot remove %s%s", temp, suffix)


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Temporary files of backups whose process is gone (killed halfway): removed."""
    if sys.platform == "win32":  # os.kill(pid, 0) is no harmless probe there
        return []
    removed = []
    for path in _entries(folder):
        match = _TEMP.match(path.name)
        if match is None or _process_alive(int(match["pid"])):
            continue
        try:
            path.unlink()
            removed.append(path)
        except OSError:
            log.warning("cannot remove the stale temporary file %s", path)
    return removed


def _entries(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process
        return True
    return True
