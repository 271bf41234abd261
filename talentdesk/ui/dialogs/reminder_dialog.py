"""Add a reminder to a candidate: when, what kind, and a note saying why."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from talentdesk.core.db.enums import ReminderKind
from talentdesk.ui.widgets.datetime_edit import edited_datetime, local_datetime_edit


class ReminderDialog(QDialog):
    def __init__(self, now: datetime, candidate_name: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Add reminder — {candidate_name}")
        # A week from now, at nine in the morning local time.
        default = (now + timedelta(days=7)).astimezone().replace(hour=9, minute=0, second=0)
        self.when = local_datetime_edit(default.replace(microsecond=0))
        self.kind = QComboBox()
        for kind in ReminderKind:
            self.kind.addItem(kind.label, kind)
        self.note = QLineEdit()
        self.note.setObjectName("reminderNote")
        self.note.setPlaceholderText("e.g. Ask how the new role is going")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Due", self.when)
        form.addRow("Kind", self.kind)
        form.addRow("Note", self.note)
        form.addRow(buttons)
        self.resize(420, 160)

    def values(self) -> tuple[datetime, ReminderKind, str]:
        due = edited_datetime(self.when)
        return due, ReminderKind(self.kind.currentData()), self.note.text()  # str from Qt
