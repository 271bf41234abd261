"""The filters over the Metrics view: a period (presets or two dates), a pool, a vacancy and a
template. Every change says `changed`; the choices are filled in later (`set_choices`), as they
are read off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from talentdesk.core.metrics import Filters
from talentdesk.ui.qdates import date_of, qdate

# (label, first day given today); None: no limit.
PRESETS: tuple[tuple[str, Callable[[date], date | None]], ...] = (
    ("Last 30 days", lambda today: today - timedelta(days=29)),
    ("Last 90 days", lambda today: today - timedelta(days=89)),
    ("Last 12 months", lambda today: today - relativedelta(months=12) + timedelta(days=1)),
    ("All time", lambda today: None),
)
CUSTOM = "Custom dates"
DEFAULT_PRESET = 1


@dataclass(frozen=True)
class Choices:
    pools: tuple[tuple[int, str], ...] = ()
    vacancies: tuple[tuple[int, str], ...] = ()
    templates: tuple[str, ...] = ()


class FilterBar(QWidget):
    changed = Signal(object)  # Filters

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._quiet = False  # filling the boxes: not a change of the user's
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.period = QComboBox()
        self.period.setObjectName("metricsPeriod")
        self.period.addItems([label for label, _ in PRESETS] + [CUSTOM])
        self.period.setCurrentIndex(DEFAULT_PRESET)
        self.start = QDateEdit()
        self.end = QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.pool = self._box("metricsPool", "All pools")
        self.vacancy = self._box("metricsVacancy", "All vacancies")
        self.template = self._box("metricsTemplate", "All templates")
        for label, widget in (
            ("Period", self.period), ("from", self.start), ("to", self.end), ("Pool", self.pool),
            ("Vacancy", self.vacancy), ("Template", self.template),
        ):  # fmt: skip
            row.addWidget(QLabel(label))
            row.addWidget(widget)
        row.addStretch(1)
        self._apply_preset()
        self.period.currentIndexChanged.connect(self._preset_chosen)
        self.start.dateChanged.connect(self._dates_edited)
        self.end.dateChanged.connect(self._dates_edited)
        for box in (self.pool, self.vacancy, self.template):
            box.currentIndexChanged.connect(self._emit)

    @staticmethod
    def _box(name: str, everything: str) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        box.addItem(everything, None)
        box.setMinimumContentsLength(12)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        return box

    # -- what is asked --------------------------------------------------------------------
    def filters(self) -> Filters:
        preset = self.period.currentIndex()
        unlimited = preset < len(PRESETS) and PRESETS[preset][1](self._today()) is None
        start = None if unlimited else date_of(self.start.date())
        end = None if unlimited else date_of(self.end.date())
        return Filters(
            start=start,
            end=end,
            pool_id=self.pool.currentData(),
            vacancy_id=self.vacancy.currentData(),
            template=self.template.currentData(),
        )

    def choose_preset(self, label: str) -> None:
        self.period.setCurrentIndex(self.period.findText(label))

    def refresh_preset(self) -> None:
        """A preset's dates move with today (the window may stay open over midnight)."""
        if self.period.currentIndex() < len(PRESETS):
            self._apply_preset()

    def set_choices(self, choices: Choices) -> None:
        self._quiet = True
        try:
            _fill(self.pool, [(pid, name) for pid, name in choices.pools])
            _fill(self.vacancy, [(vid, title) for vid, title in choices.vacancies])
            _fill(self.template, [(name, name) for name in choices.templates])
        finally:
            self._quiet = False

    # -- changes --------------------------------------------------------------------------
    def _apply_preset(self) -> None:
        preset = self.period.currentIndex()
        today = self._today()
        first = PRESETS[preset][1](today)
        self._quiet = True
        try:
            self.start.setDate(qdate(first or today))
            self.end.setDate(qdate(today))
        finally:
            self._quiet = False
        for edit in (self.start, self.end):
            edit.setEnabled(first is not None)

    def _preset_chosen(self, index: int) -> None:
        if index < len(PRESETS):
            self._apply_preset()
        else:
            for edit in (self.start, self.end):
                edit.setEnabled(True)
        self._emit()

    def _dates_edited(self) -> None:
        if self._quiet:
            return
        if self.period.currentIndex() != len(PRESETS):
            self.period.blockSignals(True)
            self.period.setCurrentIndex(len(PRESETS))  # the dates are the user's own now
            self.period.blockSignals(False)
        self._emit()

    def _emit(self) -> None:
        if not self._quiet:
            self.changed.emit(self.filters())


def _fill(box: QComboBox, items: list[tuple[object, str]]) -> None:
    """Replace the choices after "All …", keeping the one chosen if it is still there."""
    chosen = box.currentData()
    while box.count() > 1:
        box.removeItem(1)
    for data, text in items:
        box.addItem(text, data)
    index = box.findData(chosen) if chosen is not None else 0
    box.setCurrentIndex(max(index, 0))
