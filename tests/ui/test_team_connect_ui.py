"""File ▸ Connect to team database… driven like a user: the fields, the unencrypted warning, the
test's outcome in the dialog (a closed port, and the real PostgreSQL test server), Save keeping
the password in the keyring only, and File ▸ Use the local database going back."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from talentdesk.core.mail.credentials import SERVICE, Credentials
from talentdesk.core.team.connection import TeamConnection, TlsMode
from talentdesk.core.team.remembered import remembered, remembered_file
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.team.connect_dialog import NEXT_START, TeamConnectDialog
from tests.core.test_mail_credentials import MemoryKeyring, trust_memory_keyring
from tests.mail_server import free_port
from tests.pg_server import PASSWORD, SUPERUSER, PostgresServer

WAIT_MS = 20_000


@pytest.fixture
def team_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    """The OS keyring replaced by an in-memory double for the test."""
    trust_memory_keyring(monkeypatch)
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def dialog(qtbot, team_keyring: MemoryKeyring) -> TeamConnectDialog:
    d = TeamConnectDialog(Credentials())
    qtbot.addWidget(d)
    d.show()
    return d


def _fill(d: TeamConnectDialog, host: str, port: int, database: str, tls: TlsMode) -> None:
    d.host.setText(host)
    d.port.setValue(port)
    d.database.setText(database)
    d.username.setText(SUPERUSER)
    d.tls.setCurrentIndex(d.tls.findData(tls.value))


def _tested(qtbot, d: TeamConnectDialog) -> str:
    d.test_button.click()
    qtbot.waitUntil(lambda: d.job is None, timeout=WAIT_MS)
    return d.test_result.text()


def test_the_fields_and_the_unencrypted_warning(dialog: TeamConnectDialog) -> None:
    assert dialog.port.value() == 5432
    assert dialog.tls.currentData() == "verify-full" and dialog.ca_file.isEnabled()
    assert dialog.tls_note.text().startswith("Encrypted; the server's certificate is checked")
    assert "system keyring" in dialog.password_note.text()
    assert dialog.next_start.text() == NEXT_START
    dialog.tls.setCurrentIndex(dialog.tls.findData("disable"))
    assert dialog.tls_note.text().startswith(
        "Unencrypted: names, notes and e-mails cross the network readable"
    )
    assert not dialog.ca_file.isEnabled() and dialog.unencrypted


def test_missing_fields_are_named(qtbot, dialog: TeamConnectDialog) -> None:
    dialog.test_button.click()
    assert dialog.errors.isVisible()
    assert dialog.errors.text() == (
        "Server: name the database server\nDatabase: name the database on the server\n"
        "User name: the database user name you were given"
    )
    assert dialog.job is None


def test_a_closed_port_is_reported_as_not_reachable(qtbot, dialog: TeamConnectDialog) -> None:
    port = free_port()
    _fill(dialog, "127.0.0.1", port, "talent", TlsMode.DISABLE)
    dialog.password.setText("whatever")
    assert _tested(qtbot, dialog).startswith(
        f"Server not reachable: nothing answered at 127.0.0.1:{port} (Connection refused)."
    )
    assert dialog.test_button.isEnabled() and dialog.save_button.isEnabled()


def test_the_real_server_connected_unencrypted_then_a_wrong_password(
    qtbot, dialog: TeamConnectDialog, postgres: PostgresServer, pg_url: str
) -> None:
    database = pg_url.rsplit("/", 1)[1]
    _fill(dialog, postgres.host, postgres.port, database, TlsMode.DISABLE)
    dialog.password.setText(PASSWORD)
    text = _tested(qtbot, dialog)
    assert text.startswith("Connected, unencrypted: PostgreSQL ")
    assert "The database is empty: TalentDesk sets it up when it first opens it." in text
    assert "#92400e" in dialog.test_result.styleSheet()  # a warning, not a success
    dialog.password.setText("not the password")
    assert _tested(qtbot, dialog).startswith(
        f"Wrong user or password: the server refused user {SUPERUSER} with this password."
    )
    dialog.tls.setCurrentIndex(dialog.tls.findData("require"))
    dialog.password.setText(PASSWORD)
    assert _tested(qtbot, dialog).startswith("The server does not offer encryption")


def test_save_then_use_the_local_database_again(
    qtbot, window: MainWindow, team_keyring: MemoryKeyring
) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    assert window.team_ui.connect_action in file_menu.actions()
    assert not window.team_ui.local_action.isVisible()
    assert window.windowTitle() == "TalentDesk — local database"
    assert window.team_ui.database_label.text() == "Local database"

    window.team_ui.connect_action.trigger()
    d = window.findChild(TeamConnectDialog)
    assert isinstance(d, TeamConnectDialog)
    qtbot.waitUntil(d.isVisible)
    _fill(d, "db.example.com", 5432, "talent", TlsMode.VERIFY_FULL)
    d.password.setText("team secret 7")
    d.save_button.click()
    qtbot.waitUntil(lambda: not d.isVisible())

    conn = TeamConnection("db.example.com", "talent", SUPERUSER)
    assert remembered() == conn
    assert "team secret" not in remembered_file().read_text()
    assert team_keyring.entries == {(SERVICE, conn.keyring_user): "team secret 7"}
    assert window.windowTitle() == "TalentDesk — local database"  # until the next start
    assert window.team_ui.database_label.text() == (
        "Local database · team database saved: postgres@db.example.com/talent"
        " (opens at the next start)"
    )
    assert window.statusBar().currentMessage() == (
        "Saved the team database postgres@db.example.com/talent: restart TalentDesk to open it."
    )
    assert window.team_ui.local_action.isVisible()

    # Opened again, it shows what is remembered, and that a password is stored (not which).
    again = window.team_ui.open_connect()
    qtbot.waitUntil(again.isVisible)
    assert again.host.text() == "db.example.com" and again.password.text() == ""
    assert again.password.placeholderText() == "stored — type to replace it"
    again.reject()

    window.team_ui.local_action.trigger()
    assert remembered() is None and team_keyring.entries == {}
    assert window.team_ui.database_label.text() == "Local database"
    assert not window.team_ui.local_action.isVisible()
    assert window.statusBar().currentMessage() == "Forgot the team database and its password."


def test_a_pasted_address_fills_in_the_fields(qtbot, dialog: TeamConnectDialog) -> None:
    dialog.address.setText("postgresql://ann:s%40fe@db.example.com:6543/talent?sslmode=disable")
    qtbot.keyClick(dialog.address, Qt.Key.Key_Return)
    assert (dialog.host.text(), dialog.port.value()) == ("db.example.com", 6543)
    assert (dialog.database.text(), dialog.username.text()) == ("talent", "ann")
    assert dialog.password.text() == "s@fe" and dialog.address.text() == ""
    assert dialog.tls.currentData() == "disable" and dialog.unencrypted
    dialog.address.setText("mysql://ann@db/talent")
    qtbot.keyClick(dialog.address, Qt.Key.Key_Return)
    assert dialog.errors.text().startswith("Address: not a PostgreSQL database address.")
