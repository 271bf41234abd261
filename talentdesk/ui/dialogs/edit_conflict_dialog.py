"""Asked when a save finds that someone else saved the same candidate meanwhile (issue 18, no
lost updates): which fields differ, theirs beside yours, and whose version to keep. The form's
edits are never lost: "Keep mine" saves them over, "Cancel" goes on editing them."""

from __future__ import annotations

import html
from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.edit_conflict import EditConflictError


class Choice(Enum):
    KEEP_MINE = "keep mine"  # save the form over theirs
    TAKE_THEIRS = "take theirs"  # reload the form with what they saved
    CANCEL = "cancel"  # go on editing (nothing saved)


class EditConflictDialog(QDialog):
    chosen = Signal(object)  # a Choice, once

    def __init__(self, conflict: EditConflictError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Changed by someone else")
        self.conflict = conflict
        self._choice = Choice.CANCEL
        layout = QVBoxLayout(self)
        self.heading = QLabel(
            f"<b>Someone else changed {html.escape(conflict.name)} while you were editing.</b>"
        )
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.heading)
        layout.addWidget(
            QLabel(
                "Nothing was saved yet. These fields differ between what they saved and "
                "what your form holds:"
            )
        )
        self.table = _table(conflict)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox()
        self.keep_button = QPushButton("Keep mine")
        self.keep_button.setToolTip("Save your form over their changes")
        self.theirs_button = QPushButton("Take theirs")
        self.theirs_button.setToolTip("Show what they saved; your edits are dropped")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Go on editing; nothing is saved")
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.theirs_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.keep_button.clicked.connect(lambda: self._choose(Choice.KEEP_MINE))
        self.theirs_button.clicked.connect(lambda: self._choose(Choice.TAKE_THEIRS))
        self.cancel_button.clicked.connect(lambda: self._choose(Choice.CANCEL))
        layout.addWidget(buttons)
        self.cancel_button.setDefault(True)  # Enter never drops anyone's edits
        self.finished.connect(lambda _: self.chosen.emit(self._choice))
        self.resize(620, 120 + 30 * min(len(conflict.differences), 10))

    def _choose(self, choice: Choice) -> None:
        self._choice = choice
        self.done(
            QDialog.DialogCode.Rejected if choice is Choice.CANCEL else QDialog.DialogCode.Accepted
        )

    def rows(self) -> list[tuple[str, str, str]]:
        """(field, theirs, yours) as the table shows them."""
        found = []
        for row in range(self.table.rowCount()):
            items = [self.table.item(row, c) for c in range(3)]
            field, theirs, yours = (item.text() if item else "" for item in items)
            found.append((field, theirs, yours))
        return found


def _table(conflict: EditConflictError) -> QTableWidget:
    table = QTableWidget(len(conflict.differences), 3)
    table.setHorizontalHeaderLabels(["Field", "Theirs (saved)", "Yours (this form)"])
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    for column in (1, 2):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    for row, difference in enumerate(conflict.differences):
        for column, value in enumerate((difference.label, difference.theirs, difference.yours)):
            item = QTableWidgetItem(_one_line(value))
            item.setToolTip(value)
            table.setItem(row, column, item)
    return table


def _one_line(value: str, limit: int = 120) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
