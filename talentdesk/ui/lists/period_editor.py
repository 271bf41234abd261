"""A period in plain words: at any time, in the last N days / weeks / months (a live list
stays live), or between two dates (either end may stay open)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from talentdesk.core.lists.describe import period_words
from talentdesk.core.lists.filters import Period
from talentdesk.ui.widgets.date_field import DateField

ANY, LAST, BETWEEN, KEPT = "any", "last", "between", "kept"
MAX_COUNT = 1200


def _in_words(period: Period) -> tuple[int, str]:
    """How a relative period's length reads best: (12, "months"), (2, "weeks"), (10, "days")."""
    if period.months is not None:
        return period.months, "months"
    days = period.days or 0
    if days % 7 == 0 and days:
        return days // 7, "weeks"
    return days, "days"


def _is_simple(period: Period) -> bool:
    """ "The last N days / weeks / months", or between two dates: what the editor edits."""
    return period.until_days is None and period.until_months is None


class PeriodEditor(QWidget):
    """`value()` is the Period (None: at any time); ValueError, in words a recruiter reads, for
    dates that cannot be read or a range that ends before it starts."""

    changed = Signal()

    def __init__(
        self,
        today: Callable[[], date] = date.today,
        allow_any: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._kept: Period | None = None
        self.mode = QComboBox()
        if allow_any:
            self.mode.addItem("at any time", ANY)
        self.mode.addItem("in the last", LAST)
        self.mode.addItem("between", BETWEEN)
        self.count = QSpinBox()
        self.count.setRange(1, MAX_COUNT)
        self.count.setValue(12)
        self.unit = QComboBox()
        for unit in ("days", "weeks", "months"):
            self.unit.addItem(unit, unit)
        self.unit.setCurrentIndex(2)
        self.start = DateField(today)
        self.start.setAccessibleName("From")
        self.end = DateField(today)
        self.end.setAccessibleName("To")
        self.and_label = QLabel("and")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.mode, self.count, self.unit, self.start, self.and_label, self.end):
            layout.addWidget(widget)
        layout.addStretch()
        self.mode.currentIndexChanged.connect(self._mode_changed)
        for signal in (
            self.count.valueChanged,
            self.unit.currentIndexChanged,
            self.start.changed,
            self.end.changed,
            self.start.editing_finished,
            self.end.editing_finished,
        ):
            signal.connect(lambda *_: self.changed.emit())
        self._show_mode()

    def value(self) -> Period | None:
        mode = self.mode.currentData()
        if mode == ANY:
            return None
        if mode == KEPT:
            return self._kept
        if mode == LAST:
            unit, count = self.unit.currentData(), self.count.value()
            if unit == "months":
                return Period(months=count)
            return Period(days=count * (7 if unit == "weeks" else 1))
        try:
            start = self.start.value()
        except ValueError as exc:
            raise ValueError(f"The first date: {exc}.") from None
        try:
            end = self.end.value()
        except ValueError as exc:
            raise ValueError(f"The second date: {exc}.") from None
        if start is None and end is None:
            raise ValueError("Give at least one of the two dates.")
        if start is not None and end is not None and start > end:
            raise ValueError(
                f"The period ends ({end.isoformat()}) before it starts ({start.isoformat()})."
            )
        return Period(start=start, end=end)

    def set_value(self, period: Period | None) -> None:
        self.blockSignals(True)
        kept = self.mode.findData(KEPT)
        if kept >= 0:
            self.mode.removeItem(kept)
        self._kept = None
        if period is None or period == Period():
            self._set_mode(ANY if self.mode.findData(ANY) >= 0 else LAST)
        elif not _is_simple(period):
            # "between 12 and 3 months ago" (typed in the search box): kept as it is.
            self._kept = period
            self.mode.addItem(period_words(period), KEPT)
            self._set_mode(KEPT)
        elif period.is_relative:
            count, unit = _in_words(period)
            self._set_mode(LAST)
            self.count.setValue(count)
            self.unit.setCurrentIndex(self.unit.findData(unit))
        else:
            self._set_mode(BETWEEN)
            self.start.set_value(period.start)
            self.end.set_value(period.end)
        self.blockSignals(False)

    def _set_mode(self, mode: str) -> None:
        self.mode.setCurrentIndex(self.mode.findData(mode))
        self._show_mode()

    def _mode_changed(self) -> None:
        self._show_mode()
        self.changed.emit()

    def _show_mode(self) -> None:
        mode = self.mode.currentData()
        last: tuple[QWidget, ...] = (self.count, self.unit)
        between: tuple[QWidget, ...] = (self.start, self.and_label, self.end)
        for widget in last:
            widget.setVisible(mode == LAST)
        for widget in between:
            widget.setVisible(mode == BETWEEN)
