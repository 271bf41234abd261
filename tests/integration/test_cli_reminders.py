"""`talentdesk due` and `talentdesk reminders --ics`, run as a user would (real clock)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from icalendar import Calendar

from talentdesk.core.db.enums import InteractionKind, ReminderKind
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import written_outside
from tests.integration.conftest import run_cli


def fill(data_dir: Path) -> dict[str, int]:
    """Anna with a follow-up overdue since earlier today; Bartek in a pool with a 30-day
    cadence, last called 45 days ago (his check-in is for the CLI to make); Celina with one
    reminder in three days, one in forty and one done."""
    ws = Workspace.open(AppPaths(data_dir))
    try:
        now = datetime.now(UTC)  # TZ is UTC in tests
        today = datetime.combine(now.date(), datetime.min.time(), UTC)
        earlier_today = max(now - timedelta(hours=2), today + (now - today) / 2)
        anna = ws.candidates.create(CandidateRecord(first_name="Anna", last_name="Kowalska"))
        bartek = ws.candidates.create(CandidateRecord(first_name="Bartek", last_name="Nowak"))
        celina = ws.candidates.create(CandidateRecord(first_name="Celina", last_name="Wójcik"))
        ids = {
            "overdue": ws.reminders.add(anna, earlier_today, note="Send the offer"),
            "soon": ws.reminders.add(
                celina, now + timedelta(days=3), ReminderKind.CHECK_IN, "Coffee", "FREQ=MONTHLY"
            ),
            "far": ws.reminders.add(celina, now + timedelta(days=40), note="Far ahead"),
        }
        done = ws.reminders.add(celina, now - timedelta(days=1), note="Done already")
        ws.reminders.mark_done(done)
        ws.interactions.log(bartek, InteractionKind.CALL, now - timedelta(days=45), "Called")
        with written_outside(
            ws.paths.database
        ) as conn:  # no refresh yet: as after an upgrade or an import
            conn.exec_driver_sql(
                "INSERT INTO pool (name, colour, created_at, cadence_days)"
                " VALUES ('Kraków Java', '#2563eb', '2026-01-01 00:00:00.000000', 30)"
            )
            conn.exec_driver_sql(
                "INSERT INTO pool_stage (pool_id, name, kind, position)"
                " VALUES (1, 'Sourced', 'new', 0)"
            )
            conn.exec_driver_sql(
                "INSERT INTO pool_membership (candidate_id, pool_id, stage_id, near_fit,"
                " added_at) VALUES (?, 1, 1, 0, '2026-01-01 00:00:00.000000')",
                (bartek,),
            )
        return ids
    finally:
        ws.close()


def test_due_lists_what_is_overdue_or_due_today(data_dir: Path) -> None:
    ids = fill(data_dir)
    result = run_cli("--data-dir", str(data_dir), "due", "--json")
    assert result.returncode == 0, result.stderr
    due = json.loads(result.stdout)["due"]
    assert [(d["candidate"], d["kind"], d["origin"], d["overdue"]) for d in due] == [
        ("Bartek Nowak", "check_in", "cadence", True),
        ("Anna Kowalska", "follow_up", "manual", True),
    ]
    check_in, follow_up = due
    assert check_in["reason"] == "No contact for 45 days in pool Kraków Java"
    assert check_in["note"] is None
    assert (follow_up["id"], follow_up["note"]) == (ids["overdue"], "Send the offer")
    assert datetime.fromisoformat(follow_up["due_at"]) < datetime.now(UTC)

    text = run_cli("--data-dir", str(data_dir), "due")
    lines = text.stdout.splitlines()
    assert (
        "overdue  Bartek Nowak  Check in: No contact for 45 days in pool Kraków Java" in (lines[0])
    )
    assert lines[1].endswith("overdue  Anna Kowalska  Follow-up: Send the offer")
    assert lines[-1] == "2 due (2 overdue)"
    # The check-in was made once, however often the command runs.
    again = json.loads(run_cli("--data-dir", str(data_dir), "due", "--json").stdout)["due"]
    assert [d["id"] for d in again] == [d["id"] for d in due]


def test_due_on_an_empty_folder(data_dir: Path) -> None:
    result = run_cli("--data-dir", str(data_dir), "due")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Nothing is due.\n"


def test_reminders_as_an_icalendar_file(data_dir: Path) -> None:
    ids = fill(data_dir)
    ics = data_dir.parent / "reminders.ics"  # beside the data folder: never inside it
    result = run_cli("--data-dir", str(data_dir), "reminders", "--ics", str(ics), "--days", "7")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote 2 reminders due in the next 7 days to {ics}\n"
    events = {str(e["uid"]): e for e in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")}
    assert set(events) == {
        f"reminder-{ids['overdue']}@talentdesk",
        f"reminder-{ids['soon']}@talentdesk",
    }
    soon = events[f"reminder-{ids['soon']}@talentdesk"]
    assert str(soon["summary"]) == "Check in: Celina Wójcik"
    assert str(soon["description"]) == "Coffee"
    assert soon["rrule"]["FREQ"] == ["MONTHLY"]
    assert str(events[f"reminder-{ids['overdue']}@talentdesk"]["summary"]) == (
        "Follow-up: Anna Kowalska"
    )

    # Not the check-in that fell due two weeks ago: a calendar is for what is coming.
    default = run_cli("--data-dir", str(data_dir), "reminders", "--ics", str(ics))
    assert default.stdout.startswith("wrote 2 reminders due in the next 30 days")
    wider = run_cli("--data-dir", str(data_dir), "reminders", "--ics", str(ics), "--days", "45")
    assert wider.stdout.startswith("wrote 3 reminders due in the next 45 days")

    refused = run_cli("--data-dir", str(data_dir), "reminders", "--ics", str(ics), "--days", "0")
    assert refused.returncode == 2
    assert "positive number of days" in refused.stderr
