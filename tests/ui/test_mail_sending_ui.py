"""Sending e-mail from the window, driven like a user against the real aiosmtpd server: composing
with a preview, the outbox sending with pause and cancel, messages of unknown fate, a rejected
password, resuming at start, and logging replies."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

from talentdesk.core.db.enums import InteractionKind, OutboxStatus
from talentdesk.core.mail.account import MailAccount
from talentdesk.core.mail.credentials import SERVICE
from talentdesk.core.metrics import Filters
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from talentdesk.ui.mail.compose_dialog import ComposeDialog
from talentdesk.ui.mail.reply_dialog import ReplyDialog
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.ops import all_idle
from tests.core.conftest import certificates, smtp_server  # noqa: F401 (fixtures)
from tests.core.test_mail_credentials import MemoryKeyring
from tests.mail_server import PASSWORD, MailServer
from tests.ui.mail_helpers import (
    SEND_TIMEOUT_MS,
    _compose,
    _died_while_sending,
    _queue,
    account,
    configured,
    mail_keyring,
)

__all__ = ["account", "configured", "mail_keyring"]  # the fixtures, used by name


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
