"""Files the user asked for (exports, calendars, rejected rows, backups) are written whole or
not at all, and never over something that is not theirs to replace.

`check_output_path` refuses TalentDesk's own files (the database, its -wal/-shm, anything in
the data folder) and whatever is not a regular file (a folder, a FIFO, a device, a socket):
writing whole means renaming a new file over the name, which would silently turn a device or
a pipe into a regular file. A symbolic link is followed, not replaced: the checks apply to the
file it points to, that file is written and the link kept, and `OutputPath` says so.

`written_whole` writes a new temporary file next to the destination, fsyncs it, renames it over
the destination and fsyncs the folder (POSIX): after a crash or power loss the destination holds
the old content or the new, never a mix, and a failure or cancel leaves it as it was.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from talentdesk.core.errors import TalentDeskError
from talentdesk.paths import DATABASE_NAME, AppPaths

log = logging.getLogger(__name__)

DataFolder = AppPaths | Path  # the data folder, or the AppPaths that name it
NEW_FILE_MODE = 0o600  # personal data: a new file is its owner's alone (a replaced one keeps its)
DATABASE_FILES = {DATABASE_NAME + suffix for suffix in ("", "-wal", "-shm", "-journal")}
_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_NOT_REGULAR = (
    (stat.S_ISDIR, "is a folder", "Add a file name to the folder."),
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a regular file", ""),
    (stat.S_ISCHR, "is a device, not a regular file", ""),
    (stat.S_ISBLK, "is a device, not a regular file", ""),
    (stat.S_ISSOCK, "is a socket, not a regular file", ""),
)


@dataclass(frozen=True)
class OutputPath:
    """A destination that passed the checks: the file to write, and the link named, if any."""

    target: Path  # absolute, links resolved
    link: Path | None = None  # the symbolic link the user named, when it was followed

    def __str__(self) -> str:
        return described(self.target, self.link)


def described(target: Path, link: Path | None) -> str:
    """How a message names a written file: "/x/a.csv (through the link /y/a.csv)"."""
    return str(target) if link is None else f"{target} (through the link {link})"


def check_output_path(path: Path, data_dir: DataFolder) -> OutputPath:
    """Where `path` may be written, or a TalentDeskError saying why not and what to do.

    Refused: TalentDesk's database and its -wal/-shm, anything inside the data folder
    `data_dir` (compared by path and by identity, so another spelling of the folder, such as a
    link to it, is caught too), and anything that exists but is not a regular file. A path that
    does not exist yet is allowed; a missing folder fails when writing.
    """
    given = Path(path)
    folder = data_dir.data_dir if isinstance(data_dir, AppPaths) else Path(data_dir)
    try:
        link = given if given.is_symlink() else None
        target = given.resolve()
    except (OSError, RuntimeError) as exc:  # a link loop: RuntimeError before Python 3.13
        raise _refused(str(given), "is a symbolic link that cannot be followed", "") from exc
    shown = str(given) if link is None else f"{given} (a link to {target})"
    problem = _own_file_problem(target, folder)
    if problem:
        raise _refused(shown, problem, f"Choose a file outside the data folder {folder}.")
    try:
        mode = target.stat().st_mode
    except OSError:
        return OutputPath(target, link)  # a new file (or an unreadable folder: writing says)
    for test, what, hint in _NOT_REGULAR:
        if test(mode):
            raise _refused(shown, what, hint)
    if not stat.S_ISREG(mode):
        raise _refused(shown, "is not a regular file", "")
    return OutputPath(target, link)


def _own_file_problem(target: Path, folder: Path) -> str:
    with contextlib.suppress(OSError, RuntimeError):
        folder = folder.resolve()
    try:
        folder_stat: os.stat_result | None = folder.stat()
    except OSError:
        folder_stat = None
    for depth, place in enumerate((target, *target.parents)):
        if place == folder or (folder_stat is not None and _same_file(place, folder_stat)):
            if depth == 1 and target.name in DATABASE_FILES:
                if target.name == DATABASE_NAME:
                    return "is TalentDesk's database"
                return "belongs to TalentDesk's database"
            if depth == 0:
                return "is TalentDesk's data folder"
            return "is inside TalentDesk's data folder (the database, its backups and logs)"
    return ""


def _same_file(path: Path, other: os.stat_result) -> bool:
    try:
        return os.path.samestat(path.stat(), other)
    except OSError:
        return False


def _refused(shown: str, what: str, hint: str) -> TalentDeskError:
    return TalentDeskError(
        f"Refused to write {shown}: it {what}. Nothing was changed.",
        hint or "Choose a regular file, new or existing, to write to.",
    )


def cannot_write(path: Path, exc: OSError) -> TalentDeskError:
    if exc.errno in _DISK_FULL:
        return TalentDeskError(
            f"The disk is full: {path} was not written.",
            "Free some space or choose another disk. An earlier file of that name is unchanged.",
        )
    return TalentDeskError(
        f"{path} cannot be written ({exc.strerror or type(exc).__name__}).",
        "Choose another folder or file name.",
    )


@contextmanager
def written_whole(path: Path, data_dir: DataFolder) -> Iterator[Path]:
    """Yields a new temporary file to write; it replaces the destination when the block ends.

    The destination is `path` checked by `check_output_path` (a link's target). On an error or
    an exception (a cancel) the temporary file is removed and the destination left as it was;
    an OSError becomes a TalentDeskError naming the file ("disk full" for ENOSPC). Write and
    close the file inside the block: Windows renames no open file.
    """
    dest = check_output_path(path, data_dir).target
    try:
        mode = _mode_for(dest)
        fd, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    except OSError as exc:
        raise cannot_write(dest, exc) from exc
    temp = Path(name)
    try:
        try:
            if sys.platform != "win32":
                os.fchmod(fd, NEW_FILE_MODE)  # exactly, whatever the umask
        finally:
            os.close(fd)
        yield temp
        _fsync(temp)
        if mode != NEW_FILE_MODE and sys.platform != "win32":
            temp.chmod(mode)  # after writing: the old file may have been read-only
        temp.replace(dest)
    except OSError as exc:
        _remove(temp)
        raise cannot_write(dest, exc) from exc
    except BaseException:
        _remove(temp)
        raise
    _fsync_folder(dest.parent)


def _mode_for(dest: Path) -> int:
    """The permission bits the written file gets: those of the file it replaces, if any."""
    try:
        return stat.S_IMODE(dest.stat().st_mode)
    except FileNotFoundError:
        return NEW_FILE_MODE


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))  # Windows commits no read-only fd
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable. The file is already in place, so a folder that cannot be
    synced (some network or FUSE file systems refuse) is logged, not reported as a failure."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        log.warning("could not fsync the folder %s: %s", folder, exc)


def _remove(temp: Path) -> None:
    with contextlib.suppress(OSError):
        temp.unlink(missing_ok=True)
