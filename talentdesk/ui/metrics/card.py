"""One figure in the Metrics view: its numbers, its chart or the table behind it (a toggle),
"Computing…" until it arrives, and its exports. A click on a number, a bar or a table row asks
for the people behind it (`people_requested`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.errors import TalentDeskError
from talentdesk.ui.errors import show_error
from talentdesk.ui.metrics import export
from talentdesk.ui.metrics.chart_view import ChartView
from talentdesk.ui.metrics.number_tile import NumberTile
from talentdesk.ui.metrics.shown import Ids, Number, Shown, Table
from talentdesk.ui.metrics.table_model import TableModel

COMPUTING, CHART, TABLE, MESSAGE = range(4)
STYLE = """
#figureCard { background: palette(base); border: 1px solid palette(mid); border-radius: 6px; }
#figureTitle { font-weight: 600; }
#figureMessage { color: #6b7280; }
"""


class FigureCard(QFrame):
    people_requested = Signal(str, object)  # what was clicked (said over the list), Ids

    def __init__(self, key: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.title = title
        self.shown: Shown | None = None
        self.chart_view: ChartView | None = None
        self.number_tiles: list[NumberTile] = []
        self.setObjectName("figureCard")
        self.setStyleSheet(STYLE)
        column = QVBoxLayout(self)
        column.addLayout(self._header())
        self.numbers = QHBoxLayout()
        self.numbers.setSpacing(12)
        column.addLayout(self.numbers)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._computing())
        self.stack.addWidget(QWidget())  # the chart's place
        self.table = self._table()
        self.stack.addWidget(self.table)
        self.message = _label("", "figureMessage")
        self.stack.addWidget(self.message)
        column.addWidget(self.stack, 1)
        self.caption = _label("", "figureMessage")
        self.caption.hide()
        column.addWidget(self.caption)
        self.computing()

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(_label(self.title, "figureTitle"), 1)
        self.table_button = _tool("Table", "Show the table behind the chart")
        self.table_button.setCheckable(True)
        self.table_button.toggled.connect(self._show_body)
        self.png_button = _tool("PNG…", "Save the chart as a PNG image")
        self.png_button.clicked.connect(self._ask_png)
        self.csv_button = _tool("CSV…", "Save the table as a CSV file")
        self.csv_button.clicked.connect(self._ask_csv)
        for button in (self.table_button, self.png_button, self.csv_button):
            row.addWidget(button)
        return row

    @staticmethod
    def _computing() -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addStretch(1)
        busy = QProgressBar()
        busy.setRange(0, 0)  # a busy indicator: no end known
        busy.setMaximumWidth(160)
        busy.setTextVisible(False)
        label = _label("Computing…", "figureMessage")
        column.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(busy, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(1)
        return page

    def _table(self) -> QTableView:
        view = QTableView()
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        view.setMinimumHeight(160)
        view.doubleClicked.connect(self._row_clicked)
        return view

    # -- states ---------------------------------------------------------------------------
    def _page(self, index: int) -> None:
        """Show a page, the card as tall as that page (a stack is as tall as its tallest)."""
        for n in range(self.stack.count()):
            page = self.stack.widget(n)
            if page is not None:
                ignored = QSizePolicy.Policy.Ignored
                policy = QSizePolicy.Policy.Preferred if n == index else ignored
                page.setSizePolicy(QSizePolicy.Policy.Preferred, policy)
        self.stack.setCurrentIndex(index)
        self.stack.updateGeometry()

    @property
    def is_computing(self) -> bool:
        return self.stack.currentIndex() == COMPUTING

    def computing(self) -> None:
        """Waiting for a new result: the old one stays out of sight, as it may be wrong now."""
        self._fill_numbers(())
        self.caption.hide()
        self.stack.setVisible(True)
        self._page(COMPUTING)
        for button in (self.table_button, self.png_button, self.csv_button):
            button.setEnabled(False)

    def show_error(self, text: str) -> None:
        self.shown = None
        self._fill_numbers(())
        self.message.setText(text)
        self._page(MESSAGE)

    def show_result(self, shown: Shown) -> None:
        self.shown = shown
        self._fill_numbers(shown.numbers)
        self.table.setModel(TableModel(shown.table))
        old = self.stack.widget(CHART)
        assert old is not None
        self.chart_view = None
        if shown.chart is not None:
            self.chart_view = ChartView(shown.chart)
            self.chart_view.clicked.connect(self._bar_clicked)
            replacement: QWidget = self.chart_view
        else:
            replacement = QWidget()
        self.stack.insertWidget(CHART, replacement)
        self.stack.removeWidget(old)
        old.deleteLater()
        self.caption.setText(shown.caption)
        self.caption.setVisible(bool(shown.caption))
        has_chart = self.chart_view is not None
        self.table_button.setEnabled(bool(shown.table.rows))
        self.png_button.setEnabled(has_chart)
        self.png_button.setVisible(has_chart)
        self.csv_button.setEnabled(bool(shown.table.columns))
        self._show_body()

    def _show_body(self) -> None:
        if self.shown is None:
            return
        numbers_only = self.chart_view is None and bool(self.shown.numbers)
        # Numbers only: their table on demand, not a tall box under a row of figures.
        self.stack.setVisible(not numbers_only or self.table_button.isChecked())
        if not self.shown.table.rows and self.chart_view is None:
            self.message.setText("Nothing to show yet.")
            self._page(MESSAGE)
        elif self.chart_view is None or self.table_button.isChecked():
            self._page(TABLE)
        else:
            self._page(CHART)

    def _fill_numbers(self, numbers: tuple[Number, ...]) -> None:
        while (item := self.numbers.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.hide()
                widget.deleteLater()
        self.number_tiles = []
        for number in numbers:
            tile = NumberTile(number)
            if number.people is not None:
                tile.clicked.connect(lambda n=number: self._ask_people(n.label, n.people))
            self.numbers.addWidget(tile)
            self.number_tiles.append(tile)
        self.numbers.addStretch(1)

    # -- clicks ---------------------------------------------------------------------------
    def _bar_clicked(self, category: int, series: int) -> None:
        chart = self.shown.chart if self.shown is not None else None
        if chart is not None and 0 <= category < len(chart.categories):
            label = chart.categories[category].label
            if len(chart.series) > 1:
                label = f"{label}, {chart.series[series]}"
            self._ask_people(label, chart.people(category, series))

    def _row_clicked(self, index: QModelIndex) -> None:
        table = self.shown.table if self.shown is not None else None
        if table is not None:
            label = f"{table.rows[index.row()][0]}, {table.columns[index.column()]}"
            self._ask_people(label, table.people_at(index.row(), index.column()))

    def _ask_people(self, what: str, people: Ids | None) -> None:
        if people is not None:
            self.people_requested.emit(f"{self.title}: {what}", people)

    # -- exports --------------------------------------------------------------------------
    def export_png(self, path: Path) -> None:
        if self.chart_view is None:
            raise TalentDeskError("This figure has no chart to save.")
        export.export_png(self.chart_view, path)

    def export_csv(self, path: Path) -> None:
        export.export_csv(self.shown.table if self.shown is not None else Table((), ()), path)

    def _ask_png(self) -> None:
        if (path := export.ask_path(self, self.title, "png")) is not None:
            self._export(lambda: self.export_png(path))

    def _ask_csv(self) -> None:
        if (path := export.ask_path(self, self.title, "csv")) is not None:
            self._export(lambda: self.export_csv(path))

    def _export(self, save: Callable[[], None]) -> None:
        try:
            save()
        except TalentDeskError as exc:
            show_error(self, exc, "Export failed")


def _label(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def _tool(text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setAutoRaise(True)
    return button
