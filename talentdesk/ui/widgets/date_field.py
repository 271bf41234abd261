"""A date editor that can also be empty (QDateEdit alone cannot)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

from talentdesk.ui.qdates import date_of, qdate

_EMPTY = QDate(1900, 1, 1)


class OptionalDateEdit(QDateEdit):
    """Shows nothing for "no date"; the calendar opens on today. Delete clears it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(_EMPTY)
        self.setSpecialValueText(" ")
        self.setDate(_EMPTY)
        self.calendarWidget().setSelectedDate(QDate.currentDate())

    def value(self) -> date | None:
        current = self.date()
        return None if current == _EMPTY else date_of(current)

    def set_value(self, value: date | None) -> None:
        self.setDate(qdate(value) if value else _EMPTY)

    def clear(self) -> None:
        self.setDate(_EMPTY)
