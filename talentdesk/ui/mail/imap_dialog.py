"""E-mail → Mailbox for replies…: the IMAP account TalentDesk reads replies from (read-only),
its password (the keyring; the sending account's when server and user match), the folders, how
often it syncs, and "Test connection" off the GUI thread, as the SMTP account's dialog does."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QWidget,
)

from talentdesk.core.errors import ValidationError
from talentdesk.core.mail.account import Security
from talentdesk.core.mail.imap.account import (
    MAX_SYNC_MINUTES,
    ImapAccount,
    from_smtp,
    password_user,
)
from talentdesk.core.mail.imap.probe import ImapTestReport
from talentdesk.core.mail.smtp import MailError
from talentdesk.ui.errors import show_error
from talentdesk.ui.jobs import Cancelled, Job, Progress
from talentdesk.ui.mail.services import MailServices, describe_failure

TEST_TIMEOUT_S = 15.0
DEFAULT_PORTS = {Security.TLS: 993, Security.STARTTLS: 143, Security.PLAIN: 143}
_OK = "color: #047857;"
_BAD = "color: #b91c1c;"
_NOTE = "color: #4b5563;"
_LABELS = {
    "host": "Server",
    "port": "Port",
    "security": "Security",
    "username": "User name",
    "folders": "Folders",
}


class ImapDialog(QDialog):
    saved = Signal()  # the account is stored (the background sync follows its interval)

    def __init__(self, mail: MailServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._mail = mail
        self._sync = mail.ws.mail_sync
        self._smtp = self._sync.smtp_account()
        self._current = self._sync.account()
        self.job: Job | None = None
        self._close_after_test = False
        self.setWindowTitle("Mailbox for replies (IMAP)")
        self._server_fields()
        self._folder_fields()
        self._notes()
        self._lay_out(self._ca_row(), self._test_row(), self._buttons())
        self.resize(580, 0)
        self._show(self._current, self._sync.interval_minutes())

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

    def _ca_row(self) -> QHBoxLayout:
        self.ca_file = QLineEdit()
        self.ca_file.setObjectName("imapCaFile")
        self.ca_file.setPlaceholderText("only if your company uses its own certificates")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse_ca)
        row = QHBoxLayout()
        row.addWidget(self.ca_file, 1)
        row.addWidget(browse)
        return row

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
        self.errors.setStyleSheet(_BAD)
        self.errors.hide()

    @staticmethod
    def _note(name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setStyleSheet(_NOTE)
        return label

    def _test_row(self) -> QHBoxLayout:
        self.test_button = QPushButton("Test connection")
        self.test_button.setObjectName("imapTestButton")
        self.test_button.setToolTip("Log in, list the folders and open the ones to read")
        self.test_button.clicked.connect(self.test_connection)
        self.test_result = QLabel()
        self.test_result.setObjectName("imapTestResult")
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.test_result, 1)
        return row

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        return buttons

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

    def _show(self, account: ImapAccount | None, minutes: int) -> None:
        if account is None and self._smtp is not None:
            account = from_smtp(self._smtp)  # a first guess: same user, imap.<domain>:993
        if account is None:
            self.security.setCurrentIndex(self.security.findData(Security.TLS.value))
            self.port.setValue(DEFAULT_PORTS[Security.TLS])
        else:
            self.host.setText(account.host)
            self.security.setCurrentIndex(self.security.findData(account.security.value))
            self.port.setValue(account.port)
            self.username.setText(account.username)
            self.ca_file.setText(account.ca_file or "")
        folders = account.folders if account else ()
        self.show_folders(list(folders), set(folders), account.sent_folder if account else None)
        self.auto_folders.setChecked(not folders)
        self._auto_toggled(not folders)
        self.interval.setValue(minutes)
        self._update_security_note()
        self._update_password_note()

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

    def _draft(self) -> ImapAccount:
        """The account as entered, not yet validated."""
        current, smtp = self._current, self._smtp
        own = current.own_addresses if current else (smtp.sender_address,) if smtp else ()
        return ImapAccount(
            host=self.host.text(),
            port=self.port.value(),
            security=Security(self.security.currentData()),
            username=self.username.text(),
            folders=() if self.auto_folders.isChecked() else tuple(self.ticked_folders()),
            sent_folder=self.sent_folder.currentData() or None,
            ca_file=self.ca_file.text().strip() or None,
            own_addresses=own,
        )

    def _update_password_note(self) -> None:
        draft = self._draft()
        smtp = self._smtp
        shared = smtp is not None and password_user(draft, smtp) == smtp.keyring_user
        status = self._mail.credentials.status
        where = (
            f"kept in your system keyring ({status.backend}), never in TalentDesk's files"
            if status.usable
            else f"asked once a session and kept in memory only (no usable keyring: "
            f"{status.reason})"
        )
        self.password_note.setText(
            f"Same server and user as your sending account: its password is used ({where})."
            if shared
            else f"The password is {where}."
        )
        stored = bool(draft.host.strip() and draft.username.strip()) and bool(
            self._sync.password(draft, self._mail.credentials)
        )
        self.password.setPlaceholderText(
            "stored — type to replace it" if stored else "the mailbox's password"
        )

    def _browse_ca(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Certificate authority", self.ca_file.text(), "PEM certificates (*.pem *.crt)"
        )
        if name:
            self.ca_file.setText(name)

    # -- the account as entered -------------------------------------------------------------
    def account(self) -> ImapAccount | None:
        """The validated account, or None with the problems shown."""
        try:
            account = self._draft().validated()
            if not self.auto_folders.isChecked() and not account.folders:
                raise ValidationError({"folders": "tick at least one folder to read"})
        except ValidationError as exc:
            self.errors.setText(
                "\n".join(f"{_LABELS.get(k, k)}: {v}" for k, v in exc.errors.items())
            )
            self.errors.show()
            self._fit_height()
            return None
        self.errors.hide()
        return account

    def _fit_height(self) -> None:
        """Grow to what the wrapped notes need (a form's minimum height ignores them)."""
        layout = self.layout()
        assert layout is not None
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def accept(self) -> None:
        """Store the account and interval (an operation), then the password (the keyring)."""
        account = self.account()
        if account is None or self.job is not None:
            return
        sync, credentials = self._sync, self._mail.credentials
        password, minutes = self.password.text(), self.interval.value()

        def saved(_: object) -> None:
            if password:
                sync.store_password(account, credentials, password)
            self.saved.emit()
            super(ImapDialog, self).accept()

        def not_saved(exc: BaseException) -> None:
            self.setEnabled(True)
            show_error(self, exc, "Mailbox for replies not saved")

        self.setEnabled(False)
        self._mail.ops.run(
            "Saving the mailbox for replies",
            lambda: sync.save_account(account, minutes),
            success=saved,
            failure=not_saved,
        )

    # -- Test connection --------------------------------------------------------------------
    def test_connection(self) -> None:
        account = self.account()
        if account is None or self.job is not None:
            return
        password = self.password.text() or self._sync.password(account, self._mail.credentials)
        if not password:
            self._show_result("Type the password first.", _BAD)
            return
        test = self._sync.test

        def work(_progress: Progress, _cancelled: Cancelled) -> ImapTestReport:
            return test(account, password, TEST_TIMEOUT_S)

        self._show_result(f"Connecting to {account.host}:{account.port}…", "")
        self.test_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.job = Job(work, self)
        self.job.succeeded.connect(self._tested)
        self.job.failed.connect(self._test_failed)
        self.job.finished.connect(self._test_finished)
        self.job.start()

    def _tested(self, report: ImapTestReport) -> None:
        lines = report.lines()
        self._show_result("Success: " + lines[0] + ".\n" + "\n".join(lines[1:]), _OK)
        reading = {name for name, _count in report.reading}
        ticked = reading if self.auto_folders.isChecked() else set(self.ticked_folders())
        self.show_folders(list(report.folders), ticked, self.sent_folder.currentData() or None)

    def _test_failed(self, error: Exception) -> None:
        if isinstance(error, MailError):
            self._show_result(describe_failure(error), _BAD)
        else:  # a bug: the job logged the traceback
            self._show_result(f"The test failed unexpectedly: {error}", _BAD)

    def _test_finished(self) -> None:
        job, self.job = self.job, None
        if job is not None:
            job.deleteLater()
        self.test_button.setEnabled(True)
        self.save_button.setEnabled(True)
        if self._close_after_test:
            super().reject()

    def _show_result(self, text: str, style: str) -> None:
        self.test_result.setText(text)
        self.test_result.setStyleSheet(style)
        self._fit_height()

    # -- closing: a running test (it has a timeout) is waited for, not abandoned ------------
    def reject(self) -> None:
        if self.job is not None:
            self._close_after_test = True
            self._show_result("Closing when the test has finished…", "")
            return
        super().reject()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_height()  # the wrapped notes' lines, which the form's minimum leaves out

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.job is not None:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)
