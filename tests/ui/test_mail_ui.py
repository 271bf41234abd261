"""E-mail in the window, driven like a user against the real aiosmtpd server: the account and
its password, the test message, templates, composing with a preview, the outbox sending with
pause and cancel, messages of unknown fate, and logging replies."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from keyrings.alt.file import PlaintextKeyring
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from sqlalchemy import text

from talentdesk.core import settings
from talentdesk.core.db.enums import InteractionKind, OutboxStatus
from talentdesk.core.mail.account import MAIL_ACCOUNT, MailAccount
from talentdesk.core.mail.credentials import SERVICE
from talentdesk.core.mail.outbox import Outbox
from talentdesk.core.mail.templates import Template
from talentdesk.core.metrics import Filters
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from talentdesk.ui.mail.account_dialog import AccountDialog
from talentdesk.ui.mail.compose_dialog import ComposeDialog
from talentdesk.ui.mail.reply_dialog import ReplyDialog
from talentdesk.ui.mail.templates_dialog import TemplatesDialog
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.ops import all_idle
from tests.conftest import session_outside
from tests.core.conftest import account_for, certificates, smtp_server  # noqa: F401 (fixtures)
from tests.core.test_mail_credentials import MemoryKeyring, trust_memory_keyring
from tests.mail_server import PASSWORD, USER, Certificates, MailServer, free_port
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


def _test_result(qtbot, dialog: AccountDialog) -> str:
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=SEND_TIMEOUT_MS)
    return dialog.test_result.text()


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


def test_compose_preview_skip_queue_and_send(
    qtbot,
    open_window: Callable[[], MainWindow],
    add_candidate: Callable[..., int],
    ws: Workspace,
    configured: MailAccount,
    smtp_server: MailServer,  # noqa: F811
) -> None:
    anna = add_candidate("Anna", "Kowalska", email="anna@example.com", company="Acme")
    bob = add_candidate("Bob", "Nowak")  # no e-mail address
    celina = add_candidate("Celina", "Wójcik", email="celina@example.com", company="Łódź Soft")
    window = open_window()
    dialog = _compose(qtbot, window, [anna, bob, celina])
    assert dialog.windowTitle() == "E-mail 3 candidates"
    dialog.choose_template("Check-in")

    assert [dialog.skipped.item(i).text() for i in range(dialog.skipped.count())] == [
        "Bob Nowak — no e-mail address"
    ]
    assert dialog.skipped_box.title() == "Will be skipped (1)"
    assert dialog.recipient.text() == "1 of 2: Anna Kowalska"
    preview = dialog.preview.toPlainText()
    assert "To: Anna Kowalska <anna@example.com>" in preview
    assert "Subject: Catching up, Anna" in preview
    assert "How are things going at Acme?" in preview
    assert preview.endswith("Best regards,\nAnna Żółkiewska\n")  # {{ recruiter.name }}
    assert not dialog.previous_button.isEnabled()
    dialog.next_button.click()
    assert dialog.recipient.text() == "2 of 2: Celina Wójcik"
    preview = dialog.preview.toPlainText()
    assert "Subject: Catching up, Celina" in preview and "going at Łódź Soft?" in preview
    assert not dialog.next_button.isEnabled()

    dialog.send_button.click()
    # Once the messages are queued:
    qtbot.waitUntil(lambda: window.mail_ui.outbox_window is not None)
    outbox = window.mail_ui.outbox_window
    assert outbox is not None and outbox.isVisible()
    qtbot.waitUntil(lambda: len(smtp_server.mailbox.messages()) == 2, timeout=SEND_TIMEOUT_MS)
    qtbot.waitUntil(lambda: outbox.job is None, timeout=SEND_TIMEOUT_MS)
    assert outbox.status.text() == "Sent 2, failed 0."
    assert outbox.progress.text() == "2 of 2"  # not "1 of 1"
    received = {m["To"]: m for m in smtp_server.mailbox.messages()}
    assert set(received) == {
        "Anna Kowalska <anna@example.com>",
        "Celina Wójcik <celina@example.com>",
    }
    celina_got = received["Celina Wójcik <celina@example.com>"]
    assert celina_got["Subject"] == "Catching up, Celina"
    assert "How are things going at Łódź Soft?" in celina_got.get_content()
    assert celina_got["From"] == "Anna Żółkiewska <anna.recruiter@example.com>"
    assert all(
        r.rcpt_tos in (["anna@example.com"], ["celina@example.com"])
        for r in smtp_server.mailbox.received
    )
    statuses = [outbox.table.item(r, 2).text() for r in range(outbox.table.rowCount())]
    assert statuses == ["sent", "sent"]

    window.open_candidate(anna)
    timeline = window.candidate_pane.timeline
    assert timeline.item(0).text().startswith("E-mail sent")
    assert "Catching up, Anna" in timeline.item(0).text()
    kinds = [e.kind for e in ws.interactions.timeline(bob)]
    assert kinds == []
    # The messages remember the template they were written from (reply rate by template).
    by_template = ws.metrics.figure("replies", Filters()).table("by_template")
    assert [(r.key, r.values["sent"]) for r in by_template.rows] == [("Check-in", 2)]


def _queue(ws: Workspace, account: MailAccount, ids: list[int]) -> Outbox:
    outbox = Outbox(ws.db.sessions, ws.clock)
    plan = outbox.plan(Template("t", "Hello {{ first_name }}", "Hi {{ first_name }}"), ids, account)
    outside_the_window(lambda: outbox.queue(plan))
    return outbox


def _died_while_sending(ws: Workspace) -> None:
    """The database as a run leaves it that died while handing every queued message over."""
    with session_outside(ws.paths.database) as session:
        session.execute(text("UPDATE outbox_message SET status = 'sending', attempts = 1"))


def test_pause_and_cancel_leave_the_rest_queued_and_nothing_twice(
    qtbot,
    open_window: Callable[[], MainWindow],
    add_candidate: Callable[..., int],
    ws: Workspace,
    configured: MailAccount,
    smtp_server: MailServer,  # noqa: F811
) -> None:
    ids = [add_candidate(f"P{i}", "Person", email=f"p{i}@example.com") for i in range(5)]
    window = open_window()
    core = _queue(ws, configured, ids)  # queued while the window is open: sent on request
    smtp_server.mailbox.delay = 0.2  # a slow server: each message takes a while
    outbox = window.mail_ui.open_outbox()
    outbox.send_button.click()
    qtbot.waitUntil(lambda: len(smtp_server.mailbox.messages()) >= 1, timeout=SEND_TIMEOUT_MS)
    outbox.pause_button.click()
    assert outbox.pause_button.text() == "Resume"
    assert outbox.status.text().startswith("Paused")
    paused_at = len(smtp_server.mailbox.messages())
    sender = outbox.running_sender
    assert sender is not None
    # Paused: the message being handed over finishes, then the sender holds between messages.
    qtbot.waitUntil(lambda: sender.holding, timeout=SEND_TIMEOUT_MS)
    held = len(smtp_server.mailbox.messages())
    assert held <= paused_at + 1
    qtbot.waitUntil(lambda: outbox.progress.text() == f"{held} of 5")
    assert sender.holding and len(smtp_server.mailbox.messages()) == held

    outbox.pause_button.click()  # resume
    qtbot.waitUntil(lambda: len(smtp_server.mailbox.messages()) > held, timeout=SEND_TIMEOUT_MS)
    outbox.cancel_button.click()
    qtbot.waitUntil(lambda: outbox.job is None, timeout=SEND_TIMEOUT_MS)
    assert outbox.status.text().startswith("Cancelled.")
    delivered = len(smtp_server.mailbox.messages())
    counts = core.counts()
    assert counts[OutboxStatus.SENT] == delivered < 5
    assert counts[OutboxStatus.QUEUED] == 5 - delivered
    assert counts[OutboxStatus.SENDING] == counts[OutboxStatus.UNKNOWN] == 0

    smtp_server.mailbox.delay = 0
    outbox.send_button.click()
    qtbot.waitUntil(lambda: outbox.job is None, timeout=SEND_TIMEOUT_MS)
    addresses = sorted(r.rcpt_tos[0] for r in smtp_server.mailbox.received)
    assert addresses == sorted(f"p{i}@example.com" for i in range(5))  # each exactly once


def test_messages_of_unknown_fate_are_shown_at_start_for_the_user_to_decide(
    qtbot,
    paths: AppPaths,
    add_candidate: Callable[..., int],
    ws: Workspace,
    configured: MailAccount,
    smtp_server: MailServer,  # noqa: F811
) -> None:
    anna = add_candidate("Anna", "Kowalska", email="anna@example.com")
    bob = add_candidate("Bob", "Nowak", email="bob@example.com")
    core = _queue(ws, configured, [anna, bob])
    _died_while_sending(ws)

    window = MainWindow(ws, paths.settings)  # the outbox window, not this one, comes up active
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.mail_ui.outbox_window is not None, timeout=SEND_TIMEOUT_MS)
    outbox = window.mail_ui.outbox_window
    assert outbox is not None
    qtbot.waitExposed(outbox)
    qtbot.waitUntil(outbox.unknown_banner.isVisible)  # once the window has looked
    assert "2 messages may or may not have been delivered" in outbox.unknown_banner.text()
    rows = {
        outbox.table.item(r, 0).text(): outbox.table.item(r, 0).data(Qt.ItemDataRole.UserRole)
        for r in range(outbox.table.rowCount())
    }
    assert {e.status for e in rows.values()} == {OutboxStatus.UNKNOWN}

    outbox.select_message(rows["Anna Kowalska <anna@example.com>"].id)
    assert outbox.mark_sent_button.isEnabled() and outbox.send_again_button.isEnabled()
    assert outbox.discard_button.isEnabled() and not outbox.reply_button.isEnabled()
    outbox.mark_sent_button.click()
    qtbot.waitUntil(all_idle)
    assert [e.kind for e in ws.interactions.timeline(anna)] == [InteractionKind.EMAIL_OUT]

    outbox.select_message(rows["Bob Nowak <bob@example.com>"].id)
    outbox.send_again_button.click()  # queued again, and sent
    qtbot.waitUntil(all_idle)
    qtbot.waitUntil(lambda: outbox.job is None, timeout=SEND_TIMEOUT_MS)
    assert [r.rcpt_tos for r in smtp_server.mailbox.received] == [["bob@example.com"]]
    assert core.counts()[OutboxStatus.SENT] == 2
    assert not outbox.unknown_banner.isVisible()


def test_a_rejected_password_stops_sending_and_asks_for_it(
    qtbot,
    open_window: Callable[[], MainWindow],
    add_candidate: Callable[..., int],
    ws: Workspace,
    configured: MailAccount,
    mail_keyring: MemoryKeyring,
    smtp_server: MailServer,  # noqa: F811
) -> None:
    anna = add_candidate("Anna", "Kowalska", email="anna@example.com")
    mail_keyring.entries[(SERVICE, configured.keyring_user)] = "an old password"
    window = open_window()
    core = _queue(ws, configured, [anna])
    outbox = window.mail_ui.open_outbox()
    outbox.send_button.click()
    qtbot.waitUntil(lambda: outbox.password_prompt is not None, timeout=SEND_TIMEOUT_MS)
    assert "Authentication rejected" in outbox.status.text()
    assert core.counts()[OutboxStatus.QUEUED] == 1
    prompt = outbox.password_prompt
    assert prompt is not None and "rejected the password" in prompt.labelText()
    prompt.setTextValue(PASSWORD)
    prompt.accept()
    qtbot.waitUntil(lambda: len(smtp_server.mailbox.messages()) == 1, timeout=SEND_TIMEOUT_MS)
    qtbot.waitUntil(lambda: outbox.job is None, timeout=SEND_TIMEOUT_MS)
    assert mail_keyring.entries[(SERVICE, configured.keyring_user)] == PASSWORD


def test_log_reply_on_a_candidate_and_on_a_sent_message(
    qtbot,
    modal,
    open_window: Callable[[], MainWindow],
    add_candidate: Callable[..., int],
    ws: Workspace,
    configured: MailAccount,
) -> None:
    anna = add_candidate("Anna", "Kowalska", email="anna@example.com")
    core = _queue(ws, configured, [anna])
    [message] = core.entries()
    _died_while_sending(ws)
    core.recover()
    core.mark_sent(message.id)  # found in the Sent folder
    window = open_window()
    window.open_candidate(anna)
    window.candidate_pane.email_button.click()
    [compose] = window.findChildren(ComposeDialog)
    assert compose.windowTitle() == "E-mail 1 candidate"
    compose.reject()

    def reply(dialog: QWidget) -> None:
        assert isinstance(dialog, ReplyDialog)
        dialog.subject.setText("Re: Hello Anna")
        dialog.body.setPlainText("Happy to talk on Friday.")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()

    modal.run(window.candidate_pane.log_reply_button.click, reply)
    timeline = ws.interactions.timeline(anna)
    assert timeline[0].kind is InteractionKind.EMAIL_IN
    assert (timeline[0].subject, timeline[0].body) == ("Re: Hello Anna", "Happy to talk on Friday.")
    assert window.candidate_pane.timeline.item(0).text().startswith("E-mail received")

    outbox = window.mail_ui.open_outbox()
    outbox.select_message(message.id)
    assert outbox.reply_button.isEnabled()

    def reply_to_message(dialog: QWidget) -> None:
        assert isinstance(dialog, ReplyDialog)
        assert dialog.subject.text() == "Re: Hello Anna"
        dialog.accept()

    modal.run(outbox.reply_button.click, reply_to_message)
    kinds = [e.kind for e in ws.interactions.timeline(anna)]
    assert kinds.count(InteractionKind.EMAIL_IN) == 2
    assert QApplication.activeModalWidget() is None


def test_the_outbox_resumes_at_start_with_what_is_still_queued(
    qtbot,
    paths: AppPaths,
    add_candidate: Callable[..., int],
    ws: Workspace,
    configured: MailAccount,
    smtp_server: MailServer,  # noqa: F811
) -> None:
    anna = add_candidate("Anna", "Kowalska", email="anna@example.com")
    bob = add_candidate("Bob", "Nowak", email="bob@example.com")
    core = _queue(ws, configured, [anna, bob])  # queued, then the app was closed

    window = MainWindow(ws, paths.settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: core.counts()[OutboxStatus.SENT] == 2, timeout=SEND_TIMEOUT_MS)
    received = sorted(r.rcpt_tos[0] for r in smtp_server.mailbox.received)
    assert received == ["anna@example.com", "bob@example.com"]
    assert window.mail_ui.outbox_window is not None and window.mail_ui.outbox_window.isVisible()
    qtbot.waitUntil(lambda: window.mail_ui.outbox_window.job is None, timeout=SEND_TIMEOUT_MS)


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
