"""The vacancies list (left of the view): status filter, search, New vacancy, the roles."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.db.enums import VacancyStatus
from talentdesk.core.ops.changes import Changes
from talentdesk.core.workspace import Workspace
from talentdesk.ui.events import Events
from talentdesk.ui.vacancies.list_model import ID_ROLE, STATUS_COLUMN, VacancyListModel
from talentdesk.ui.vacancies.status_chip import StatusChipDelegate

ACTIVE = frozenset({VacancyStatus.OPEN, VacancyStatus.ON_HOLD})
FILTERS: tuple[tuple[str, frozenset[VacancyStatus] | None], ...] = (
    ("Open and on hold", ACTIVE),
    ("All", None),
    *((s.label, frozenset({s})) for s in VacancyStatus),
)


CLIENT_WIDTH = 100


class VacancyListPane(QWidget):
    vacancy_selected = Signal(object)  # int | None
    new_requested = Signal()

    def __init__(self, ws: Workspace, events: Events, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("vacancyStatusFilter")
        for label, statuses in FILTERS:
            self.status_filter.addItem(label, statuses)
        self.search = QLineEdit()
        self.search.setObjectName("vacancySearch")
        self.search.setPlaceholderText("Search roles, clients, places")
        self.search.setClearButtonEnabled(True)
        self.new_button = QPushButton("New vacancy")
        self.new_button.setToolTip("Add a role (Ctrl+Shift+N)")
        self.new_button.clicked.connect(self.new_requested)
        self.model = VacancyListModel(self)
        self.table = QTableView()
        self.table.setObjectName("vacancyTable")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(STATUS_COLUMN, StatusChipDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # The client is elided rather than squeezing the title (the whole of it in a tooltip).
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, CLIENT_WIDTH)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._search_timer = QTimer(self, singleShot=True, interval=200)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.status_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        top = QHBoxLayout()
        top.addWidget(self.status_filter)
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        events.changed.connect(self._changed)
        self.refresh()

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def refresh(self) -> None:
        """Read the list again, keeping the selected role selected if it is still listed."""
        keep = self.current_id()
        statuses = self.status_filter.currentData()
        rows = self._ws.vacancies.summaries(statuses, self.search.text())
        blocker = self.table.selectionModel().blockSignals(True)
        self.model.set_rows(rows)
        self.table.selectionModel().blockSignals(blocker)
        if keep is not None and not self.select(keep):
            self.vacancy_selected.emit(None)

    def select(self, vacancy_id: int) -> bool:
        row = self.model.row_of(vacancy_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, 0))
        return True

    def show_all(self) -> None:
        self.search.clear()
        self.status_filter.setCurrentIndex(1)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.vacancy_selected.emit(rows[0].data(ID_ROLE) if rows else None)

    def _changed(self, changes: Changes) -> None:
        if changes.vacancies or changes.external:
            self.refresh()
