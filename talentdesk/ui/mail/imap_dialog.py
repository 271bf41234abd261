"""E-mail → Mailbox for replies…: the IMAP account TalentDesk reads replies from (read-only),
its password (the keyring; the sending account's when server and user match), the folders, how
often it syncs, and "Test connection" off the GUI thread, as the SMTP account's dialog does."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QWidget,
)

from talentdesk.core.errors import ValidationError
from talentdesk.core.mail.account import Security
from talentdesk.core.mail.imap.account import (
    ImapAccount,
    from_smtp,
    password_user,
)
from talentdesk.core.mail.imap.probe import ImapTestReport
from talentdesk.ui.errors import show_error
from talentdesk.ui.jobs import Cancelled, Progress
from talentdesk.ui.mail.connection_dialog import BAD_STYLE, OK_STYLE
from talentdesk.ui.mail.imap_form import DEFAULT_PORTS, ImapForm
from talentdesk.ui.mail.services import MailServices

TEST_TIMEOUT_S = 15.0
_LABELS = {
    "host": "Server",
    "port": "Port",
    "security": "Security",
    "username": "User name",
    "folders": "Folders",
}


class ImapDialog(ImapForm):
    saved = Signal()  # the account is stored (the background sync follows its interval)

    def __init__(self, mail: MailServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._mail = mail
        self._sync = mail.ws.mail_sync
        self._smtp = self._sync.smtp_account()
        self._current = self._sync.account()
        self.setWindowTitle("Mailbox for replies (IMAP)")
        self._server_fields()
        self._folder_fields()
        self._notes()
        test_row = self._test_row(
            "Test connection",
            ("imapTestButton", "imapTestResult"),
            self.test_connection,
            "Log in, list the folders and open the ones to read",
        )
        self._lay_out(self._ca_row("imapCaFile"), test_row, self._buttons())
        self.resize(580, 0)
        self._show(self._current, self._sync.interval_minutes())

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
            self._show_result("Type the password first.", BAD_STYLE)
            return
        test = self._sync.test

        def work(_progress: Progress, _cancelled: Cancelled) -> ImapTestReport:
            return test(account, password, TEST_TIMEOUT_S)

        self._start_test(work, f"Connecting to {account.host}:{account.port}…", self._tested)

    def _tested(self, report: ImapTestReport) -> None:
        lines = report.lines()
        self._show_result("Success: " + lines[0] + ".\n" + "\n".join(lines[1:]), OK_STYLE)
        reading = {name for name, _count in report.reading}
        ticked = reading if self.auto_folders.isChecked() else set(self.ticked_folders())
        self.show_folders(list(report.folders), ticked, self.sent_folder.currentData() or None)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_height()  # the wrapped notes' lines, which the form's minimum leaves out
