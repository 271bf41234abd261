"""An exclusive, non-blocking OS lock on an open file: flock on POSIX, LockFile on Windows.

Both belong to the open file, so a second open of the same file in the same process is refused
as well, and the operating system drops the lock when its holder exits, however it exits.
"""

from __future__ import annotations

import os
import sys

if sys.platform == "win32":
    import msvcrt

    def try_lock(fd: int) -> None:
        """Lock the file open as `fd`; OSError when another holds it."""
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # the first byte stands for the whole file

    def unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def try_lock(fd: int) -> None:
        """Lock the file open as `fd`; OSError when another holds it."""
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
