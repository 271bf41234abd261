"""`talentdesk due` lists what is due now, for scripts; `talentdesk reminders --ics FILE` writes
the coming reminders as an iCalendar file for Outlook or Google Calendar.

Both bring the reminders TalentDesk writes itself up to date first, so a check-in that fell
due while the window was closed is there; when nothing changed since the last refresh and no
check-in, feedback, renewal or new day has come since, that needs no write (a stamp says so).
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from talentdesk.core.reads import DayBounds

if TYPE_CHECKING:
    from talentdesk.core.workspace import Workspace

DEFAULT_DAYS = 30


def add_parsers(commands: Any) -> None:
    due = commands.add_parser("due", help="list reminders overdue or due today")
    due.add_argument("--json", action="store_true", help="print JSON")
    reminders = commands.add_parser("reminders", help="export the coming reminders")
    reminders.add_argument(
        "--ics", type=Path, required=True, metavar="FILE", help="write an iCalendar file"
    )
    reminders.add_argument(
        "--days",
        type=int,
        default=DEFAULT_DAYS,
        metavar="N",
        help=f"reminders due in the next N days, 1 to 3660 (default {DEFAULT_DAYS})",
    )


def run_due(ws: Any, args: argparse.Namespace) -> int:
    from talentdesk import cli_due_output

    now = _refreshed_now(ws)
    until = DayBounds.at(now, ws.tz).tomorrow
    if args.json:
        cli_due_output.write_json(sys.stdout, now, ws.reads.due_json(until, now))
    else:
        cli_due_output.write_text(sys.stdout, now, ws.tz, ws.reads.due_rows(until))
    return 0


def run_reminders(ws: Any, args: argparse.Namespace) -> int:
    from talentdesk.core.files import check_output_path
    from talentdesk.core.reminders.upcoming import check_days, write_upcoming_ics

    check_days(args.days)  # before anything is written
    out = check_output_path(args.ics, ws.paths)  # before the refresh writes to the database
    now = _refreshed_now(ws)
    written = write_upcoming_ics(ws.reads, out.target, now, args.days, ws.tz, data_dir=ws.paths)
    print(f"wrote {written:,} reminders due in the next {args.days} days to {out}")
    return 0


def _refreshed_now(ws: Workspace) -> datetime:
    """Now, with the generated reminders brought up to date unless the last refresh still
    holds (core/reminders/freshness.py): then nothing is written and SQLAlchemy not loaded."""
    from talentdesk.core.reminders import freshness

    now = ws.clock()
    if not freshness.is_fresh(ws.reader, now, ws.tz):
        from talentdesk.core.reminders import generated

        generated.refresh(ws.db, now, ws.tz)
    return now
