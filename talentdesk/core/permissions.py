"""Private by default (POSIX): the data folder holds candidates' personal data, so its folders
are 0700 and its files 0600, whatever the umask; ones left more open by an older version or by
hand are tightened at start. On Windows these are no-ops: the user's profile already keeps
other users out, and chmod there only sets the read-only flag.

Tightening is best effort: a file owned by someone else, or on a read-only disk, keeps its mode
rather than stopping TalentDesk from starting (what cannot be written is reported elsewhere).
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def private_folder(path: Path) -> None:
    """Create `path` (and missing parents, which keep the usual mode) as 0700, or tighten it.
    Raises OSError when it cannot be created."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        path.mkdir(mode=FOLDER_MODE)
    except FileExistsError:
        tighten(path)
        return
    if sys.platform != "win32":
        path.chmod(FOLDER_MODE)  # mkdir's mode is filtered by the umask


def private_file(path: Path) -> None:
    """Create `path` empty as 0600 if it does not exist, or tighten it.

    For the database: SQLite creates its -wal and -shm with the database file's mode, so a
    database file that starts as 0600 keeps all three private. SQLite reads an empty file as a
    new database. Best effort, like `tighten`.
    """
    if sys.platform == "win32":
        return
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        fd = os.open(path, flags, FILE_MODE)
    except FileExistsError:
        tighten(path)
        return
    except OSError:
        return
    try:
        os.fchmod(fd, FILE_MODE)  # os.open's mode is filtered by the umask
    finally:
        os.close(fd)


def tighten(path: Path) -> None:
    """Take every permission of group and others away from `path`; a link is left alone."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        mode = path.lstat().st_mode
        if not stat.S_ISLNK(mode) and stat.S_IMODE(mode) & 0o077:
            path.chmod(stat.S_IMODE(mode) & ~0o077)


def tighten_all(paths: Iterable[Path]) -> None:
    for path in paths:
        tighten(path)


def files_in(folder: Path) -> list[Path]:
    """The entries of `folder` (none if it cannot be listed)."""
    try:
        return list(folder.iterdir())
    except OSError:
        return []
