"""Tabs whose titles carry a count ("Pools (2)") while they fit; in a pane too narrow for all
of them the counts move to the tabs' tooltips, so every tab stays in sight unshortened."""

from __future__ import annotations

import re

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QTabWidget, QWidget

_COUNT = re.compile(r"\s*\(\d[\d,]*\)$")


class CountedTabs(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._titles: dict[int, str] = {}

    def tabText(self, index: int) -> str:
        """The whole title, count included, whether or not the bar has room to show it."""
        return self._titles.get(index, super().tabText(index))

    def setTabText(self, index: int, text: str) -> None:
        self._titles[index] = text
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _shown(self, index: int) -> str:
        return QTabWidget.tabText(self, index)

    def _fit(self) -> None:
        bar = self.tabBar()
        metrics = bar.fontMetrics()
        titles = [self.tabText(i) for i in range(self.count())]
        briefs = [_COUNT.sub("", t) for t in titles]
        # The bar's width for the titles as shown, less their text: the tabs' padding.
        shown = sum(metrics.horizontalAdvance(self._shown(i)) for i in range(self.count()))
        padding = bar.sizeHint().width() - shown
        full = sum(metrics.horizontalAdvance(t) for t in titles)
        fits = full + padding <= self.width()
        for index, (title, brief) in enumerate(zip(titles, briefs, strict=True)):
            wanted = title if fits else brief
            if self._shown(index) != wanted:
                QTabWidget.setTabText(self, index, wanted)
            self.setTabToolTip(index, "" if wanted == title else title)
