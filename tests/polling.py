"""Waiting for a throw-away server (PostgreSQL, Dovecot, aiosmtpd) to reach a state.

The servers are other processes or threads with no event to wait on, so the test helpers poll
with a deadline; this is the one place that does.
"""

from __future__ import annotations

import time
from collections.abc import Callable


def poll(
    done: Callable[[], bool],
    *,
    seconds: float,
    every: float,
    check: Callable[[], None] | None = None,
) -> bool:
    """Calls `check()` (which raises on a failure it sees) and `done()` until `done()` holds:
    True then, False once `seconds` have passed first."""
    deadline = time.monotonic() + seconds
    while not done():
        if check is not None:
            check()
        if time.monotonic() > deadline:
            return False
        time.sleep(every)
    return True
