"""The text of the candidate table's cells (ui/models/candidate_table.py)."""

from __future__ import annotations

from datetime import datetime

from talentdesk.core.candidate_list import CandidateRow, SortColumn
from talentdesk.core.privacy.consent_state import chip_text
from talentdesk.ui.formatting import relative_day


def losing_touch_tip(row: CandidateRow, now: datetime, cadence_days: int | None) -> str:
    """ "No contact for 92 days — the pool's cadence is 60"."""
    since = (
        f"No contact for {(now - row.last_contact_at).days:,} days"
        if row.last_contact_at
        else "Never contacted"
    )
    return f"{since} — the pool's cadence is {cadence_days:,}" if cadence_days else since


def display(row: CandidateRow, column: SortColumn, now: datetime) -> str:
    match column:
        case SortColumn.NAME:
            return row.name
        case SortColumn.TITLE:
            return row.title or ""
        case SortColumn.COMPANY:
            return row.company or ""
        case SortColumn.CITY:
            return row.city or ""
        case SortColumn.SENIORITY:
            return row.seniority.label if row.seniority else ""
        case SortColumn.STAGE:
            return row.stage or ""
        case SortColumn.LAST_CONTACT:
            return relative_day(row.last_contact_at, now)
        case SortColumn.NEXT_REMINDER:
            return relative_day(row.next_reminder_at, now)
        case SortColumn.CONSENT:
            return chip_text(row.consent, row.consent_days_left)
