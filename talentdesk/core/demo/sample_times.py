"""Made-up times and phone numbers for the sample people."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta


def end_of_today(now: datetime) -> datetime:
    """The earlier of the next UTC midnight and the next local midnight, so a reminder placed
    before it is "today" whichever of the two the UI uses."""
    ends = []
    for local in (now.astimezone(UTC), now.astimezone()):
        ends.append(datetime.combine(local.date() + timedelta(days=1), time(), local.tzinfo))
    return min(ends)


def working_hours(day: date, rng: random.Random) -> datetime:
    """A moment between 08:00 and 17:59 UTC on `day`."""
    start = datetime.combine(day, time(8), UTC)
    return start + timedelta(seconds=rng.randrange(10 * 3600))


def reminder_due(bucket: str, now: datetime, rng: random.Random) -> datetime:
    today = now.date()
    if bucket in ("overdue", "done"):  # a few days before today's start, so before now
        return working_hours(today - timedelta(days=rng.randint(1, 5)), rng)
    if bucket == "today":
        return now + (end_of_today(now) - now) * rng.uniform(0.2, 0.8)
    if bucket == "week":
        # Day +2 to +6 is after the start of tomorrow and before now + 7 days, in any zone.
        return working_hours(today + timedelta(days=rng.randint(2, 6)), rng)
    return working_hours(today + timedelta(days=rng.randint(10, 75)), rng)


def phone(prefix: str, rng: random.Random) -> str:
    digits = "".join(str(rng.randint(0, 9)) for _ in range(8))
    if prefix.startswith("+44"):
        return f"{prefix}7{digits[:3]} {digits[3:]}{rng.randint(0, 9)}"
    if prefix.startswith("+49"):
        return f"{prefix}15{digits[:1]} {digits[1:]}"
    return f"{prefix}5{digits[:2]} {digits[2:5]} {digits[5:]}"
