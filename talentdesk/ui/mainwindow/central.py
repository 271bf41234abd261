"""What fills the window: the banners over three tabs, "Candidates" (the three panes: pools
over reminders, the list, the candidate), "Vacancies" and "Metrics" (built on first switch),
and the status bar's counts. The candidate pane itself is built when first needed (it is the
largest part of the window); until then a hint holds its place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from talentdesk.ui import window_layout
from talentdesk.ui.mainwindow.metrics import MetricsTab
from talentdesk.ui.mainwindow.vacancies import VacanciesTab
from talentdesk.ui.notices import ReadOnlyBanner, WaitingIndicator
from talentdesk.ui.tray import DueBanner

if TYPE_CHECKING:
    from talentdesk.ui.main_window import MainWindow

HINT = "Select a candidate to see their profile and history,\nor press Ctrl+N to add someone new."


def build(w: MainWindow) -> None:
    """Lay out the window's panes (made already) and set `w.splitter`, `w.left`,
    `w.detail_holder`, `w.main_tabs`, `w.vacancies_tab`, `w.metrics_tab`, the banners,
    `w.count_label` and `w.waiting`."""
    w.detail_holder = QWidget()
    w.detail_holder.setObjectName("detailHolder")
    holder_layout = QVBoxLayout(w.detail_holder)
    holder_layout.setContentsMargins(0, 0, 0, 0)
    hint = QLabel(HINT)
    hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
    hint.setStyleSheet("color: #6b7280;")
    holder_layout.addWidget(hint)

    w.splitter, w.left = window_layout.arrange(
        w.pool_pane, w.reminders_pane, w.list_pane, w.detail_holder
    )
    w.due_banner = DueBanner()
    w.read_only_banner = ReadOnlyBanner()
    central = QWidget()
    central_layout = QVBoxLayout(central)
    central_layout.setContentsMargins(0, 0, 0, 0)
    central_layout.setSpacing(0)
    central_layout.addWidget(w.read_only_banner)
    central_layout.addWidget(w.due_banner)
    w.main_tabs = QTabWidget()
    w.main_tabs.setObjectName("mainTabs")
    w.main_tabs.setDocumentMode(True)
    w.main_tabs.addTab(w.splitter, "Candidates")
    w.vacancies_tab = VacanciesTab(w, w.main_tabs)  # the view itself is built on first switch
    w.main_tabs.addTab(w.vacancies_tab, "Vacancies")
    w.metrics_tab = MetricsTab(w, w.main_tabs)  # built on first switch too
    w.main_tabs.addTab(w.metrics_tab, "Metrics")
    central_layout.addWidget(w.main_tabs, 1)
    w.setCentralWidget(central)

    w.count_label = QLabel()
    w.count_label.setObjectName("countLabel")
    w.waiting = WaitingIndicator()
    w.statusBar().addPermanentWidget(w.waiting)
    w.statusBar().addPermanentWidget(w.count_label)


def show_candidate_pane(w: MainWindow, pane: QWidget) -> None:
    """Put the candidate pane where the hint was."""
    layout = w.detail_holder.layout()
    assert layout is not None
    while (old := layout.takeAt(0)) is not None:
        if (placeholder := old.widget()) is not None:
            placeholder.deleteLater()
    layout.addWidget(pane)
