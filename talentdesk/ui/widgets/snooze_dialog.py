"""The snooze menu's "Pick a time…": a dialog for a chosen local date and time."""

from __future__ import annotations

from datetime import datetime, time, timedelta, tzinfo

from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from talentdesk.core.reminders.snooze import at_working_day_start, local_time_on
from talentdesk.ui.qdates import datetime_of, qdatetime


class PickSnoozeDialog(QDialog):
    """Snooze until a chosen local date and time after `now` (for a reminder not due yet: its
    due time); the next working day start after it at first."""

    def __init__(
        self, now: datetime, zone: tzinfo, day_start: time, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self._now = now
        self._zone = zone
        self.setWindowTitle("Snooze until")
        tomorrow = at_working_day_start(
            now.astimezone(zone).date() + timedelta(days=1), zone, day_start
        )
        self.when = QDateTimeEdit(qdatetime(tomorrow.astimezone(zone)))
        self.when.setObjectName("snoozeWhen")
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("ddd d MMM yyyy HH:mm")
        self.message = QLabel()
        self.message.setObjectName("snoozeMessage")
        self.message.setStyleSheet("color: #b91c1c;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Snooze")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Snooze &until:", self.when)
        form.addRow(self.message)
        form.addRow(buttons)
        self.when.dateTimeChanged.connect(self._update)
        self._update()

    def value(self) -> datetime:
        wall = datetime_of(self.when.dateTime())
        return local_time_on(wall.date(), wall.time().replace(second=0, microsecond=0), self._zone)

    def _update(self) -> None:
        future = self.value() > self._now
        self.ok_button.setEnabled(future)
        self.message.setText("" if future else "Pick a time in the future.")
