"""A figure's headline number: the value large, what it counts under it; a click shows the
people behind it (when it counts people)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from talentdesk.ui.metrics.shown import Number

STYLE = """
#numberTile { border-radius: 4px; padding: 2px 8px; }
#numberTile[people="true"]:hover { background: palette(alternate-base); }
#numberValue { font-size: 20px; font-weight: 600; }
#numberCaption { color: #6b7280; }
"""


class NumberTile(QFrame):
    clicked = Signal()

    def __init__(self, number: Number, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.setObjectName("numberTile")
        self.setProperty("people", number.people is not None)
        self.setStyleSheet(STYLE)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 2, 6, 2)
        column.setSpacing(0)
        value = QLabel(number.text)
        value.setObjectName("numberValue")
        caption = QLabel(number.label)
        caption.setObjectName("numberCaption")
        column.addWidget(value)
        column.addWidget(caption)
        if number.people is not None:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setToolTip("Click to see who")

    def text(self) -> str:
        return f"{self.number.text} {self.number.label}"

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        inside = self.rect().contains(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and inside:
            self.clicked.emit()
        super().mouseReleaseEvent(event)
