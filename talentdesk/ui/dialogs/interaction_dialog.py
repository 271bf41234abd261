"""Log a call, meeting, note or received e-mail: when, subject and what was said."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from talentdesk.core.db.enums import InteractionKind
from talentdesk.ui.widgets.datetime_edit import edited_datetime, local_datetime_edit


class InteractionDialog(QDialog):
    def __init__(
        self, kind: InteractionKind, now: datetime, candidate_name: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{kind.label} — {candidate_name}")
        self.kind = QComboBox()
        for each in InteractionKind:
            self.kind.addItem(each.label, each)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.when = local_datetime_edit(now)
        self.subject = QLineEdit()
        self.subject.setObjectName("interactionSubject")
        self.subject.setPlaceholderText("e.g. Called — left a voicemail")
        self.body = QPlainTextEdit()
        self.body.setObjectName("interactionBody")
        self.body.setPlaceholderText("What was said, what they want, what comes next")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.subject.textChanged.connect(self._update)
        self.body.textChanged.connect(self._update)
        form = QFormLayout(self)
        form.addRow("Kind", self.kind)
        form.addRow("When", self.when)
        form.addRow("Subject", self.subject)
        form.addRow("Details", self.body)
        form.addRow(buttons)
        self.resize(460, 320)
        self.save_button.setToolTip("Save (Ctrl+Enter)")
        # Ctrl+Enter saves from anywhere, also from the Details box (where Enter is a new line
        # and the box would take Ctrl+Enter as one too, before any shortcut saw it).
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self._save)
        self.body.installEventFilter(self)
        self._update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.body
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self._save()
            return True
        return super().eventFilter(watched, event)

    def _save(self) -> None:
        if self.save_button.isEnabled():
            self.accept()

    def _update(self) -> None:
        has_text = bool(self.subject.text().strip() or self.body.toPlainText().strip())
        self.save_button.setEnabled(has_text)

    def values(self) -> tuple[InteractionKind, datetime, str, str]:
        when = edited_datetime(self.when)
        # Qt hands StrEnum data back as plain str.
        return (
            InteractionKind(self.kind.currentData()),
            when,
            self.subject.text(),
            self.body.toPlainText(),
        )
