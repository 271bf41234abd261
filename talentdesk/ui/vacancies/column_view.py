"""A board column: a list view of painted cards that drags and drops cards (by application id)
and reports the board's keys to the board."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QDrag, QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from talentdesk.ui.vacancies.column_model import CARD_ROLE, ColumnModel, application_of, card_mime


class ColumnView(QListView):
    dropped = Signal(int, int)  # application id, row it was dropped at
    step = Signal(int)  # Left / Right: focus the column before / after
    move_stage = Signal(int)  # Ctrl+Left / Ctrl+Right: move the card a stage back / on
    reorder = Signal(int)  # Ctrl+Up / Ctrl+Down: move the card up / down its column
    open_card = Signal(int)  # Enter or double-click: the candidate id
    dragging_at = Signal(QPoint)  # a card dragged over this column, in global coordinates

    def __init__(self, model: ColumnModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column = model
        self.setModel(model)
        self.setObjectName("boardColumnView")
        self.setUniformItemSizes(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.doubleClicked.connect(
            lambda index: self.open_card.emit(index.data(CARD_ROLE).candidate_id)
        )

    def set_movable(self, movable: bool) -> None:
        """Cards can be dragged and dropped (not while the database is read-only)."""
        self.setDragEnabled(movable)
        self.setAcceptDrops(movable)

    @property
    def stage_id(self) -> int:
        return self.column.stage_id

    def current_row(self) -> int | None:
        index = self.currentIndex()
        return index.row() if index.isValid() else None

    def focus_row(self, row: int | None) -> None:
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        count = self.column.rowCount()
        if count == 0:
            return
        index = self.column.index(max(0, min(row or 0, count - 1)))
        self.setCurrentIndex(index)
        self.scrollTo(index)

    # -- dragging ------------------------------------------------------------------------
    def startDrag(self, supported_actions: Qt.DropAction) -> None:
        index = self.currentIndex()
        if not index.isValid():
            return
        drag = QDrag(self)
        drag.setMimeData(card_mime(index.data(CARD_ROLE)))
        drag.setPixmap(self._card_pixmap(index.row()))
        drag.setHotSpot(QPoint(20, 10))
        # The board moves the card itself (on the drop): what exec returns changes nothing.
        drag.exec(Qt.DropAction.MoveAction)

    def _card_pixmap(self, row: int) -> QPixmap:
        rect = self.visualRect(self.column.index(row))
        pixmap = QPixmap(rect.size())
        pixmap.fill(Qt.GlobalColor.transparent)
        return self.viewport().grab(rect) if rect.isValid() else pixmap

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if application_of(event.mimeData()) is None:
            event.ignore()
            return
        super().dragEnterEvent(event)
        event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if application_of(event.mimeData()) is None:
            event.ignore()
            return
        super().dragMoveEvent(event)
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        self.dragging_at.emit(self.viewport().mapToGlobal(event.position().toPoint()))

    def dropEvent(self, event: QDropEvent) -> None:
        application_id = application_of(event.mimeData())
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()
        if application_id is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        self.dropped.emit(application_id, self.drop_row(event.position().toPoint()))

    def drop_row(self, pos: QPoint) -> int:
        """Where a card dropped at `pos` (viewport coordinates) goes: before the card under
        the pointer's upper half, after it from its lower half; the end below the last."""
        index = self.indexAt(pos)
        if not index.isValid():
            return self.column.rowCount()
        rect = self.visualRect(index)
        return index.row() + (1 if pos.y() > rect.center().y() else 0)

    # -- keys ----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}
        if key in steps:
            (self.move_stage if ctrl else self.step).emit(steps[Qt.Key(key)])
            return
        if ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.reorder.emit(-1 if key == Qt.Key.Key_Up else 1)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            index = self.currentIndex()
            if index.isValid():
                self.open_card.emit(index.data(CARD_ROLE).candidate_id)
            return
        super().keyPressEvent(event)
