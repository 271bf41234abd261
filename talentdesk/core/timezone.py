"""The user's time zone: the one a caller gives, else the computer's own, with its
daylight-saving rules (a fixed UTC offset would put summer reminders an hour off)."""

from __future__ import annotations

from datetime import tzinfo


def local_zone(tz: tzinfo | None = None) -> tzinfo:
    if tz is not None:
        return tz
    from dateutil.tz import tzlocal

    return tzlocal()
