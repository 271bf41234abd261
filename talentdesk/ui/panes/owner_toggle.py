"""The pool pane's "My candidates / Everyone's" switch. Shown only when the database has more
than one user: alone, every candidate is one's own and the switch would say nothing."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QSizePolicy, QToolButton, QWidget

MINE_TIP = "Only the candidates you own"
EVERYONE_TIP = "Every candidate in the database, whoever owns them"


class OwnerToggle(QWidget):
    mine_changed = Signal(bool)  # True: "My candidates"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ownerToggle")
        self.setStyleSheet("QToolButton:checked { font-weight: 600; }")
        self.mine_button = self._button("My candidates", MINE_TIP)
        self.everyone_button = self._button("Everyone's", EVERYONE_TIP)
        self.everyone_button.setChecked(True)
        group = QButtonGroup(self)
        group.setExclusive(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for button in (self.mine_button, self.everyone_button):
            group.addButton(button)
            layout.addWidget(button, 1)
        self.mine_button.toggled.connect(self.mine_changed.emit)
        self.setVisible(False)

    def _button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(text)
        button.setCheckable(True)
        # One bar of two halves, the chosen one pressed in (a segmented switch).
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return button

    @property
    def mine(self) -> bool:
        return self.mine_button.isChecked()

    def show_for(self, several_users: bool) -> None:
        """Shown with several users; hidden alone, and back to everyone's (the only view)."""
        if not several_users and self.mine:
            self.everyone_button.setChecked(True)
        self.setVisible(several_users)
