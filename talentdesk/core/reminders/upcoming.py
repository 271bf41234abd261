"""Upcoming reminders as an iCalendar file, for `talentdesk reminders --ics` and the window's
File → Export reminders to calendar…; Outlook and Google Calendar import it, and importing a
newer export updates the same events (stable UIDs)."""

from __future__ import annotations

from datetime import datetime, time, timedelta, tzinfo
from pathlib import Path

from talentdesk import APP_NAME
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.files import DataFolder
from talentdesk.core.reads import ReadModel
from talentdesk.core.reminders.calendar import CalendarItem, write_ics
from talentdesk.core.timezone import local_zone, local_zoneinfo

MAX_DAYS = 3660  # ten years ahead; far more would only overflow the calendar's dates


def check_days(days: int) -> None:
    """Refuse a number of days ahead outside 1..MAX_DAYS, saying what is accepted."""
    if not 1 <= days <= MAX_DAYS:
        raise TalentDeskError(
            f"{days:,} is not a positive number of days up to {MAX_DAYS:,}.",
            f"Choose how many days ahead to export: 1 to {MAX_DAYS:,} (about ten years).",
        )


def write_upcoming_ics(
    reads: ReadModel,
    path: Path,
    now: datetime,
    days: int,
    tz: tzinfo | None,
    *,
    data_dir: DataFolder,
) -> int:
    """Open reminders from the start of today to `days` days ahead; returns how many."""
    check_days(days)
    local = now.astimezone(local_zone(tz))
    start_of_today = datetime.combine(local.date(), time(), local.tzinfo)
    items = reads.open_reminders(until=now + timedelta(days=days), since=start_of_today)
    return write_ics(
        (
            CalendarItem(
                uid_key=f"reminder-{r.id}",
                start_utc=r.due_at,
                summary=f"{r.kind.label}: {r.candidate_name}",
                description="\n".join(text for text in (r.note, r.reason) if text),
                rrule=r.recurrence,
            )
            for r in items
        ),
        path,
        now,
        f"{APP_NAME} reminders",
        # Repeating events keep their local time across daylight saving only in a named zone.
        local_zoneinfo(tz),
        data_dir=data_dir,
    )
