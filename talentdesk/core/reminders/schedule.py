"""When the reminder scheduler wakes up next: pure arithmetic on the injected clock's times, so
it is tested without Qt timers or sleeping."""

from __future__ import annotations

from datetime import datetime, time, timedelta, tzinfo

# The coarse check that catches up after sleep or a clock jump, and refreshes the counts:
# when nothing is due, this is the only wake-up.
SAFETY_INTERVAL_MS = 60_000
# Qt timers take a signed 32-bit number of milliseconds (about 24.8 days).
MAX_TIMER_MS = 24 * 24 * 60 * 60 * 1000


def due_timer_ms(now: datetime, next_due: datetime | None) -> int | None:
    """How long the single-shot timer for the next due reminder waits (None: nothing ahead).

    A time already past gives 0; a very distant one is capped to what a Qt timer accepts, and
    the scheduler re-arms it when it fires early.
    """
    if next_due is None:
        return None
    millis = (next_due - now) // timedelta(milliseconds=1)
    return min(max(millis, 0), MAX_TIMER_MS)


def next_wakeup_ms(
    now: datetime, next_due: datetime | None, safety_ms: int = SAFETY_INTERVAL_MS
) -> int:
    """How long until the scheduler next looks: the next due time, or the safety check first."""
    due_ms = due_timer_ms(now, next_due)
    return safety_ms if due_ms is None else min(due_ms, safety_ms)


def start_of_day(now: datetime, tz: tzinfo) -> datetime:
    """Midnight of `now`'s local calendar day (reminders due before it are overdue)."""
    local = now.astimezone(tz)
    return datetime.combine(local.date(), time(), tzinfo=tz).astimezone(now.tzinfo)
