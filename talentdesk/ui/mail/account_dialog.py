"""Settings → E-mail account…: the SMTP server, the sender, the rate, the password (kept by
the keyring) and a test message sent off the GUI thread."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from talentdesk.core.errors import ValidationError
from talentdesk.core.mail.account import (
    DEFAULT_RATE_PER_MINUTE,
    MAX_RATE_PER_MINUTE,
    MailAccount,
    Security,
)
from talentdesk.core.mail.smtp import send_test_message
from talentdesk.ui.errors import show_error
from talentdesk.ui.jobs import Cancelled, Progress
from talentdesk.ui.mail.connection_dialog import BAD_STYLE, OK_STYLE, ConnectionDialog
from talentdesk.ui.mail.services import MailServices

TEST_TIMEOUT_S = 15.0
DEFAULT_PORTS = {Security.TLS: 465, Security.STARTTLS: 587, Security.PLAIN: 25}


class AccountDialog(ConnectionDialog):
    def __init__(self, mail: MailServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._mail = mail
        self.setWindowTitle("E-mail account")
        account = mail.account()

        self._server_fields()
        self._sender_fields()
        ca_row = self._ca_row("mailCaFile")
        self._notes()
        test_row = self._test_row(
            "Send test message",
            ("sendTestButton", "testResult"),
            self.send_test,
            "Send a short message to the sender address with these settings",
        )
        buttons = self._buttons()
        self._lay_out(ca_row, test_row, buttons)
        self.resize(560, 0)
        self._show(account)

    # -- building: one builder per group of rows ------------------------------------------
    def _server_fields(self) -> None:
        """The server and how to log in to it."""
        self.host = QLineEdit()
        self.host.setObjectName("mailHost")
        self.host.setPlaceholderText("smtp.example.com")
        self.port = QSpinBox()
        self.port.setObjectName("mailPort")
        self.port.setRange(1, 65535)
        self.security = QComboBox()
        self.security.setObjectName("mailSecurity")
        for security in Security:
            self.security.addItem(security.label, security.value)
        self.security.currentIndexChanged.connect(self._security_changed)
        self.username = QLineEdit()
        self.username.setObjectName("mailUsername")
        self.password = QLineEdit()
        self.password.setObjectName("mailPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)

    def _sender_fields(self) -> None:
        """Who the messages are from, what they end with, how fast they go."""
        self.sender_name = QLineEdit()
        self.sender_name.setObjectName("mailSenderName")
        self.sender_address = QLineEdit()
        self.sender_address.setObjectName("mailSenderAddress")
        self.sender_address.setPlaceholderText("you@example.com")
        self.reply_to = QLineEdit()
        self.reply_to.setObjectName("mailReplyTo")
        self.reply_to.setPlaceholderText("optional")
        self.signature = QPlainTextEdit()
        self.signature.setObjectName("mailSignature")
        self.signature.setPlaceholderText("Added below every message, after “-- ”")
        self.signature.setFixedHeight(80)
        self.rate = QSpinBox()
        self.rate.setObjectName("mailRate")
        self.rate.setRange(0, MAX_RATE_PER_MINUTE)
        self.rate.setSuffix(" per minute")
        self.rate.setSpecialValueText("No limit")
        self.rate.setToolTip("Most providers block accounts that send too fast")

    def _notes(self) -> None:
        """What the security and keyring choices mean, and what is wrong."""
        self.security_note = QLabel()
        self.security_note.setObjectName("mailSecurityNote")
        self.security_note.setWordWrap(True)
        self.security_note.setStyleSheet("color: #4b5563;")
        self.keyring_note = QLabel()
        self.keyring_note.setObjectName("keyringNote")
        self.keyring_note.setWordWrap(True)
        self.errors = QLabel()
        self.errors.setObjectName("mailAccountErrors")
        self.errors.setWordWrap(True)
        self.errors.setStyleSheet(BAD_STYLE)
        self.errors.hide()

    def _lay_out(
        self, ca_row: QHBoxLayout, test_row: QHBoxLayout, buttons: QDialogButtonBox
    ) -> None:
        form = QFormLayout(self)
        form.addRow("Server", self.host)
        form.addRow("Port", self.port)
        form.addRow("Security", self.security)
        form.addRow("", self.security_note)
        form.addRow("User name", self.username)
        form.addRow("Password", self.password)
        form.addRow("", self.keyring_note)
        form.addRow("Sender name", self.sender_name)
        form.addRow("Sender address", self.sender_address)
        form.addRow("Reply-to", self.reply_to)
        form.addRow("Signature", self.signature)
        form.addRow("Sending rate", self.rate)
        form.addRow("Extra certificate authority", ca_row)
        form.addRow(self.errors)
        form.addRow(test_row)
        form.addRow(buttons)

    def _show(self, account: MailAccount | None) -> None:
        if account is None:
            self.security.setCurrentIndex(self.security.findData(Security.STARTTLS.value))
            self.port.setValue(DEFAULT_PORTS[Security.STARTTLS])
            self.rate.setValue(DEFAULT_RATE_PER_MINUTE)
        else:
            self.host.setText(account.host)
            self.security.setCurrentIndex(self.security.findData(account.security.value))
            self.port.setValue(account.port)
            self.username.setText(account.username)
            self.sender_name.setText(account.sender_name)
            self.sender_address.setText(account.sender_address)
            self.reply_to.setText(account.reply_to or "")
            self.signature.setPlainText(account.signature)
            self.rate.setValue(account.rate_per_minute)
            self.ca_file.setText(account.ca_file or "")
        self._update_security_note()
        self._show_keyring(account)

    def _show_keyring(self, account: MailAccount | None) -> None:
        status = self._mail.credentials.status
        stored = account is not None and self._mail.credentials.get(account.keyring_user)
        if status.usable:
            self.keyring_note.setText(
                f"The password is kept in your system keyring ({status.backend}), never in "
                "TalentDesk's files."
            )
            self.keyring_note.setStyleSheet("color: #4b5563;")
        else:
            self.keyring_note.setText(
                f"No usable keyring: {status.reason}. TalentDesk will ask for the password when "
                "it sends and keep it in memory for this session only; it is never written to "
                "a file."
            )
            self.keyring_note.setStyleSheet("color: #92400e;")
        # The stored password is never shown back, only that there is one.
        self.password.setPlaceholderText(
            "stored — type to replace it" if stored else "the account's password"
        )

    def _security_changed(self) -> None:
        # A port the user typed stays; a default one follows the security.
        if self.port.value() in DEFAULT_PORTS.values():
            self.port.setValue(DEFAULT_PORTS[Security(self.security.currentData())])
        self._update_security_note()

    def _update_security_note(self) -> None:
        security = Security(self.security.currentData())
        self.security_note.setText(
            "Unencrypted: allowed only to a mail server on this computer (localhost)."
            if security is Security.PLAIN
            else "Encrypted; the server's certificate is verified."
        )

    # -- the account as entered ------------------------------------------------------------
    def account(self) -> MailAccount | None:
        """The validated account, or None with the problems shown."""
        try:
            account = MailAccount(
                host=self.host.text(),
                port=self.port.value(),
                security=Security(self.security.currentData()),
                username=self.username.text(),
                sender_address=self.sender_address.text(),
                sender_name=self.sender_name.text(),
                reply_to=self.reply_to.text().strip() or None,
                signature=self.signature.toPlainText().strip("\n"),
                rate_per_minute=self.rate.value(),
                ca_file=self.ca_file.text().strip() or None,
            ).validated()
        except ValidationError as exc:
            labels = {
                "host": "Server",
                "port": "Port",
                "security": "Security",
                "sender_address": "Sender address",
                "reply_to": "Reply-to",
                "rate_per_minute": "Sending rate",
                "sender_name": "Sender name",
            }
            self.errors.setText(
                "\n".join(f"{labels.get(k, k)}: {v}" for k, v in exc.errors.items())
            )
            self.errors.show()
            self._fit_height()
            return None
        self.errors.hide()
        return account

    def _fit_height(self) -> None:
        """Grow to what the wrapped notes need at this width: a form layout's minimum height
        ignores that, so the lines that appeared (errors, a test result) squeezed the keyring
        note under Password and clipped it."""
        layout = self.layout()
        assert layout is not None  # the dialog's form, set in __init__
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def accept(self) -> None:
        """Store the account (an operation) and the password (the keyring); the dialog closes
        once the account is stored."""
        account = self.account()
        if account is None or self.job is not None:
            return
        mail, password = self._mail, self.password.text()

        def saved(_: object) -> None:
            if password:
                mail.credentials.set(account.keyring_user, password)
            super(AccountDialog, self).accept()

        def not_saved(exc: BaseException) -> None:
            self.setEnabled(True)
            show_error(self, exc, "E-mail account not saved")

        self.setEnabled(False)
        mail.ops.run(
            "Saving the e-mail account",
            lambda: mail.save_account(account),
            success=saved,
            failure=not_saved,
        )

    # -- the test message ------------------------------------------------------------------
    def send_test(self) -> None:
        account = self.account()
        if account is None or self.job is not None:
            return
        password = self.password.text() or self._mail.credentials.get(account.keyring_user)
        if password is None and account.username:
            self._show_result("Type the password first.", BAD_STYLE)
            return
        clock = self._mail.ws.clock

        def work(_progress: Progress, _cancelled: Cancelled) -> str:
            return send_test_message(account, password or "", TEST_TIMEOUT_S, clock)

        accepted = f"Success: the server accepted a test message to {account.sender_address}."
        self._start_test(
            work,
            f"Sending a test message to {account.sender_address}…",
            lambda _id: self._show_result(accepted, OK_STYLE),
        )
