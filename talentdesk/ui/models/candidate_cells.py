"""The text, colours and tips of the candidate table's cells (ui/models/candidate_table.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from talentdesk.core.candidate_list import CandidateRow, SortColumn, Touch
from talentdesk.core.db.enums import CandidateStatus
from talentdesk.core.privacy.consent_state import ConsentState, chip_text
from talentdesk.ui.formatting import format_date, relative_day

# The table's columns: what each sorts by, and its title.
COLUMNS: tuple[tuple[SortColumn, str], ...] = (
    (SortColumn.NAME, "Name"),
    (SortColumn.TITLE, "Title"),
    (SortColumn.COMPANY, "Company"),
    (SortColumn.CITY, "City"),
    (SortColumn.SENIORITY, "Seniority"),
    (SortColumn.STAGE, "Stage"),
    (SortColumn.LAST_CONTACT, "Last contact"),
    (SortColumn.NEXT_REMINDER, "Next reminder"),
    (SortColumn.CONSENT, "Consent"),
)
CANDIDATE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
TOUCH_ROLE = Qt.ItemDataRole.UserRole + 2  # "ok", "amber", "red"; None outside a cadence pool
# The roles a cell answers (the view asks for others too: size hints, fonts, alignment).
CELL_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.DecorationRole,
        TOUCH_ROLE,
    }
)
# Losing touch, marked on the Last contact cell: a coloured square and a tinted background.
_TOUCH_MARKS = {
    Touch.AMBER: (QColor("#d97706"), QColor("#fef3c7")),
    Touch.RED: (QColor("#dc2626"), QColor("#fee2e2")),
}


# The consent column's words in the colours of the profile's chip (ui/privacy/consent_chip.py).
_CONSENT_COLOURS = {
    ConsentState.EXPIRING: "#b45309",
    ConsentState.EXPIRED: "#b91c1c",
    ConsentState.WITHDRAWN: "#b91c1c",
}


def losing_touch_tip(row: CandidateRow, now: datetime, cadence_days: int | None) -> str:
    """ "No contact for 92 days — the pool's cadence is 60"."""
    since = (
        f"No contact for {(now - row.last_contact_at).days:,} days"
        if row.last_contact_at
        else "Never contacted"
    )
    return f"{since} — the pool's cadence is {cadence_days:,}" if cadence_days else since


def cell(
    row: CandidateRow, column: SortColumn, role: int, now: datetime, cadence_days: int | None
) -> Any:
    """What a cell of `row` shows for `role` (one of CELL_ROLES)."""
    if role == TOUCH_ROLE:
        return row.touch.value if row.touch else None
    if role == Qt.ItemDataRole.DisplayRole:
        return display(row, column, now)
    return styled(row, column, role, now, cadence_days)


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


def styled(
    row: CandidateRow, column: SortColumn, role: int, now: datetime, cadence_days: int | None
) -> Any:
    """A cell's touch mark, colours and tooltip (`role` other than its text)."""
    if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.DecorationRole):
        marks = _TOUCH_MARKS.get(row.touch) if row.touch else None
        if marks is None or column is not SortColumn.LAST_CONTACT:
            return None
        return marks[0] if role == Qt.ItemDataRole.DecorationRole else QBrush(marks[1])
    if role == Qt.ItemDataRole.ForegroundRole:
        if row.status is CandidateStatus.DO_NOT_CONTACT:
            return QBrush(QColor("#9ca3af"))
        due = row.next_reminder_at
        if column is SortColumn.NEXT_REMINDER and due is not None and due < now:
            return QBrush(QColor("#dc2626"))
        if column is SortColumn.CONSENT and row.consent in _CONSENT_COLOURS:
            return QBrush(QColor(_CONSENT_COLOURS[row.consent]))
        return None
    if role == Qt.ItemDataRole.ToolTipRole:
        if column is SortColumn.NAME:
            parts = [row.name, row.email or "no e-mail", row.status.label]
            return "\n".join(parts)
        if column is SortColumn.LAST_CONTACT and row.touch in _TOUCH_MARKS:
            return losing_touch_tip(row, now, cadence_days)
        if column in (SortColumn.LAST_CONTACT, SortColumn.NEXT_REMINDER):
            value = (
                row.last_contact_at if column is SortColumn.LAST_CONTACT else row.next_reminder_at
            )
            return format_date(value)
        return None
    return None
