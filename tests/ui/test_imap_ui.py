"""Replies over IMAP in the window, driven like a user against the real Dovecot
(tests/imap_server.py): the mailbox dialog and its password, Test connection, Sync mail now
bringing a reply onto the timeline, Cancel, closing mid-sync, and the background schedule."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from talentdesk.core import settings
from talentdesk.core.mail.account import MAIL_ACCOUNT, MailAccount, Security
from talentdesk.core.mail.credentials import SERVICE
from talentdesk.core.mail.imap.account import ImapAccount
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from talentdesk.ui.mail.imap_dialog import ImapDialog
from talentdesk.ui.main_window import MainWindow
from tests.conftest import TravelClock
from tests.core.test_imap_sync import ME, mail
from tests.core.test_mail_credentials import MemoryKeyring, trust_memory_keyring
from tests.imap_fixtures import ImapMailbox
from tests.mail_server import free_port
from tests.ui.conftest import outside_the_window

WAIT_MS = 20_000


@pytest.fixture
def mail_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    """The OS keyring replaced by an in-memory double for the test."""
    trust_memory_keyring(monkeypatch)
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def _account(box: ImapMailbox) -> ImapAccount:
    return ImapAccount(
        host=box.host,
        port=box.tls_port,
        security=Security.TLS,
        username=box.user,
        ca_file=str(box.ca_file),
        own_addresses=(ME,),
    )


def _set_up(
    ws: Workspace, box: ImapMailbox, keys: MemoryKeyring, minutes: int = 0, password: str = ""
) -> ImapAccount:
    """The mailbox set up (as the dialog would), its password in the keyring."""
    account = _account(box)
    outside_the_window(lambda: ws.mail_sync.save_account(account, minutes))
    keys.entries[(SERVICE, account.keyring_user)] = password or box.password
    return account


def _fill(dialog: ImapDialog, box: ImapMailbox) -> None:
    dialog.host.setText(box.host)
    dialog.security.setCurrentIndex(dialog.security.findData("tls"))
    dialog.port.setValue(box.tls_port)
    dialog.username.setText(box.user)
    dialog.ca_file.setText(str(box.ca_file))


def _test_result(qtbot, dialog: ImapDialog) -> str:
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=WAIT_MS)
    return dialog.test_result.text()


def _files_containing(folder: Path, secret: str) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and secret.encode() in p.read_bytes()]


def test_the_mailbox_is_saved_and_its_password_lands_in_the_keyring_only(
    qtbot,
    window: MainWindow,
    ws: Workspace,
    paths: AppPaths,
    mail_keyring: MemoryKeyring,
    imap_server: ImapMailbox,
) -> None:
    # F9 before anything is set up opens the dialog.
    window.mail_ui.sync_action.trigger()
    [dialog] = window.findChildren(ImapDialog)
    assert dialog.port.value() == 993 and dialog.interval.value() == 5  # the defaults
    assert "MemoryKeyring" in dialog.password_note.text()
    assert dialog.auto_folders.isChecked() and not dialog.folder_list.isEnabled()
    _fill(dialog, imap_server)
    dialog.security.setCurrentIndex(dialog.security.findData("plain"))
    assert "only to a mail server on this computer" in dialog.security_note.text()
    dialog.security.setCurrentIndex(dialog.security.findData("tls"))
    dialog.password.setText(imap_server.password)
    dialog.interval.setValue(10)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):  # once the account is stored
        dialog.save_button.click()

    saved = ws.mail_sync.account()
    assert saved is not None
    assert (saved.host, saved.port, saved.username) == (
        imap_server.host,
        imap_server.tls_port,
        imap_server.user,
    )
    assert saved.security is Security.TLS and saved.folders == ()
    assert ws.mail_sync.interval_minutes() == 10
    assert mail_keyring.entries == {(SERVICE, saved.keyring_user): imap_server.password}
    window.settings.sync()
    assert _files_containing(paths.data_dir, imap_server.password) == []

    again = window.mail_ui.open_imap()
    assert again.password.text() == ""  # never shown back
    assert "stored" in again.password.placeholderText()
    assert again.host.text() == imap_server.host and again.interval.value() == 10
    again.reject()


def test_the_sending_accounts_password_serves_when_server_and_user_match(
    qtbot, window: MainWindow, ws: Workspace, mail_keyring: MemoryKeyring, imap_server: ImapMailbox
) -> None:
    smtp = MailAccount(
        imap_server.host, 2525, Security.STARTTLS, imap_server.user, "me@example.com"
    )
    outside_the_window(lambda: settings.AppSettings(ws.db.sessions).set(MAIL_ACCOUNT, smtp))
    mail_keyring.entries[(SERVICE, smtp.keyring_user)] = imap_server.password
    dialog = window.mail_ui.open_imap()
    _fill(dialog, imap_server)
    dialog.username.editingFinished.emit()
    assert "Same server and user as your sending account" in dialog.password_note.text()
    assert "stored" in dialog.password.placeholderText()
    assert _test_result(qtbot, dialog).startswith("Success"), dialog.test_result.text()
    dialog.reject()


def test_test_connection_reports_success_a_wrong_password_and_an_untrusted_certificate(
    qtbot, window: MainWindow, ws: Workspace, mail_keyring: MemoryKeyring, imap_server: ImapMailbox
) -> None:
    imap_server.deliver(mail(TravelClock(), 1, "anna@example.com"))
    dialog = window.mail_ui.open_imap()
    _fill(dialog, imap_server)
    assert _test_result(qtbot, dialog) == "Type the password first."

    dialog.password.setText(imap_server.password)
    result = _test_result(qtbot, dialog)
    assert result.startswith(f"Success: logged in to {imap_server.host}:{imap_server.tls_port}")
    assert "will read INBOX (1 message(s))" in result and "sent mail is read from Sent" in result
    # The server's folders to choose from, INBOX and Sent ticked; Sent found by its flag.
    names = [dialog.folder_list.item(i).text() for i in range(dialog.folder_list.count())]
    assert {"INBOX", "Sent", "Drafts"} <= set(names)
    assert set(dialog.ticked_folders()) == {"INBOX", "Sent"}

    dialog.password.setText("not the password")
    assert _test_result(qtbot, dialog).startswith("Authentication rejected")
    dialog.password.setText(imap_server.password)
    dialog.ca_file.clear()
    assert _test_result(qtbot, dialog).startswith("TLS certificate not trusted")
    dialog.ca_file.setText(str(imap_server.ca_file))
    dialog.port.setValue(free_port())
    assert _test_result(qtbot, dialog).startswith("Connection refused")

    # Chosen folders are kept: only INBOX.
    dialog.port.setValue(imap_server.tls_port)
    dialog.auto_folders.setChecked(False)
    dialog.folder_list.findItems("Sent", Qt.MatchFlag.MatchExactly)[0].setCheckState(
        Qt.CheckState.Unchecked
    )
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        dialog.save_button.click()
    saved = ws.mail_sync.account()
    assert saved is not None and saved.folders == ("INBOX",)


def test_sync_now_brings_a_reply_onto_the_candidates_timeline(
    qtbot,
    open_window: Callable[[], MainWindow],
    add_candidate: Callable[..., int],
    ws: Workspace,
    clock: TravelClock,
    mail_keyring: MemoryKeyring,
    imap_server: ImapMailbox,
) -> None:
    anna = add_candidate("Anna", "Kowalska", email="anna@example.com")
    _set_up(ws, imap_server, mail_keyring)
    imap_server.deliver(mail(clock, 1, "Anna <anna@example.com>", subject="Re: Java role"))
    imap_server.deliver(mail(clock, 2, "stranger@else.test", subject="Newsletter"))
    window = open_window()
    window.open_candidate(anna)
    runner = window.mail_ui.sync_runner

    with qtbot.waitSignal(runner.finished, timeout=WAIT_MS) as outcome:
        window.mail_ui.sync_action.trigger()
        assert runner.running
    assert outcome.args == ["Mail synced: 1 reply from candidates."]
    assert window.statusBar().currentMessage() == "Mail synced: 1 reply from candidates."
    timeline = window.candidate_pane.timeline
    qtbot.waitUntil(lambda: timeline.count() > 0 and "E-mail received" in timeline.item(0).text())
    assert "Re: Java role" in timeline.item(0).text()
    assert runner.progress is None  # the bar is gone

    with qtbot.waitSignal(runner.finished, timeout=WAIT_MS) as again:
        window.mail_ui.sync_action.trigger()
    assert again.args == ["Mail synced: nothing new from candidates."]
    assert [e.subject for e in ws.interactions.timeline(anna)] == ["Re: Java role"]


def test_cancel_keeps_what_was_read_and_the_next_sync_reads_the_rest_once(
    qtbot,
    open_window: Callable[[], MainWindow],
    add_candidate: Callable[..., int],
    ws: Workspace,
    mail_keyring: MemoryKeyring,
    imap_server: ImapMailbox,
) -> None:
    anna = add_candidate("Anna", "Kowalska", email="anna@example.com")
    _set_up(ws, imap_server, mail_keyring)
    imap_server.fill(1200, sender="anna@example.com")
    window = open_window()
    runner = window.mail_ui.sync_runner

    with qtbot.waitSignal(runner.finished, timeout=WAIT_MS) as outcome:
        first = runner.sync_now()
        assert first is not None and runner.progress is not None
        assert window.mail_ui.sync_action.isEnabled()
        window.mail_ui.sync_action.trigger()  # one sync at a time
        assert runner.job is first
        assert window.statusBar().currentMessage() == "Already reading your mailbox…"
        runner.progress.cancel_button.click()  # at once: before the first batch is read
        assert not runner.progress.cancel_button.isEnabled()
    assert str(outcome.args[0]).startswith("Mail sync cancelled; what was read so far is kept")
    assert QApplication.activeModalWidget() is None
    kept = len(ws.interactions.timeline(anna))
    assert kept < 1200

    with qtbot.waitSignal(runner.finished, timeout=WAIT_MS) as rest:
        runner.sync_now()
    assert str(rest.args[0]).startswith("Mail synced:")
    count = ws.reader.execute("SELECT count(*) FROM interaction WHERE candidate_id = ?", (anna,))
    assert count.fetchone() == (1200,)


def test_closing_the_window_cancels_a_running_sync(
    qtbot,
    open_window: Callable[[], MainWindow],
    add_candidate: Callable[..., int],
    ws: Workspace,
    mail_keyring: MemoryKeyring,
    imap_server: ImapMailbox,
) -> None:
    add_candidate("Anna", "Kowalska", email="anna@example.com")
    _set_up(ws, imap_server, mail_keyring, minutes=5)
    imap_server.fill(1200, sender="anna@example.com")
    window = open_window()
    runner = window.mail_ui.sync_runner
    runner.start(0)
    job = runner.sync_now()
    assert job is not None
    window.close()  # cancels, and waits for the batch being read
    assert not job.is_running() and job.cancel_requested
    assert not runner.timer.isActive() and not runner.started


def pause(qtbot, runner) -> None:
    """No background sync starts until the timer is started again; a running one ends."""
    runner.timer.stop()
    qtbot.waitUntil(lambda: not runner.running, timeout=WAIT_MS)
    runner.timer.stop()  # a sync that was running re-armed it as it ended


def test_the_background_sync_runs_every_interval_and_says_a_failure_once(
    qtbot,
    open_window: Callable[[], MainWindow],
    add_candidate: Callable[..., int],
    ws: Workspace,
    clock: TravelClock,
    mail_keyring: MemoryKeyring,
    imap_server: ImapMailbox,
) -> None:
    anna = add_candidate("Anna", "Kowalska", email="anna@example.com")
    account = _set_up(ws, imap_server, mail_keyring, minutes=1)
    window = open_window()
    runner = window.mail_ui.sync_runner
    runner.minute_ms = 50  # the schedule's minute, shortened: no real minutes waited

    with qtbot.waitSignal(runner.finished, timeout=WAIT_MS) as first:
        runner.start(0)  # never synced: due at once
    assert first.args == ["Mail synced: nothing new from candidates."]
    assert runner.timer.isActive() and runner.timer.interval() == 50  # one (short) minute

    # The timer may fire while the test waits (the event loop runs): it is paused, and a sync
    # it started already ends, before the mailbox or the password changes.
    pause(qtbot, runner)
    imap_server.deliver(mail(clock, 1, "anna@example.com", subject="Re: your call"))
    with qtbot.waitSignal(runner.finished, timeout=WAIT_MS) as second:
        runner.timer.start()  # fires by itself, a (short) minute later
    assert second.args == ["Mail synced: 1 reply from candidates."]
    assert [e.subject for e in ws.interactions.timeline(anna)] == ["Re: your call"]

    # A wrong password: said once in the status bar, never in a message box.
    pause(qtbot, runner)
    mail_keyring.entries[(SERVICE, account.keyring_user)] = "an old password"
    with qtbot.waitSignal(runner.finished, timeout=WAIT_MS) as failed:
        runner.timer.start()
    assert str(failed.args[0]).startswith("Mail sync failed: Authentication rejected")
    assert window.statusBar().currentMessage() == failed.args[0]
    window.statusBar().clearMessage()
    with qtbot.waitSignal(runner.finished, timeout=WAIT_MS) as repeated:
        pass
    assert repeated.args == failed.args
    assert window.statusBar().currentMessage() == ""  # not said again
    assert QApplication.activeModalWidget() is None

    # Turned off (here as `talentdesk mail imap --every 0` would): no more background syncs.
    outside_the_window(lambda: ws.mail_sync.save_account(account, 0))
    qtbot.waitUntil(lambda: runner.armed_for == (account, 0) and not runner.running)
    assert not runner.timer.isActive()


def test_sync_now_asks_for_a_missing_password_and_shows_a_rejected_one_in_a_box(
    qtbot,
    open_window: Callable[[], MainWindow],
    add_candidate: Callable[..., int],
    ws: Workspace,
    clock: TravelClock,
    mail_keyring: MemoryKeyring,
    imap_server: ImapMailbox,
) -> None:
    anna = add_candidate("Anna", "Kowalska", email="anna@example.com")
    account = _set_up(ws, imap_server, mail_keyring)
    del mail_keyring.entries[(SERVICE, account.keyring_user)]  # nothing stored yet
    imap_server.deliver(mail(clock, 1, "anna@example.com", subject="Re: Monday"))
    window = open_window()
    runner = window.mail_ui.sync_runner

    assert runner.sync_now() is None
    prompt = runner.password_prompt
    assert prompt is not None and prompt.isVisible()
    assert imap_server.user in prompt.labelText()
    with qtbot.waitSignal(runner.finished, timeout=WAIT_MS) as outcome:
        prompt.setTextValue(imap_server.password)
        prompt.accept()
    assert outcome.args == ["Mail synced: 1 reply from candidates."]
    assert mail_keyring.entries[(SERVICE, account.keyring_user)] == imap_server.password
    assert [e.subject for e in ws.interactions.timeline(anna)] == ["Re: Monday"]

    # Asked for, a failure is shown in a message box (the background only says it).
    mail_keyring.entries[(SERVICE, account.keyring_user)] = "an old password"
    with qtbot.waitSignal(runner.finished, timeout=WAIT_MS) as failed:
        window.mail_ui.sync_action.trigger()
    assert str(failed.args[0]).startswith("Mail sync failed: Authentication rejected")
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox) and box.windowTitle() == "Mail sync failed"
    assert "rejected the user name or password" in box.text()
    box.close()
