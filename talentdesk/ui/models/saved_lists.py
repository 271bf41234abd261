"""The pool pane's smart lists: each saved list with its live count; the tooltip says the
filter in words."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

if TYPE_CHECKING:
    from talentdesk.core.lists.service import ListSummary

Index = QModelIndex | QPersistentModelIndex
LIST_ID_ROLE = Qt.ItemDataRole.UserRole + 11
LIST_NAME_ROLE = Qt.ItemDataRole.UserRole + 12
LIST_COUNT_ROLE = Qt.ItemDataRole.UserRole + 13
LIST_FILTER_ROLE = Qt.ItemDataRole.UserRole + 14


class SavedListModel(QAbstractListModel):
    def __init__(
        self,
        load: Callable[[bool], list[ListSummary]],  # counted or not (count -1)
        pool_name: Callable[[int], str | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._load = load  # load(counted): the lists, with their counts when counted
        self._pool_name = pool_name
        self._lists: list[ListSummary] = []

    def reload(self, counted: bool = True) -> None:
        """Re-read the lists (and their counts); rows keep their place when only counts or
        names changed."""
        lists = self._load(counted)
        if [s.id for s in lists] == [s.id for s in self._lists]:
            self._lists = lists
            if lists:
                self.dataChanged.emit(self.index(0), self.index(len(lists) - 1))
            return
        self.beginResetModel()
        self._lists = lists
        self.endResetModel()

    def row_of(self, list_id: int) -> int | None:
        return next((row for row, s in enumerate(self._lists) if s.id == list_id), None)

    def summary(self, list_id: int) -> ListSummary | None:
        return next((s for s in self._lists if s.id == list_id), None)

    def names(self) -> list[str]:
        return [s.name for s in self._lists]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lists)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lists):
            return None
        saved = self._lists[index.row()]
        match role:
            case Qt.ItemDataRole.DisplayRole:
                counted = "" if saved.count < 0 else f"  ({saved.count:,})"
                return f"{saved.name}{counted}"
            case Qt.ItemDataRole.ToolTipRole:
                from talentdesk.core.lists.describe import describe  # not before the first paint

                words = [chip.label for chip in describe(saved.filter, self._pool_name)]
                return saved.name + "\n" + ("\n".join(words) if words else "Everyone")
            case Qt.ItemDataRole.AccessibleTextRole:
                count = "" if saved.count < 0 else f", {saved.count:,} candidates"
                return f"List {saved.name}{count}"
            case _ if role == LIST_ID_ROLE:
                return saved.id
            case _ if role == LIST_NAME_ROLE:
                return saved.name
            case _ if role == LIST_COUNT_ROLE:
                return None if saved.count < 0 else saved.count
            case _ if role == LIST_FILTER_ROLE:
                return saved.filter
        return None
