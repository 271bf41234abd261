"""Time, injected: services take a `Clock` so tests can travel in time without sleeping."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    """The real clock: an aware datetime in UTC."""
    return datetime.now(UTC)
