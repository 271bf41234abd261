"""The user's time zone: the one a caller gives, else the computer's own, with its
daylight-saving rules (a fixed UTC offset would put summer reminders an hour off)."""

from __future__ import annotations

import os
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo


def local_zone(tz: tzinfo | None = None) -> tzinfo:
    if tz is not None:
        return tz
    from dateutil.tz import tzlocal

    return tzlocal()


def local_zoneinfo(tz: tzinfo | None = None) -> ZoneInfo | None:
    """The user's zone as an IANA ZoneInfo (what an iCalendar file can name), when it can be
    known: the given one, else $TZ, else /etc/localtime's link into the zone database."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # not needed to start the window

    if isinstance(tz, ZoneInfo):
        return tz
    if tz is not None:
        return None
    names = [os.environ.get("TZ", "").lstrip(":")]
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            names.append(target.split("zoneinfo/", 1)[1])
    for name in names:
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return None
