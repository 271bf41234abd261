"""The widgets of the IMAP account dialog (ui/mail/imap_dialog.py), built and laid out: the
server, the folders to read, the notes, the Test connection row and the buttons. What they do
with an account (show, validate, save, test) is the dialog's."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QWidget,
)

from talentdesk.core.mail.account import Security
from talentdesk.core.mail.imap.account import MAX_SYNC_MINUTES
from talentdesk.ui.mail.connection_dialog import BAD_STYLE, ConnectionDialog

DEFAULT_PORTS = {Security.TLS: 993, Security.STARTTLS: 143, Security.PLAIN: 143}
NOTE_STYLE = "color: #4b5563;"


class ImapForm(ConnectionDialog):
    """The dialog's fields; `test_connection` and `_update_password_note` are the dialog's."""

    def test_connection(self) -> None:
        raise NotImplementedError

    def _update_password_note(self) -> None:
        raise NotImplementedError

    # -- building -------------------------------------------------------------------------
    def _server_fields(self) -> None:
        self.host = QLineEdit()
        self.host.setObjectName("imapHost")
        self.host.setPlaceholderText("imap.example.com")
        self.port = QSpinBox()
        self.port.setObjectName("imapPort")
        self.port.setRange(1, 65535)
        self.security = QComboBox()
        self.security.setObjectName("imapSecurity")
        for security in Security:
            self.security.addItem(security.label, security.value)
        self.security.currentIndexChanged.connect(self._security_changed)
        self.username = QLineEdit()
        self.username.setObjectName("imapUsername")
        self.password = QLineEdit()
        self.password.setObjectName("imapPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        for field in (self.host, self.username):  # not each keystroke: it asks the keyring
            field.editingFinished.connect(self._update_password_note)

    def _folder_fields(self) -> None:
        self.auto_folders = QCheckBox("INBOX and the Sent folder, found by the server's flags")
        self.auto_folders.setObjectName("imapAutoFolders")
        self.auto_folders.toggled.connect(self._auto_toggled)
        self.folder_list = QListWidget()
        self.folder_list.setObjectName("imapFolders")
        self.folder_list.setFixedHeight(90)
        self.folder_list.setToolTip("Tick the folders to read; Test connection lists them all")
        self.sent_folder = QComboBox()
        self.sent_folder.setObjectName("imapSentFolder")
        self.sent_folder.addItem("The folder flagged Sent", "")
        self.interval = QSpinBox()
        self.interval.setObjectName("imapInterval")
        self.interval.setRange(0, MAX_SYNC_MINUTES)
        self.interval.setPrefix("every ")
        self.interval.setSuffix(" minutes")
        self.interval.setSpecialValueText("Off: only E-mail → Sync mail now (F9)")

    def _notes(self) -> None:
        self.security_note = self._note("imapSecurityNote")
        self.password_note = self._note("imapPasswordNote")
        self.read_only_note = self._note("imapReadOnlyNote")
        self.read_only_note.setText(
            "TalentDesk only reads the mailbox: nothing is marked read, moved or deleted. "
            "Mail to or from a candidate's address goes on their timeline (subject, date and "
            "the first lines); other mail is not stored."
        )
        self.errors = self._note("imapErrors")
        self.errors.setStyleSheet(BAD_STYLE)
        self.errors.hide()

    @staticmethod
    def _note(name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setStyleSheet(NOTE_STYLE)
        return label

    def _lay_out(self, ca_row: QHBoxLayout, test_row: QHBoxLayout, buttons: QWidget) -> None:
        form = QFormLayout(self)
        form.addRow("Server", self.host)
        form.addRow("Port", self.port)
        form.addRow("Security", self.security)
        form.addRow("", self.security_note)
        form.addRow("User name", self.username)
        form.addRow("Password", self.password)
        form.addRow("", self.password_note)
        form.addRow("Folders to read", self.auto_folders)
        form.addRow("", self.folder_list)
        form.addRow("Mail you sent is in", self.sent_folder)
        form.addRow("Sync", self.interval)
        form.addRow("Extra certificate authority", ca_row)
        form.addRow(self.read_only_note)
        form.addRow(self.errors)
        form.addRow(test_row)
        form.addRow(buttons)

    def show_folders(self, names: list[str], ticked: set[str], sent: str | None) -> None:
        """The folders to choose from (the server's, after a test) and the Sent folder."""
        self.folder_list.clear()
        for name in names:
            item = QListWidgetItem(name, self.folder_list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in ticked else Qt.CheckState.Unchecked)
        self.sent_folder.clear()
        self.sent_folder.addItem("The folder flagged Sent", "")
        for name in names if sent is None or sent in names else [*names, sent]:
            self.sent_folder.addItem(name, name)
        self.sent_folder.setCurrentIndex(max(0, self.sent_folder.findData(sent or "")))

    def ticked_folders(self) -> list[str]:
        items = (self.folder_list.item(i) for i in range(self.folder_list.count()))
        return [i.text() for i in items if i.checkState() is Qt.CheckState.Checked]

    def _auto_toggled(self, auto: bool) -> None:
        self.folder_list.setEnabled(not auto)

    def _security_changed(self) -> None:
        # A port the user typed stays; a default one follows the security.
        if self.port.value() in DEFAULT_PORTS.values():
            self.port.setValue(DEFAULT_PORTS[Security(self.security.currentData())])
        self._update_security_note()

    def _update_security_note(self) -> None:
        plain = Security(self.security.currentData()) is Security.PLAIN
        self.security_note.setText(
            "Unencrypted: allowed only to a mail server on this computer (localhost)."
            if plain
            else "Encrypted; the server's certificate is verified."
        )
