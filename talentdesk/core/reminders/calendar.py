"""Reminders as an iCalendar (RFC 5545) file that Outlook, Google Calendar and Apple Calendar
import: one event per reminder, with a display alarm at its start."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, vRecur

from talentdesk.core.files import DataFolder, written_whole
from talentdesk.core.reminders.recurrence import validate

PRODID = "-//TalentDesk//Reminders//EN"
UID_DOMAIN = "talentdesk"
DEFAULT_DURATION = timedelta(minutes=15)


@dataclass(frozen=True)
class CalendarItem:
    """One reminder to export. `uid_key` ("reminder-42") must stay the same for the same
    reminder, so importing a newer file updates its event instead of adding a second one."""

    uid_key: str
    start_utc: datetime
    summary: str
    description: str
    rrule: str | None = None
    end_utc: datetime | None = None


def write_ics(
    items: Iterable[CalendarItem],
    path: Path,
    now: datetime,
    calendar_name: str,
    tz: ZoneInfo | None = None,
    *,
    data_dir: DataFolder,
) -> int:
    """Write `items` to `path` whole (core.files: never in the data folder `data_dir`, never
    over a device, pipe or folder) and return how many were written.

    Events start in UTC. With `tz`, repeating events start at their local time in `tz` instead
    (with its VTIMEZONE), so a calendar keeps them at 09:00 local across daylight-saving
    changes, as TalentDesk does; a UTC start would move them by an hour.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", calendar_name)
    calendar.add("name", calendar_name)  # RFC 7986's name for the same thing
    count = 0
    for item in items:
        calendar.add_component(_event(item, now, tz))
        count += 1
    if tz is not None:
        calendar.add_missing_timezones()
    with written_whole(path, data_dir) as temp:
        temp.write_bytes(calendar.to_ical())
    return count


def _event(item: CalendarItem, now: datetime, tz: ZoneInfo | None) -> Event:
    start = item.start_utc.astimezone(UTC)
    if tz is not None and item.rrule:
        start = start.astimezone(tz)
    event = Event()
    event.add("uid", f"{item.uid_key}@{UID_DOMAIN}")
    event.add("dtstamp", now.astimezone(UTC))
    event.add("dtstart", start)
    if item.end_utc is not None:
        event.add("dtend", item.end_utc.astimezone(UTC))
    else:
        event.add("duration", DEFAULT_DURATION)
    event.add("summary", item.summary)
    if item.description:
        event.add("description", item.description)
    if item.rrule:
        event.add("rrule", vRecur.from_ical(validate(item.rrule)))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", item.summary)  # required for a DISPLAY alarm
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    return event
