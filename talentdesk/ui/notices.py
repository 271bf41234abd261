"""What the window says about its database, outside any dialog: that it is read-only (a
banner above the list) and that a change is waiting for the database (in the status bar,
with Cancel)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget


class ReadOnlyBanner(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readOnlyBanner")
        self.setWordWrap(True)
        self.setStyleSheet(
            "background: #fef3c7; color: #92400e; padding: 6px 10px;"
            " border-bottom: 1px solid #fcd34d;"
        )
        self.hide()

    def show_reason(self, reason: str) -> None:
        self.setText(
            f"<b>Read-only:</b> this database cannot be written ({reason}). You can look, "
            "search and export; changes are switched off. Make the file and its folder "
            "writable, then start TalentDesk again."
        )
        self.show()


class WaitingIndicator(QWidget):
    """ "Waiting for another TalentDesk to finish importing people.csv… [Cancel]"."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("waitingIndicator")
        self.label = QLabel()
        self.label.setObjectName("waitingText")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("cancelWaitingButton")
        self.cancel_button.setToolTip("Give up the changes that are waiting: nothing is saved")
        self.cancel_button.clicked.connect(self.cancel_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.cancel_button)
        self.hide()

    def show_text(self, text: str) -> None:
        """`text` what waits for what; "" once nothing waits."""
        self.label.setText(text)
        self.setVisible(bool(text))
