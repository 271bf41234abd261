"""The pools and the lists under them read as one list from the keyboard: Down on the last
pool goes on to the first list, Up on the first list back to the last pool."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QListView


class _Across(QObject):
    def __init__(self, upper: QListView, lower: QListView) -> None:
        super().__init__(upper)
        self._upper, self._lower = upper, lower

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.modifiers() not in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            return False
        if watched is self._upper and event.key() == Qt.Key.Key_Down:
            return _jump(self._upper, self._lower, last=self._upper.model().rowCount() - 1, to=0)
        if watched is self._lower and event.key() == Qt.Key.Key_Up:
            to = self._upper.model().rowCount() - 1
            return _jump(self._lower, self._upper, last=0, to=to)
        return False


def _jump(source: QListView, target: QListView, last: int, to: int) -> bool:
    """From the edge row `last` of `source` (when it is current) to row `to` of `target`."""
    current = source.currentIndex()
    rows = target.model().rowCount()
    if not current.isValid() or current.row() != last or not 0 <= to < rows:
        return False
    target.setFocus(Qt.FocusReason.OtherFocusReason)
    target.setCurrentIndex(target.model().index(to, 0))
    return True


def link_views(upper: QListView, lower: QListView) -> None:
    across = _Across(upper, lower)
    upper.installEventFilter(across)
    lower.installEventFilter(across)
