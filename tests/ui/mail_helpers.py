"""What the e-mail UI tests share: the keyring double, the account on the real aiosmtpd test
server (set up, its password stored), and ways to fill the account dialog, open Compose and
queue messages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from sqlalchemy import text

from talentdesk.core import settings
from talentdesk.core.mail.account import MAIL_ACCOUNT, MailAccount
from talentdesk.core.mail.credentials import SERVICE
from talentdesk.core.mail.outbox import Outbox
from talentdesk.core.mail.templates import Template
from talentdesk.core.workspace import Workspace
from talentdesk.ui.mail.account_dialog import AccountDialog
from talentdesk.ui.mail.compose_dialog import ComposeDialog
from talentdesk.ui.main_window import MainWindow
from tests.conftest import session_outside
from tests.core.conftest import account_for, certificates, smtp_server  # noqa: F401 (fixtures)
from tests.core.test_mail_credentials import MemoryKeyring, trust_memory_keyring
from tests.mail_server import PASSWORD, USER, Certificates, MailServer
from tests.ui.conftest import outside_the_window

SEND_TIMEOUT_MS = 10_000


@pytest.fixture
def mail_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    """The OS keyring replaced by an in-memory double for the test."""
    trust_memory_keyring(monkeypatch)
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def account(smtp_server: MailServer, certificates: Certificates) -> MailAccount:  # noqa: F811
    return account_for(smtp_server, certificates.ca_file)


@pytest.fixture
def configured(ws: Workspace, account: MailAccount, mail_keyring: MemoryKeyring) -> MailAccount:
    """The account set up, its password in the keyring."""
    outside_the_window(lambda: settings.AppSettings(ws.db.sessions).set(MAIL_ACCOUNT, account))
    mail_keyring.entries[(SERVICE, account.keyring_user)] = PASSWORD
    return account


def _fill_account(dialog: AccountDialog, server: MailServer, ca_file: Path) -> None:
    dialog.host.setText("127.0.0.1")
    dialog.security.setCurrentIndex(dialog.security.findData("starttls"))
    dialog.port.setValue(server.port)
    dialog.username.setText(USER)
    dialog.sender_name.setText("Anna Żółkiewska")
    dialog.sender_address.setText("anna.recruiter@example.com")
    dialog.signature.setPlainText("Anna Żółkiewska\nTalent Partner")
    dialog.rate.setValue(0)
    dialog.ca_file.setText(str(ca_file))


def _files_containing(folder: Path, secret: str) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and secret.encode() in p.read_bytes()]


def _test_result(qtbot, dialog: AccountDialog) -> str:
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=SEND_TIMEOUT_MS)
    return dialog.test_result.text()


def _compose(qtbot, window: MainWindow, ids: list[int]) -> ComposeDialog:
    for candidate_id in ids:
        row = window.list_pane.model.row_of(candidate_id)
        assert row is not None
        window.list_pane.table.selectionModel().select(
            window.list_pane.model.index(row, 0),
            window.list_pane.table.selectionModel().SelectionFlag.Select
            | window.list_pane.table.selectionModel().SelectionFlag.Rows,
        )
    window.mail_ui.email_action.trigger()
    dialogs = window.findChildren(ComposeDialog)
    assert len(dialogs) == 1
    qtbot.waitExposed(dialogs[0])
    return dialogs[0]


def _queue(ws: Workspace, account: MailAccount, ids: list[int]) -> Outbox:
    outbox = Outbox(ws.db.sessions, ws.clock)
    plan = outbox.plan(Template("t", "Hello {{ first_name }}", "Hi {{ first_name }}"), ids, account)
    outside_the_window(lambda: outbox.queue(plan))
    return outbox


def _died_while_sending(ws: Workspace) -> None:
    """The database as a run leaves it that died while handing every queued message over."""
    with session_outside(ws.paths.database) as session:
        session.execute(text("UPDATE outbox_message SET status = 'sending', attempts = 1"))
