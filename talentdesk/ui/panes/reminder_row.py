"""A reminder's row in the reminders pane: when, who, what (and why, in its tooltip)."""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem

from talentdesk.core.db.enums import ReminderOrigin
from talentdesk.core.reads import ReminderItem
from talentdesk.ui.formatting import format_datetime, relative_day
from talentdesk.ui.widgets.auto_badge import auto_badge

REMINDER_ID = Qt.ItemDataRole.UserRole  # column 0: the reminder's id; column 1: the candidate's


def reminder_row(r: ReminderItem, key: str, now: datetime, zone: tzinfo) -> QTreeWidgetItem:
    """The row of `r` in group `key` ("today" shows the time, the others the day)."""
    when = relative_day(r.due_at, now) if key != "today" else f"{r.due_at.astimezone(zone):%H:%M}"
    item = QTreeWidgetItem([when, r.candidate_name, what(r)])
    item.setToolTip(0, format_datetime(r.due_at))
    item.setToolTip(2, what_tip(r))
    if r.origin is not ReminderOrigin.MANUAL:
        item.setIcon(2, auto_badge())
    item.setData(0, REMINDER_ID, r.id)
    item.setData(1, REMINDER_ID, r.candidate_id)
    return item


def reminder_rows(head: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    """A group's rows that are reminders (not its "…and 12 more")."""
    rows = (head.child(j) for j in range(head.childCount()))
    return [r for r in rows if r is not None and r.data(0, REMINDER_ID) is not None]


def what(r: ReminderItem) -> str:
    """Kind and note; a generated reminder without a note says why it exists instead. A
    person who may not be contacted is said to be so first."""
    detail = r.note or r.reason
    stop = f"⛔ {r.not_contacted.capitalize()} · " if r.not_contacted else ""
    return stop + r.kind.label + (f": {detail}" if detail else "")


def what_tip(r: ReminderItem) -> str:
    lines = [what(r)]
    if r.origin is not ReminderOrigin.MANUAL:
        lines.append(f"Made by TalentDesk: {r.reason}" if r.reason else "Made by TalentDesk")
    return "\n".join(lines)
