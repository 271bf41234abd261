"""The iCalendar export, read back with icalendar."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from talentdesk.core.errors import TalentDeskError
from talentdesk.core.reminders.calendar import CalendarItem, write_ics

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
WARSAW = ZoneInfo("Europe/Warsaw")

ONCE = CalendarItem(
    uid_key="reminder-7",
    start_utc=datetime(2026, 11, 26, 8, 0, tzinfo=UTC),
    summary="Follow up: Anna Kowalska",
    description="No contact for 92 days in pool Kraków Java; call about the Spring role.",
)
MONTHLY = CalendarItem(
    uid_key="reminder-8",
    start_utc=datetime(2026, 12, 15, 8, 0, tzinfo=UTC),
    summary="Check in: Łukasz Nowak",
    description="",
    rrule="FREQ=MONTHLY;BYMONTHDAY=15;COUNT=5",
    end_utc=datetime(2026, 12, 15, 8, 30, tzinfo=UTC),
)


def read(path):
    return Calendar.from_ical(path.read_bytes())


def test_events_fields(tmp_path):
    path = tmp_path / "reminders.ics"
    assert (
        write_ics([ONCE, MONTHLY], path, NOW, "TalentDesk reminders", data_dir=tmp_path / "data")
        == 2
    )

    calendar = read(path)
    assert str(calendar["PRODID"]) == "-//TalentDesk//Reminders//EN"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "TalentDesk reminders"
    once, monthly = calendar.walk("VEVENT")

    assert str(once["UID"]) == "reminder-7@talentdesk"
    assert once.decoded("DTSTART") == datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
    assert once.decoded("DURATION") == timedelta(minutes=15)
    assert "DTEND" not in once
    assert once.decoded("DTSTAMP") == NOW
    assert str(once["SUMMARY"]) == "Follow up: Anna Kowalska"
    assert str(once["DESCRIPTION"]) == ONCE.description
    assert "RRULE" not in once
    (alarm,) = once.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(0)
    assert str(alarm["DESCRIPTION"]) == "Follow up: Anna Kowalska"

    assert str(monthly["UID"]) == "reminder-8@talentdesk"
    assert monthly.decoded("DTEND") == datetime(2026, 12, 15, 8, 30, tzinfo=UTC)
    assert "DURATION" not in monthly
    assert "DESCRIPTION" not in monthly
    assert dict(monthly["RRULE"]) == {"FREQ": ["MONTHLY"], "BYMONTHDAY": [15], "COUNT": [5]}
    # Start times are written in UTC.
    assert b"DTSTART:20261126T080000Z" in path.read_bytes()


def test_rewriting_keeps_uids_and_replaces_the_file(tmp_path):
    path = tmp_path / "reminders.ics"
    write_ics([ONCE, MONTHLY], path, NOW, "TalentDesk", data_dir=tmp_path / "data")
    moved = CalendarItem("reminder-7", datetime(2026, 11, 27, 8, 0, tzinfo=UTC), "Follow up", "")
    write_ics([moved], path, NOW + timedelta(days=1), "TalentDesk", data_dir=tmp_path / "data")

    (event,) = read(path).walk("VEVENT")
    assert str(event["UID"]) == "reminder-7@talentdesk"
    assert event.decoded("DTSTART") == datetime(2026, 11, 27, 8, 0, tzinfo=UTC)
    assert event.decoded("DTSTAMP") == NOW + timedelta(days=1)
    assert [p.name for p in tmp_path.iterdir()] == ["reminders.ics"]  # no temp file left


def test_repeating_events_in_the_users_zone_keep_local_time(tmp_path):
    path = tmp_path / "reminders.ics"
    write_ics([ONCE, MONTHLY], path, NOW, "TalentDesk", tz=WARSAW, data_dir=tmp_path / "data")

    calendar = read(path)
    once, monthly = calendar.walk("VEVENT")
    assert once.decoded("DTSTART") == datetime(2026, 11, 26, 8, 0, tzinfo=UTC)  # not repeating
    assert monthly["DTSTART"].params["TZID"] == "Europe/Warsaw"
    assert monthly.decoded("DTSTART").replace(tzinfo=None) == datetime(2026, 12, 15, 9, 0)
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Warsaw"


def test_empty_export_is_a_valid_calendar(tmp_path):
    path = tmp_path / "empty.ics"
    assert write_ics([], path, NOW, "TalentDesk", data_dir=tmp_path / "data") == 0
    calendar = read(path)
    assert calendar.walk("VEVENT") == []
    assert str(calendar["PRODID"]) == "-//TalentDesk//Reminders//EN"


def test_malformed_rule_is_refused(tmp_path):
    bad = CalendarItem("reminder-9", NOW, "x", "", rrule="FREQ=SOMETIMES")
    with pytest.raises(ValueError, match="not SOMETIMES"):
        write_ics([bad], tmp_path / "bad.ics", NOW, "TalentDesk", data_dir=tmp_path / "data")
    assert list(tmp_path.iterdir()) == []


def test_unwritable_folder_says_so(tmp_path):
    with pytest.raises(TalentDeskError, match="cannot be written"):
        write_ics(
            [ONCE],
            tmp_path / "missing" / "reminders.ics",
            NOW,
            "TalentDesk",
            data_dir=tmp_path / "data",
        )
