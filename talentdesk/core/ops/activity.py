"""Which TalentDesk holds the database for a long write, so that another one waiting for it
can say what it waits for ("another TalentDesk is importing people.csv").

A long operation (an import, loading sample data, a restore) leaves a small note beside the
database while it runs; short ones don't bother. A note whose process is gone is ignored.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path


class ActivityNote:
    def __init__(self, database: Path) -> None:
        self.path = database.with_name(database.name + ".writing")

    def write(self, what: str) -> None:
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"pid": os.getpid(), "what": what}, f)
        except OSError:  # only a courtesy to other processes: never fail a write for it
            pass

    def clear(self) -> None:
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)

    def describe_holder(self) -> str:
        """What another process is doing with the database, in words."""
        try:
            note = json.loads(self.path.read_text(encoding="utf-8"))
            pid, what = int(note["pid"]), str(note["what"])
        except (OSError, ValueError, KeyError, TypeError):
            return "another program is writing to the database"
        if pid == os.getpid() or not process_alive(pid):
            return "another program is writing to the database"
        return f"another TalentDesk is {what}"


def process_alive(pid: int) -> bool:
    """Whether the process `pid` still runs (on Windows: assumed so)."""
    if sys.platform == "win32":  # os.kill(pid, 0) would end the process there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # exists, but belongs to someone else (or cannot be asked: assume alive)
    return True
