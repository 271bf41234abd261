"""Log reply…: an inbound e-mail with the date it arrived, for reply rates later."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from talentdesk.ui.widgets.datetime_edit import edited_datetime, local_datetime_edit


class ReplyDialog(QDialog):
    def __init__(
        self, now: datetime, candidate_name: str, subject: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Log reply — {candidate_name}")
        self.when = local_datetime_edit(now)
        self.when.setObjectName("replyReceivedAt")
        self.subject = QLineEdit(subject)
        self.subject.setObjectName("replySubject")
        self.subject.setPlaceholderText("optional")
        self.body = QPlainTextEdit()
        self.body.setObjectName("replyBody")
        self.body.setPlaceholderText("optional: what they wrote")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Received", self.when)
        form.addRow("Subject", self.subject)
        form.addRow("Text", self.body)
        form.addRow(buttons)
        self.resize(460, 300)

    def values(self) -> tuple[datetime, str, str]:
        return edited_datetime(self.when), self.subject.text(), self.body.toPlainText()


def ask_reply(
    parent: QWidget, now: datetime, candidate_name: str, subject: str = ""
) -> tuple[datetime, str, str] | None:
    """When the reply arrived, its subject and text; None when the user cancelled."""
    dialog = ReplyDialog(now, candidate_name, subject, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.values()
