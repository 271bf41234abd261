"""A row of removable chips: what the search box's text filters by ("tag: Kotlin ×",
"contacted in the last 12 months ×"), wrapping under a narrow box."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from talentdesk.ui.widgets.flow_layout import FlowLayout

CHIP_STYLE = (
    "QFrame#chip { background: #e0ecff; border: 1px solid #bfd3f5; border-radius: 10px; }"
    "QFrame#chip QToolButton { border: none; padding: 0 2px; color: #1e3a8a; }"
    "QFrame#chip QToolButton:hover { color: #b91c1c; }"
)


class Chip(QFrame):
    removed = Signal()

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chip")
        self.label = QLabel(label)
        self.label.setStyleSheet("color: #1e3a8a;")
        self.remove_button = QToolButton()
        self.remove_button.setText("×")
        self.remove_button.setToolTip(f"Remove “{label}” from the search")
        self.remove_button.setAccessibleName(f"Remove {label}")
        self.remove_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.remove_button.clicked.connect(self.removed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 1, 2, 1)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.remove_button)


class ChipRow(QWidget):
    """`set_chips([(label, key), …])`; `removed(key)` when a chip's × is clicked. Widgets
    added with `add_trailing` stay after the chips (e.g. "Save as list…")."""

    removed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(CHIP_STYLE)
        self._flow = FlowLayout(self)
        self.chips: list[Chip] = []
        self._trailing: list[QWidget] = []

    def add_trailing(self, widget: QWidget) -> None:
        self._trailing.append(widget)
        self._flow.addWidget(widget)

    def set_chips(self, chips: Sequence[tuple[str, Hashable]]) -> None:
        for chip in self.chips:
            self._flow.removeWidget(chip)
            chip.hide()
            chip.deleteLater()
        self.chips = []
        for trailing in self._trailing:
            self._flow.removeWidget(trailing)
        for label, key in chips:
            chip = Chip(label, self)
            chip.removed.connect(lambda key=key: self.removed.emit(key))
            self._flow.addWidget(chip)
            self.chips.append(chip)
        for trailing in self._trailing:
            self._flow.addWidget(trailing)
        self.updateGeometry()

    def labels(self) -> list[str]:
        return [chip.label.text() for chip in self.chips]
