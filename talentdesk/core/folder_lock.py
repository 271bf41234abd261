""" "This data folder is open in a TalentDesk window": an OS-level lock any process can test.

The window holds it for as long as it runs (besides its Qt lock file, which only Qt can read);
a restore from the command line takes it for the time it works, so it refuses while a window
has the folder open, and a window cannot open the folder halfway through a restore. The lock
is re-entrant within a process: the window's own File → Backups… restore runs while the
window holds it. The operating system drops it when its holder exits, however it exits.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from types import TracebackType

from talentdesk.core.errors import TalentDeskError
from talentdesk.core.oslock import try_lock, unlock

LOCK_NAME = "window.lock"

_guard = threading.Lock()
_held: dict[str, tuple[int, int]] = {}  # lock file -> (open file, times acquired)


class FolderInUseError(TalentDeskError):
    def __init__(self, data_dir: Path) -> None:
        super().__init__(
            f"Another TalentDesk has {data_dir} open.",
            "Close that TalentDesk (its window, or Quit in its tray menu) and try again, or use "
            "File → Backups… in it.",
        )
        self.data_dir = data_dir


class FolderLock:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / LOCK_NAME
        self._key = str(self.path.absolute())
        self._acquired = False

    def acquire(self) -> None:
        """Take the lock (again, if this process holds it); FolderInUseError if another does."""
        if self._acquired:
            return
        with _guard:
            if self._key in _held:
                fd, count = _held[self._key]
                _held[self._key] = (fd, count + 1)
            else:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
                try:
                    try_lock(fd)
                except OSError:
                    os.close(fd)
                    raise FolderInUseError(self.data_dir) from None
                _held[self._key] = (fd, 1)
        self._acquired = True

    def release(self) -> None:
        if not self._acquired:
            return
        self._acquired = False
        with _guard:
            fd, count = _held.pop(self._key)
            if count > 1:
                _held[self._key] = (fd, count - 1)
                return
        try:
            unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> FolderLock:
        self.acquire()
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self.release()
