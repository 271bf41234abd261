"""Taking SQLite's write lock at the start of an operation (BEGIN IMMEDIATE), waiting for other
processes in short steps (the connection's busy timeout) so that Cancel is heard and the wait
is shown."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable

from talentdesk.core.diagnose import BusyTooLongError, CancelledError, is_busy
from talentdesk.core.ops.activity import ActivityNote
from talentdesk.core.ops.jobs import Job, Waiting


def begin_immediate(
    raw: sqlite3.Connection,
    job: Job | None,
    activity: ActivityNote,
    max_wait_s: float | None,
    tell_waiting: Callable[[Waiting | None], None],
) -> None:
    """BEGIN IMMEDIATE on `raw` for `job`; a wait longer than `max_wait_s` (None: no limit)
    fails, naming who holds the lock."""
    started = time.monotonic()
    told = False
    try:
        while True:
            try:
                raw.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not is_busy(exc):
                    raise
            if job is not None and job.cancelled:
                raise CancelledError(job.label)
            waited = time.monotonic() - started
            holder = activity.describe_holder()
            if max_wait_s is not None and waited > max_wait_s:
                raise BusyTooLongError(waited, holder)
            if not told:
                told = True
                label = job.label if job is not None else "writing"
                tell_waiting(Waiting(label, holder, other_process=True))
    finally:
        if told:
            tell_waiting(None)
