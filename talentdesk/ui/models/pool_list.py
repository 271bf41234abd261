"""The pool pane's list: "All candidates" first, then every pool, each with its live count and,
with a keep-in-touch cadence, how many members are losing touch."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from talentdesk.core.reads import PoolSummary, ReadModel

Index = QModelIndex | QPersistentModelIndex
POOL_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # None for "All candidates"
POOL_NAME_ROLE = Qt.ItemDataRole.UserRole + 2
POOL_COUNT_ROLE = Qt.ItemDataRole.UserRole + 3
POOL_CADENCE_ROLE = Qt.ItemDataRole.UserRole + 4  # days, or None
LOSING_TOUCH_ROLE = Qt.ItemDataRole.UserRole + 5  # (past the cadence, past twice it)


class PoolListModel(QAbstractListModel):
    def __init__(self, reads: ReadModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reads = reads
        self._pools: list[PoolSummary] = []
        self._losing: dict[int, tuple[int, int]] = {}
        self._total: int | None = None  # None: not counted yet

    def reload(self, counted: bool = True) -> None:
        """Re-read pools and counts; rows keep their place when only counts changed.
        Not `counted`: names only, no member, losing-touch or candidate counts (a tenth of a
        second at 100,000 members, ~15 ms to count 1,000,000 candidates: the window's first
        paint does not wait for them)."""
        pools = self._reads.pool_summaries(counted=counted)
        total = self._reads.total_candidates() if counted else None
        losing = self._reads.losing_touch_counts() if counted else {}
        if [p.id for p in pools] == [p.id for p in self._pools]:
            self._pools, self._total, self._losing = pools, total, losing
            self.dataChanged.emit(self.index(0), self.index(len(pools)))
            return
        self.beginResetModel()
        self._pools, self._total, self._losing = pools, total, losing
        self.endResetModel()

    def row_of_pool(self, pool_id: int | None) -> int:
        if pool_id is None:
            return 0
        for row, pool in enumerate(self._pools, start=1):
            if pool.id == pool_id:
                return row
        return 0

    def name_of(self, pool_id: int) -> str:
        return next((p.name for p in self._pools if p.id == pool_id), "")

    def pool_count(self) -> int:
        return len(self._pools)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._pools) + 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() <= len(self._pools):
            return None
        if index.row() == 0:
            return {
                Qt.ItemDataRole.DisplayRole: "All candidates"
                if self._total is None
                else f"All candidates  ({self._total:,})",
                Qt.ItemDataRole.ToolTipRole: "Everyone in the database",
                Qt.ItemDataRole.FontRole: _bold(),
                POOL_NAME_ROLE: "All candidates",
                POOL_COUNT_ROLE: self._total,
            }.get(role)
        pool = self._pools[index.row() - 1]
        amber, red = self._losing.get(pool.id, (0, 0))
        match role:
            case Qt.ItemDataRole.DisplayRole:
                # Compact: the pane is narrow; the tooltip says it in words.
                losing = f"  ⚠ {amber + red:,}" if amber + red else ""
                counted = "" if pool.members is None else f"  ({pool.members:,})"
                return f"{pool.name}{counted}{losing}"
            case Qt.ItemDataRole.ToolTipRole:
                lines = [pool.description or pool.name]
                if pool.cadence_days:
                    lines.append(
                        f"Keep in touch every {pool.cadence_days:,} days: {amber + red:,} "
                        f"losing touch (past it), {red:,} of them past twice as long."
                    )
                return "\n".join(lines)
            case Qt.ItemDataRole.DecorationRole:
                return QColor(pool.colour)
            case _ if role == POOL_ID_ROLE:
                return pool.id
            case _ if role == POOL_NAME_ROLE:
                return pool.name
            case _ if role == POOL_COUNT_ROLE:
                return pool.members
            case _ if role == POOL_CADENCE_ROLE:
                return pool.cadence_days
            case _ if role == LOSING_TOUCH_ROLE:
                return (amber, red)
        return None


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font
