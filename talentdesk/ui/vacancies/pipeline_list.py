"""The "List" tab: the board's applications as a sortable table, with the board's card menu."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from talentdesk.core.vacancies.records import Card, StageInfo
from talentdesk.ui.vacancies.board import BoardView
from talentdesk.ui.vacancies.column_model import days_in_stage

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("Name", "Stage", "Kind", "Days in stage", "Moved at", "Near fit")
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class PipelineModel(QAbstractTableModel):
    def __init__(self, today: Callable[[], date], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.cards: list[Card] = []
        self._stages: dict[int, StageInfo] = {}

    def set_cards(self, cards: list[Card], stages: tuple[StageInfo, ...]) -> None:
        self.beginResetModel()
        self.cards = cards
        self._stages = {s.id: s for s in stages}
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.cards)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        card = self.cards[index.row()]
        stage = self._stages.get(card.stage_id)
        column = index.column()
        if role == SORT_ROLE:
            keys: tuple[object, ...] = (
                card.name.casefold(),
                (stage.position if stage else 0, card.position),
                (stage.kind.label if stage else ""),
                days_in_stage(card, self._today()),
                card.moved_at,
                card.near_fit,
            )
            return keys[column]
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return card.name
        if column == 1:
            return stage.name if stage else ""
        if column == 2:
            return stage.kind.label if stage else ""
        if column == 3:
            return days_in_stage(card, self._today())
        if column == 4:
            return card.moved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        return "★" if card.near_fit else ""


class PipelineList(QWidget):
    """Filled from the board whenever its cards change (while shown; else when next shown)."""

    def __init__(self, board: BoardView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._board = board
        self._stale = True
        self.model = PipelineModel(board.today, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("pipelineTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)  # "Moved at" on one line
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        self.table.doubleClicked.connect(
            lambda index: board.open_candidate.emit(self.card_at(index.row()).candidate_id)
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        board.cards_changed.connect(self._board_changed)

    def card_at(self, row: int) -> Card:
        return self.model.cards[self.proxy.mapToSource(self.proxy.index(row, 0)).row()]

    def refresh(self) -> None:
        self._stale = False
        self.model.set_cards(self._board.all_cards(), self._board.stages)

    def _board_changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: object) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)  # type: ignore[arg-type]

    def _menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid():
            menu = self._board.card_menu(self.card_at(index.row()))
            menu.popup(self.table.viewport().mapToGlobal(pos))
