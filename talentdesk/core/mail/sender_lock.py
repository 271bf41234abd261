"""One sender per data folder: an OS-level lock on a file beside the database.

The window and `talentdesk outbox --send` must not work the same outbox together: each would
take the other's in-flight message for one left behind by a crash. The operating system drops
the lock when its holder exits, however it exits, so a killed sender never blocks the next.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType

from talentdesk.core.errors import TalentDeskError
from talentdesk.core.oslock import try_lock, unlock


class SenderBusyError(TalentDeskError):
    def __init__(self) -> None:
        super().__init__(
            "Another TalentDesk is sending the outbox of this data folder.",
            "Wait until it has finished (the window's outbox, or `talentdesk outbox --send`), "
            "then try again.",
        )


class SenderLock:
    """Held while a sender runs; `acquire` raises SenderBusyError when another holds it.

    flock (POSIX) and LockFile (Windows) belong to the open file, so a second sender in the
    same process is refused as well.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try_lock(fd)
        except OSError:
            os.close(fd)
            raise SenderBusyError() from None
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> SenderLock:
        self.acquire()
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self.release()
