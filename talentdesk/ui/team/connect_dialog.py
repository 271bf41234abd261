"""File ▸ Connect to team database…: the server, database, user, password (kept by the
keyring) and encryption, a connection test off the GUI thread whose outcome is shown here, and
Save, which remembers the connection for the next start (the mail dialogs' shared base)."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from talentdesk.core.errors import TalentDeskError, ValidationError
from talentdesk.core.mail.credentials import Credentials
from talentdesk.core.team.connection import DEFAULT_PORT, TeamConnection, TlsMode, parse_url
from talentdesk.core.team.outcome import Outcome, Verdict
from talentdesk.core.team.password import store_password, stored_password
from talentdesk.core.team.probe import test_connection
from talentdesk.core.team.remembered import remember, remembered_user_name
from talentdesk.core.users.names import checked_name, login_name
from talentdesk.ui.jobs import Cancelled, Progress
from talentdesk.ui.mail.connection_dialog import BAD_STYLE, OK_STYLE, ConnectionDialog

TEST_TIMEOUT_S = 10
WARN_STYLE = "color: #92400e;"
NOTE_STYLE = "color: #4b5563;"
NEXT_START = (
    "Save keeps this connection and offers to open the team database now (else at the next "
    "start; File ▸ Use the local database goes back to this computer's). To take this "
    "computer's candidates along, use File ▸ Move this database to a team server… instead."
)
_LABELS = {
    "host": "Server",
    "port": "Port",
    "database": "Database",
    "user": "User name",
    "name": "Your name",
}
NAME_NOTE = "How your colleagues see you: on the candidates you own and what you log."
_TLS_NOTES = {
    TlsMode.VERIFY_FULL: "Encrypted; the server's certificate is checked against the "
    "certificate authority below (or this computer's trusted ones).",
    TlsMode.REQUIRE: "Encrypted, but the server's certificate is not checked: someone on the "
    "network could pose as the server.",
    TlsMode.DISABLE: "Unencrypted: names, notes and e-mails cross the network readable by "
    "anyone on the way. Only on a network you trust.",
}


class TeamConnectDialog(ConnectionDialog):
    saved = Signal(object)  # the TeamConnection remembered

    def __init__(
        self,
        credentials: Credentials,
        current: TeamConnection | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._credentials = credentials
        self.setWindowTitle("Connect to team database")
        self._fields()
        ca_row = self._ca_row("teamCaFile")
        self._notes()
        test_row = self._test_row(
            "Test connection", ("teamTestButton", "teamTestResult"), self.test
        )
        self._lay_out(ca_row, test_row, self._buttons())
        self.resize(620, 0)
        self._show(current)

    # -- building -------------------------------------------------------------------------
    def _fields(self) -> None:
        def line(name: str, placeholder: str) -> QLineEdit:
            edit = QLineEdit()
            edit.setObjectName(name)
            edit.setPlaceholderText(placeholder)
            edit.textChanged.connect(self._update_password_note)
            return edit

        self.address = QLineEdit()
        self.address.setObjectName("teamAddress")
        self.address.setPlaceholderText("paste postgresql://user@server:port/database to fill in")
        self.address.editingFinished.connect(self.fill_from_address)
        self.host = line("teamHost", "db.example.com")
        self.port = QSpinBox()
        self.port.setObjectName("teamPort")
        self.port.setRange(1, 65535)
        self.port.valueChanged.connect(self._update_password_note)
        self.database = line("teamDatabase", "talentdesk")
        self.username = line("teamUser", "the database user you were given")
        self.password = QLineEdit()
        self.password.setObjectName("teamPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.tls = QComboBox()
        self.tls.setObjectName("teamTls")
        for mode in TlsMode:
            self.tls.addItem(mode.label, mode.value)
        self.tls.currentIndexChanged.connect(self._update_tls_note)
        self.your_name = QLineEdit(remembered_user_name() or "")
        self.your_name.setObjectName("teamYourName")
        self.your_name.setPlaceholderText(login_name())
        self.your_name.setToolTip(NAME_NOTE)

    def _notes(self) -> None:
        def note(name: str, style: str = NOTE_STYLE) -> QLabel:
            label = QLabel()
            label.setObjectName(name)
            label.setWordWrap(True)
            label.setStyleSheet(style)
            return label

        self.password_note = note("teamPasswordNote")
        self.tls_note = note("teamTlsNote")
        self.errors = note("teamErrors", BAD_STYLE)
        self.errors.hide()
        self.next_start = note("teamNextStart")
        self.next_start.setText(NEXT_START)

    def _lay_out(
        self, ca_row: QHBoxLayout, test_row: QHBoxLayout, buttons: QDialogButtonBox
    ) -> None:
        form = QFormLayout(self)
        self._connection_rows(form, ca_row, test_row)
        form.addRow(self.next_start)
        form.addRow(buttons)

    def _connection_rows(
        self, form: QFormLayout, ca_row: QHBoxLayout, test_row: QHBoxLayout
    ) -> None:
        """The server's address, login and encryption rows (the Move dialog's too)."""
        form.addRow("Address", self.address)
        form.addRow("Server", self.host)
        form.addRow("Port", self.port)
        form.addRow("Database", self.database)
        form.addRow("User name", self.username)
        form.addRow("Password", self.password)
        form.addRow("", self.password_note)
        form.addRow("Encryption", self.tls)
        form.addRow("", self.tls_note)
        form.addRow("Certificate authority", ca_row)
        form.addRow("Your name", self.your_name)
        form.addRow(self.errors)
        form.addRow(test_row)

    def _show(self, conn: TeamConnection | None) -> None:
        self.port.setValue(conn.port if conn else DEFAULT_PORT)
        mode = conn.tls if conn else TlsMode.VERIFY_FULL
        self.tls.setCurrentIndex(self.tls.findData(mode.value))
        if conn is not None:
            self.host.setText(conn.host)
            self.database.setText(conn.database)
            self.username.setText(conn.user)
            self.ca_file.setText(conn.ca_file or "")
        self._update_tls_note()
        self._update_password_note()

    def fill_from_address(self) -> None:
        """The fields from a pasted URL (its password into the password field); the address
        line is emptied so a password in it is not left on screen."""
        text = self.address.text().strip()
        if not text:
            return
        try:
            conn, password = parse_url(text)
        except ValidationError as exc:
            self._show_errors("\n".join(f"Address: {v}" for v in exc.errors.values()))
            return
        self.errors.hide()
        self.address.clear()
        self._show(conn)
        if password is not None:
            self.password.setText(password)

    # -- notes that follow the fields -------------------------------------------------------
    @property
    def unencrypted(self) -> bool:
        return TlsMode(self.tls.currentData()) is TlsMode.DISABLE

    def _update_tls_note(self) -> None:
        mode = TlsMode(self.tls.currentData())
        self.tls_note.setText(_TLS_NOTES[mode])
        self.tls_note.setStyleSheet(WARN_STYLE if mode is TlsMode.DISABLE else NOTE_STYLE)
        self.ca_file.setEnabled(mode is TlsMode.VERIFY_FULL)
        self._fit_height()

    def _update_password_note(self) -> None:
        status = self._credentials.status
        if status.usable:
            self.password_note.setText(
                f"Kept in your system keyring ({status.backend}), never in TalentDesk's files."
            )
            self.password_note.setStyleSheet(NOTE_STYLE)
        else:
            self.password_note.setText(
                f"No usable keyring: {status.reason}. TalentDesk keeps database passwords only "
                "in the keyring, so it cannot remember one here."
            )
            self.password_note.setStyleSheet(WARN_STYLE)
        draft = self._draft()
        stored = bool(draft.host and draft.user and draft.database) and bool(
            stored_password(draft, self._credentials)
        )
        self.password.setPlaceholderText(
            "stored — type to replace it" if stored else "the database password"
        )
        self._fit_height()

    # -- the connection as entered ----------------------------------------------------------
    def _draft(self) -> TeamConnection:
        return TeamConnection(
            host=self.host.text().strip(),
            port=self.port.value(),
            database=self.database.text().strip(),
            user=self.username.text().strip(),
            tls=TlsMode(self.tls.currentData()),
            ca_file=self.ca_file.text().strip() or None,
        )

    def user_name(self) -> str:
        """Who connects ("Your name"; the login name when left empty), checked."""
        return checked_name(self.your_name.text() or login_name())

    def connection(self) -> TeamConnection | None:
        """The validated connection, or None with the problems shown."""
        try:
            conn = self._draft().validated()
            self.user_name()
        except ValidationError as exc:
            self._show_errors("\n".join(f"{_LABELS.get(k, k)}: {v}" for k, v in exc.errors.items()))
            return None
        self.errors.hide()
        return conn

    def _show_errors(self, text: str) -> None:
        self.errors.setText(text)
        self.errors.show()
        self._fit_height()

    def _password_for(self, conn: TeamConnection) -> str | None:
        return self.password.text() or stored_password(conn, self._credentials)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Wrapped notes know their height only once the dialog has its real width.
        QTimer.singleShot(0, self._fit_height)

    def _fit_height(self) -> None:
        layout = self.layout()
        if layout is None:  # still being built
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    # -- Save -------------------------------------------------------------------------------
    def accept(self) -> None:
        """Keep the password in the keyring and remember the connection for the next start."""
        conn = self.connection()
        if conn is None or self.job is not None:
            return
        password = self.password.text()
        try:
            if password and not store_password(conn, self._credentials, password):
                raise TalentDeskError(
                    f"The keyring cannot keep the password: {self._credentials.status.reason}."
                )
            remember(conn, user_name=self.user_name())
        except TalentDeskError as exc:
            self._show_errors(f"Not saved: {exc.message}")
            return
        self.saved.emit(conn)
        super().accept()

    # -- Test connection --------------------------------------------------------------------
    def test(self) -> None:
        conn = self.connection()
        if conn is None or self.job is not None:
            return
        password = self._password_for(conn)

        def work(_progress: Progress, _cancelled: Cancelled) -> Outcome:
            return test_connection(conn, password, TEST_TIMEOUT_S)

        self._start_test(work, f"Connecting to {conn.host}:{conn.port}…", self._tested)

    def _tested(self, outcome: Outcome) -> None:
        style = {Verdict.CONNECTED: OK_STYLE, Verdict.UNENCRYPTED: WARN_STYLE}
        self._show_result(outcome.text(), style.get(outcome.verdict, BAD_STYLE))
