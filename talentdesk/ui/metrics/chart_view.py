"""A `Chart` drawn with Qt Charts; clicking a bar or a point says which category it was."""

from __future__ import annotations

import math

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from talentdesk.ui.metrics.shown import Category, Chart, ChartKind

# Calm colours that stay apart for the colour-blind (Okabe–Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
MIN_HEIGHT = 180
BARS_HEIGHT = 280
ROW_HEIGHT = 24  # horizontal bars: this much height per bar
CROWDED = 14  # more categories than this along the bottom: labels turned upright


class ChartView(QChartView):
    clicked = Signal(int, int)  # the category's index, the series' index

    def __init__(self, chart: Chart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.figure = chart
        qchart = QChart()
        qchart.setMargins(QMargins(4, 4, 4, 4))
        qchart.setBackgroundRoundness(0)
        qchart.legend().setVisible(len(chart.series) > 1)
        qchart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        if chart.kind is ChartKind.LINES:
            self._lines(qchart, chart)
        else:
            self._bars(qchart, chart)
        self.setChart(qchart)
        height = BARS_HEIGHT
        if chart.kind is ChartKind.ROWS:  # a row per name, however many there are
            height = max(MIN_HEIGHT, 90 + ROW_HEIGHT * len(chart.series) * len(chart.categories))
        self.setFixedHeight(height)

    def _bars(self, qchart: QChart, chart: Chart) -> None:
        series: QAbstractBarSeries
        if chart.kind is ChartKind.ROWS:
            series = QHorizontalBarSeries()
        elif chart.kind is ChartKind.STACKED:
            series = QStackedBarSeries()
        else:
            series = QBarSeries()
        # Rows read top-down like the table: Qt draws the first category at the bottom.
        categories = list(chart.categories)
        if chart.kind is ChartKind.ROWS:
            categories.reverse()
        count = len(categories)
        for n, name in enumerate(chart.series):
            bar_set = QBarSet(name)
            bar_set.setColor(QColor(_colour(chart, n)))
            bar_set.append([c.values[n] or 0.0 for c in categories])
            if chart.kind is ChartKind.ROWS:
                bar_set.clicked.connect(lambda i, n=n: self.clicked.emit(count - 1 - i, n))
            else:
                bar_set.clicked.connect(lambda i, n=n: self.clicked.emit(i, n))
            series.append(bar_set)
        qchart.addSeries(series)
        labels = _category_axis(categories, upright=chart.kind is ChartKind.ROWS)
        values = self._value_axis(chart)
        if chart.kind is ChartKind.ROWS:
            qchart.addAxis(labels, Qt.AlignmentFlag.AlignLeft)
            qchart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        else:
            qchart.addAxis(labels, Qt.AlignmentFlag.AlignBottom)
            qchart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(labels)
        series.attachAxis(values)

    def _lines(self, qchart: QChart, chart: Chart) -> None:
        labels = _category_axis(list(chart.categories))
        values = self._value_axis(chart)
        qchart.addAxis(labels, Qt.AlignmentFlag.AlignBottom)
        qchart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        for n, name in enumerate(chart.series):
            line = QLineSeries()
            line.setName(name)
            line.setColor(QColor(_colour(chart, n)))
            line.setPointsVisible(True)
            for x, category in enumerate(chart.categories):
                line.append(QPointF(x, category.values[n] or 0.0))
            line.clicked.connect(lambda point, n=n: self.clicked.emit(round(point.x()), n))
            qchart.addSeries(line)
            line.attachAxis(labels)
            line.attachAxis(values)

    @staticmethod
    def _value_axis(chart: Chart) -> QValueAxis:
        axis = QValueAxis()
        if chart.kind is ChartKind.STACKED:
            top = max((sum(v or 0.0 for v in c.values) for c in chart.categories), default=0.0)
        else:
            top = max((v or 0.0 for c in chart.categories for v in c.values), default=0.0)
        if chart.unit == "%":
            axis.setRange(0, 100)
            axis.setLabelFormat("%d%%")
            return axis
        if chart.unit:
            axis.setTitleText(chart.unit)
        if top <= 5 and not chart.unit:  # few people: whole steps, not 0.5 of a person
            axis.setRange(0, max(math.ceil(top), 1))
            axis.setTickCount(max(math.ceil(top), 1) + 1)
        else:
            axis.setRange(0, top * 1.1 if top > 0 else 1)
            axis.applyNiceNumbers()
        axis.setLabelFormat("%.1f" if chart.unit and top < 10 else "%d")
        return axis


def _colour(chart: Chart, series: int) -> str:
    if series < len(chart.colours):
        return chart.colours[series]
    return PALETTE[series % len(PALETTE)]


def _category_axis(categories: list[Category], upright: bool = False) -> QBarCategoryAxis:
    """`upright`: the labels stand one above another already (horizontal bars)."""
    axis = QBarCategoryAxis()
    axis.append([c.label for c in categories])
    if len(categories) > CROWDED and not upright:
        axis.setLabelsAngle(-90)  # a year of weeks: upright labels would all be "…"
    return axis
