"""The pool pane's list: "All candidates" first, then every pool, each with its live count."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from talentdesk.core.reads import PoolSummary, ReadModel

Index = QModelIndex | QPersistentModelIndex
POOL_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # None for "All candidates"
POOL_NAME_ROLE = Qt.ItemDataRole.UserRole + 2
POOL_COUNT_ROLE = Qt.ItemDataRole.UserRole + 3


class PoolListModel(QAbstractListModel):
    def __init__(self, reads: ReadModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reads = reads
        self._pools: list[PoolSummary] = []
        self._total = 0

    def reload(self) -> None:
        """Re-read pools and counts; rows keep their place when only counts changed."""
        pools = self._reads.pool_summaries()
        total = self._reads.total_candidates()
        if [p.id for p in pools] == [p.id for p in self._pools]:
            self._pools, self._total = pools, total
            self.dataChanged.emit(self.index(0), self.index(len(pools)))
            return
        self.beginResetModel()
        self._pools, self._total = pools, total
        self.endResetModel()

    def row_of_pool(self, pool_id: int | None) -> int:
        if pool_id is None:
            return 0
        for row, pool in enumerate(self._pools, start=1):
            if pool.id == pool_id:
                return row
        return 0

    def pool_count(self) -> int:
        return len(self._pools)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._pools) + 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() <= len(self._pools):
            return None
        if index.row() == 0:
            return {
                Qt.ItemDataRole.DisplayRole: f"All candidates  ({self._total:,})",
                Qt.ItemDataRole.ToolTipRole: "Everyone in the database",
                Qt.ItemDataRole.FontRole: _bold(),
                POOL_NAME_ROLE: "All candidates",
                POOL_COUNT_ROLE: self._total,
            }.get(role)
        pool = self._pools[index.row() - 1]
        match role:
            case Qt.ItemDataRole.DisplayRole:
                return f"{pool.name}  ({pool.members:,})"
            case Qt.ItemDataRole.ToolTipRole:
                return pool.description or pool.name
            case Qt.ItemDataRole.DecorationRole:
                return QColor(pool.colour)
            case _ if role == POOL_ID_ROLE:
                return pool.id
            case _ if role == POOL_NAME_ROLE:
                return pool.name
            case _ if role == POOL_COUNT_ROLE:
                return pool.members
        return None


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font
