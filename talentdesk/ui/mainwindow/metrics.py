"""The window's Metrics tab: built on first switch (Qt Charts loads then, not at start-up), the
View menu's Metrics (Ctrl+3); "Open" on the people behind a figure shows them in the
Candidates tab."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from talentdesk.ui.qaction import make_action

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent

    from talentdesk.ui.main_window import MainWindow
    from talentdesk.ui.metrics.view import MetricsView

METRICS_TAB = 2


class MetricsTab(QWidget):
    """Holds the metrics view once it is built; `view()` builds it."""

    def __init__(self, w: MainWindow, tabs: QTabWidget) -> None:
        super().__init__()
        self.setObjectName("metricsHolder")
        self._w = w
        self._tabs = tabs
        self._view: MetricsView | None = None
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)
        self.action = make_action(w, "&Metrics", "Ctrl+3", self.show_metrics)

    @property
    def built_view(self) -> MetricsView | None:
        return self._view

    def view(self) -> MetricsView:
        if self._view is None:
            from talentdesk.ui.metrics.view import MetricsView

            w = self._w
            view = MetricsView(w.ws, w.events)
            view.open_candidate.connect(w.open_candidate)
            layout = self.layout()
            assert layout is not None
            layout.addWidget(view)
            self._view = view
        return self._view

    def show_metrics(self) -> MetricsView:
        self._tabs.setCurrentWidget(self)
        return self.view()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.view()  # a click on the tab, not only Ctrl+3
