"""A preview of a mailing, one recipient at a time as they get it (headers and text, as the
compose dialog shows them), with who is left out and why."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.mail.account import MailAccount
from talentdesk.core.mail.outbox import Draft, Skipped


def message_text(account: MailAccount, draft: Draft) -> str:
    """The message as its recipient reads it: the headers, a blank line, the text."""
    sender = (
        f"{account.sender_name} <{account.sender_address}>"
        if account.sender_name
        else account.sender_address
    )
    headers = [
        f"From: {sender}",
        f"To: {draft.to_name} <{draft.to_address}>",
        *([f"Reply-To: {account.reply_to}"] if account.reply_to else []),
        f"Subject: {draft.subject}",
    ]
    return "\n".join(headers) + "\n\n" + draft.text


class MailPreview(QWidget):
    """Previous / Next over the message one recipient gets; who gets none is listed in
    `skipped_box`, under the preview unless the host places it (`place_skipped=False`)."""

    def __init__(
        self,
        account: MailAccount,
        parent: QWidget | None = None,
        *,
        nobody: str = "Nobody to e-mail",
        skipped_title: str = "Will get no e-mail",
        place_skipped: bool = True,
    ) -> None:
        super().__init__(parent)
        self._account = account
        self._nobody = nobody
        self._skipped_title = skipped_title
        self.drafts: tuple[Draft, ...] = ()
        self.index = 0
        self.recipient = QLabel()
        self.recipient.setObjectName("previewRecipient")
        self.recipient.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.previous_button = QPushButton("◀ Previous")
        self.previous_button.setObjectName("previewPrevious")
        self.previous_button.clicked.connect(lambda: self.show_recipient(self.index - 1))
        self.next_button = QPushButton("Next ▶")
        self.next_button.setObjectName("previewNext")
        self.next_button.clicked.connect(lambda: self.show_recipient(self.index + 1))
        nav = QHBoxLayout()
        nav.addWidget(self.previous_button)
        nav.addWidget(self.recipient, 1)
        nav.addWidget(self.next_button)
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("preview")
        self.preview.setReadOnly(True)
        self.skipped = QListWidget()
        self.skipped.setObjectName("skippedList")
        self.skipped_box = QGroupBox()
        QVBoxLayout(self.skipped_box).addWidget(self.skipped)
        self.skipped_box.setMaximumHeight(150)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(nav)
        layout.addWidget(self.preview, 1)
        if place_skipped:
            layout.addWidget(self.skipped_box)
        self.show_plan((), ())

    def account_changed(self, account: MailAccount) -> None:
        self._account = account
        self.show_recipient(self.index)

    def show_plan(
        self, drafts: Sequence[Draft], skipped: Sequence[Skipped], nobody: str | None = None
    ) -> None:
        """Show these messages (from the one shown before, where there is one) and who gets
        none; `nobody` replaces what is said when there is no message."""
        self.drafts = tuple(drafts)
        self.skipped.clear()
        for s in skipped:
            self.skipped.addItem(f"{s.name or f'Candidate {s.candidate_id}'} — {s.reason}")
        self.skipped_box.setTitle(f"{self._skipped_title} ({len(skipped)})")
        self.skipped_box.setVisible(bool(skipped))
        self.show_recipient(min(self.index, len(self.drafts) - 1), nobody)

    def show_recipient(self, index: int, nobody: str | None = None) -> None:
        count = len(self.drafts)
        self.index = max(0, min(index, count - 1))
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < count - 1)
        if not count:
            self.recipient.setText(self._nobody if nobody is None else nobody)
            self.preview.clear()
            return
        draft = self.drafts[self.index]
        self.recipient.setText(f"{self.index + 1} of {count}: {draft.to_name}")
        self.preview.setPlainText(message_text(self._account, draft))
