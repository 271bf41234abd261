"""A date typed as text (or picked from a calendar) that can also be empty.

A plain line edit, not a QDateEdit: a QDateEdit uses Tab to step between its year, month and
day sections, so Tab never left it and the next fields' text landed in the date, and it
emptied itself when left half-typed. Here Tab leaves like in every other field, what was typed
stays as typed (a date that cannot be read is reported by the form, not thrown away), and the
calendar opens on the date shown, or today.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from talentdesk.ui.qdates import date_of, qdate

ISO = "%Y-%m-%d"
# Also read as recruiters type dates: 15.03.1991, 15/03/1991, 1991/03/15.
_DAY_FIRST = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")
_YEAR_FIRST = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")


def parse_date(text: str) -> date | None:
    """The date in `text`; None for an empty text; ValueError when it is not a date."""
    text = text.strip()
    if not text:
        return None
    if match := _YEAR_FIRST.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DAY_FIRST.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
    else:
        raise ValueError("not a date: use yyyy-mm-dd")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError("no such date") from None


class DateField(QWidget):
    """`value()` is the date, None when empty; ValueError for text that is not a date."""

    changed = Signal()  # typed or picked by the user (not by `set_value`)
    editing_finished = Signal()

    def __init__(
        self, today: Callable[[], date] = date.today, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._today = today
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("yyyy-mm-dd")
        self.edit.setClearButtonEnabled(True)
        self.edit.textEdited.connect(lambda _text: self.changed.emit())
        self.edit.editingFinished.connect(self._finished)
        self.setFocusProxy(self.edit)

        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(False)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self.popup = QMenu(self)
        holder = QWidgetAction(self.popup)
        holder.setDefaultWidget(self.calendar)
        self.popup.addAction(holder)
        self.popup.aboutToShow.connect(self._turn_to_shown_date)
        self.button = QToolButton()
        self.button.setText("▾")
        self.button.setToolTip("Pick a date (Alt+Down)")
        self.button.setAccessibleName("Pick a date")
        # Tab goes from the date to the next field; the calendar is a click or Alt+Down away.
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.open_calendar)
        shortcut = QShortcut(QKeySequence("Alt+Down"), self.edit)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self.open_calendar)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)

    # -- the value -------------------------------------------------------------------------
    def text(self) -> str:
        return self.edit.text()

    def value(self) -> date | None:
        return parse_date(self.edit.text())

    def set_value(self, value: date | None) -> None:
        self.edit.setText(value.strftime(ISO) if value else "")

    def clear(self) -> None:
        self.edit.clear()

    # -- the calendar ----------------------------------------------------------------------
    def open_calendar(self) -> None:
        self.popup.popup(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))

    def _turn_to_shown_date(self) -> None:
        try:
            shown = self.value()
        except ValueError:
            shown = None
        day = qdate(shown or self._today())
        self.calendar.setSelectedDate(day)
        self.calendar.setCurrentPage(day.year(), day.month())

    def _picked(self, day: QDate) -> None:
        self.popup.hide()
        self.set_value(date_of(day))
        self.edit.setFocus(Qt.FocusReason.PopupFocusReason)
        self.changed.emit()
        self.editing_finished.emit()

    def _finished(self) -> None:
        # A date that reads is shown the one way; anything else stays as typed.
        try:
            value = self.value()
        except ValueError:
            value = None
        if value is not None and self.edit.text() != value.strftime(ISO):
            self.set_value(value)
        self.editing_finished.emit()
