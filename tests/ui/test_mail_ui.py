"""E-mail in the window, driven like a user against the real aiosmtpd server: the account and
its password, the test message and templates (sending: test_mail_sending_ui.py)."""

from __future__ import annotations

from pathlib import Path

import keyring
from keyring.backends import fail
from keyrings.alt.file import PlaintextKeyring

from talentdesk.core import settings
from talentdesk.core.mail.account import MAIL_ACCOUNT, MailAccount
from talentdesk.core.mail.credentials import SERVICE
from talentdesk.core.mail.templates import Template
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from talentdesk.ui.mail.templates_dialog import TemplatesDialog
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.ops import all_idle
from tests.core.conftest import certificates, smtp_server  # noqa: F401 (fixtures)
from tests.core.test_mail_credentials import MemoryKeyring
from tests.mail_server import PASSWORD, USER, Certificates, MailServer, free_port
from tests.ui.mail_helpers import (
    _files_containing,
    _fill_account,
    _test_result,
    account,
    configured,
    mail_keyring,
)

__all__ = ["account", "configured", "mail_keyring"]  # the fixtures, used by name


def test_the_account_is_saved_and_the_password_lands_in_the_keyring_only(
    qtbot,
    window: MainWindow,
    ws: Workspace,
    paths: AppPaths,
    mail_keyring: MemoryKeyring,
    smtp_server: MailServer,  # noqa: F811
    certificates: Certificates,  # noqa: F811
) -> None:
    dialog = window.mail_ui.open_account()
    assert "MemoryKeyring" in dialog.keyring_note.text()
    assert dialog.port.value() == 587 and dialog.rate.value() == 20  # the defaults
    _fill_account(dialog, smtp_server, certificates.ca_file)
    dialog.security.setCurrentIndex(dialog.security.findData("plain"))
    assert "only to a mail server on this computer" in dialog.security_note.text()
    dialog.security.setCurrentIndex(dialog.security.findData("starttls"))
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted):  # once the account is stored
        dialog.save_button.click()

    saved = settings.AppSettings(ws.db.sessions).get(MAIL_ACCOUNT)
    assert saved is not None
    assert (saved.host, saved.port, saved.username) == ("127.0.0.1", smtp_server.port, USER)
    assert saved.signature == "Anna Żółkiewska\nTalent Partner" and saved.rate_per_minute == 0
    assert mail_keyring.entries == {(SERVICE, saved.keyring_user): PASSWORD}
    window.settings.sync()
    assert _files_containing(paths.data_dir, PASSWORD) == []
    assert _files_containing(paths.settings.parent, PASSWORD) == []

    again = window.mail_ui.open_account()
    assert again.password.text() == ""  # never shown back
    assert "stored" in again.password.placeholderText()
    assert again.host.text() == "127.0.0.1" and again.port.value() == smtp_server.port
    again.reject()


def test_without_a_keyring_the_dialog_says_the_password_is_asked_each_session(
    window: MainWindow,
) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        dialog = window.mail_ui.open_account()
    finally:
        keyring.set_keyring(previous)
    note = dialog.keyring_note.text()
    assert "No usable keyring" in note and "this session only" in note
    dialog.reject()


def test_a_plaintext_keyring_is_named_in_the_dialog_and_gets_no_password(
    qtbot,
    window: MainWindow,
    tmp_path: Path,
    smtp_server: MailServer,  # noqa: F811
    certificates: Certificates,  # noqa: F811
) -> None:
    plaintext = PlaintextKeyring()  # keyrings.alt's file under XDG_DATA_HOME (the test's)
    previous = keyring.get_keyring()
    keyring.set_keyring(plaintext)
    try:
        dialog = window.mail_ui.open_account()
    finally:
        keyring.set_keyring(previous)
    note = dialog.keyring_note.text()
    assert "No usable keyring" in note and "PlaintextKeyring" in note
    assert "not protected by the operating system" in note and "this session only" in note
    _fill_account(dialog, smtp_server, certificates.ca_file)
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted):  # once the account is stored
        dialog.save_button.click()
    assert not Path(plaintext.file_path).exists()
    assert _files_containing(tmp_path, PASSWORD) == []


def test_the_test_message_reports_success_a_wrong_password_and_a_refused_connection(
    qtbot,
    window: MainWindow,
    configured: MailAccount,
    smtp_server: MailServer,  # noqa: F811
) -> None:
    dialog = window.mail_ui.open_account()
    result = _test_result(qtbot, dialog)  # the stored password, from the keyring
    assert result.startswith("Success"), result
    [message] = smtp_server.mailbox.messages()
    assert message["To"] == "Anna Żółkiewska <anna.recruiter@example.com>"
    assert message["Subject"] == "TalentDesk test message"

    dialog.password.setText("not the password")
    assert _test_result(qtbot, dialog).startswith("Authentication rejected")
    dialog.password.setText(PASSWORD)
    dialog.port.setValue(free_port())
    assert _test_result(qtbot, dialog).startswith("Connection refused")
    assert len(smtp_server.mailbox.messages()) == 1
    dialog.reject()


def test_a_malformed_template_is_caught_and_a_good_one_saved(
    qtbot, window: MainWindow, ws: Workspace, configured: MailAccount
) -> None:
    dialog: TemplatesDialog = window.mail_ui.open_templates()
    names = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert "Check-in (starter)" in names and "Re-consent request (starter)" in names
    dialog.new_template()
    dialog.name.setText("Coffee")
    dialog.subject.setText("Coffee, {{ first_name }}?")
    dialog.body.setPlainText("Hi {{ first_name ")
    assert "Body: line 1" in dialog.problem.text()
    assert not dialog.save_button.isEnabled()
    dialog.body.setPlainText("Hi ,\n\nCoffee next week?")
    dialog.body.setFocus()
    cursor = dialog.body.textCursor()
    cursor.setPosition(3)
    dialog.body.setTextCursor(cursor)
    dialog.inserter.insert(dialog.fields.item(0))  # {{ first_name }}
    assert dialog.body.toPlainText() == "Hi {{ first_name }},\n\nCoffee next week?"
    assert dialog.problem.text() == ""
    dialog.save_button.click()
    qtbot.waitUntil(all_idle)
    assert dialog.list.currentItem().text() == "Coffee"
    from talentdesk.core.mail.outbox import TemplateLibrary

    assert TemplateLibrary(ws.db.sessions).get("Coffee") == Template(
        "Coffee", "Coffee, {{ first_name }}?", "Hi {{ first_name }},\n\nCoffee next week?"
    )
    dialog.reject()


def test_the_keyring_note_is_not_clipped_when_errors_show(qtbot, window: MainWindow) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # the longest note: no usable keyring
    try:
        dialog = window.mail_ui.open_account()
    finally:
        keyring.set_keyring(previous)
    qtbot.waitExposed(dialog)
    dialog.sender_address.setText("not an address")
    dialog.reply_to.setText("nor this")
    dialog.rate.setValue(0)
    dialog.save_button.click()  # the errors show under the form
    qtbot.waitUntil(dialog.errors.isVisible)

    def whole(label) -> bool:
        return label.height() >= label.heightForWidth(label.width())

    qtbot.waitUntil(lambda: whole(dialog.errors))
    for label in (dialog.keyring_note, dialog.security_note, dialog.errors):
        assert whole(label), label.objectName()
    dialog.reject()
