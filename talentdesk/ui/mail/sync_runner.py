"""Reading replies from the mailbox while the window runs: every N minutes (the IMAP account's
interval) and on demand (E-mail → Sync mail now, F9).

One sync at a time, off the GUI thread as a Job, with progress and Cancel in the status bar.
The core saves each batch as an operation on the write path, so the panes refresh from the
Changes those report (the timeline shows the new "E-mail received") while the sync goes on.

A background sync that fails says so once, in the status bar (again only after a success or
another failure): never a message box every few minutes. One asked for shows a message box.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit, QProgressBar, QPushButton, QStatusBar

from talentdesk.core.mail.imap.account import ImapAccount
from talentdesk.core.mail.imap.sync import SyncProgress, SyncSummary
from talentdesk.core.mail.smtp import MailError
from talentdesk.core.ops.changes import Changes
from talentdesk.ui.errors import show_error
from talentdesk.ui.jobs import Cancelled, Job, Progress
from talentdesk.ui.mail.services import MailServices, describe_failure

if TYPE_CHECKING:
    from talentdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)
MINUTE_MS = 60_000
FIRST_SYNC_MS = 30_000  # after start: the window's own loading comes first
CHANGED_SYNC_MS = 2_000  # a changed account: its password is stored once it is saved
PROGRESS_DELAY_MS = 400  # a quick sync shows no bar at all
MESSAGE_MS = 15_000


def describe(summary: SyncSummary) -> str:
    """What a sync brought, in words, for the status bar."""
    received = sum(f.matched for f in summary.folders if not f.outgoing)
    sent = sum(f.matched for f in summary.folders if f.outgoing)
    parts = []
    if received:
        parts.append(f"{received:,} {_noun(received, 'reply', 'replies')} from candidates")
    if sent:
        parts.append(f"{sent:,} sent {_noun(sent, 'message', 'messages')} matched")
    if summary.replies:
        parts.append(f"{summary.replies:,} outbox {_noun(summary.replies, 'message')} answered")
    skipped = sum(summary.skipped.values())
    if skipped:
        parts.append(f"{skipped:,} unreadable {_noun(skipped, 'message')} skipped")
    found = ", ".join(parts) if parts else "nothing new from candidates"
    if summary.cancelled:
        return f"Mail sync cancelled; what was read so far is kept: {found}."
    return f"Mail synced: {found}."


def _noun(count: int, one: str, many: str | None = None) -> str:
    return one if count == 1 else (many or one + "s")


class SyncProgressBar(QObject):
    """A bar and Cancel at the right of the status bar while a sync runs (after a moment)."""

    def __init__(self, status_bar: QStatusBar, parent: QObject) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setObjectName("mailSyncProgress")
        self.bar.setRange(0, 0)
        self.bar.setFormat("Reading the mailbox…")
        self.bar.setMaximumWidth(280)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("mailSyncCancel")
        self.cancel_button.setToolTip("Stop reading; what was read so far is kept")
        for widget in (self.bar, self.cancel_button):
            widget.hide()
            status_bar.addPermanentWidget(widget)
        QTimer.singleShot(PROGRESS_DELAY_MS, self, self._appear)

    def _appear(self) -> None:
        self.bar.show()
        self.cancel_button.show()

    def show_progress(self, folder: str, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.bar.setFormat(f"Reading {folder}… %v / %m")

    def cancelling(self) -> None:
        self.cancel_button.setEnabled(False)
        self.bar.setFormat("Cancelling after this batch…")

    def close(self) -> None:
        for widget in (self.bar, self.cancel_button):
            widget.hide()
            widget.deleteLater()
        self.deleteLater()


class MailSyncRunner(QObject):
    # What a sync did (or why it did not), as the status bar says; once it is over and the
    # next background sync is scheduled.
    finished = Signal(str)

    def __init__(self, window: MainWindow, mail: MailServices, minute_ms: int = MINUTE_MS) -> None:
        super().__init__(window)
        self._window = window
        self._mail = mail
        self.minute_ms = minute_ms  # tests shorten the minute: the schedule, not the clock
        self.timer = QTimer(self, singleShot=True, timerType=Qt.TimerType.VeryCoarseTimer)
        self.timer.timeout.connect(lambda: self.sync_now(on_demand=False))
        self.job: Job | None = None
        self.progress: SyncProgressBar | None = None
        self.password_prompt: QInputDialog | None = None
        self.started = False  # the background schedule runs (start … stop)
        self.last_message = ""
        self._failure_shown: str | None = None  # a background failure is said once
        self._folder = ""  # set by the worker with each batch, read with its progress
        self._on_demand = False
        # The account and interval the timer was set for: another change to them (the
        # dialog, `talentdesk mail imap --every N`) sets it again.
        self.armed_for: tuple[ImapAccount | None, int] | None = None
        window.events.changed.connect(self._changed)

    # -- the schedule -----------------------------------------------------------------------
    def start(self, first_ms: int = FIRST_SYNC_MS) -> None:
        """Sync in the background from now on, the first time after `first_ms` if one is due."""
        self.started = True
        self.arm(max(first_ms, 0))

    def stop(self) -> None:
        """The window closes: no more syncs; one running is cancelled and waited for (it stops
        after the batch it reads, within the connection's timeout)."""
        self.started = False
        self.timer.stop()
        if self.password_prompt is not None:
            self.password_prompt.reject()
        if self.job is not None:
            self.job.cancel()
            self.job.wait()

    def arm(self, first_ms: int | None = None) -> None:
        """Set the timer for the next background sync (none when off, or not set up): one
        interval after the last sync, or, with `first_ms` (at start, after saving the
        account), when the core says one is due, but not before `first_ms`."""
        self.timer.stop()
        if not self.started or self.job is not None or self._window.read_only_reason:
            return
        sync = self._mail.ws.mail_sync
        account, minutes = sync.account(), sync.interval_minutes()
        self.armed_for = (account, minutes)
        interval = minutes * self.minute_ms
        if account is None or not interval:
            return
        wait = interval  # after a sync, whatever it did (a failure is not retried at once)
        due = sync.next_sync_at(account) if first_ms is not None else None
        if first_ms is not None and due is not None:
            left_ms = int((due - self._mail.ws.clock()).total_seconds() * 1000)
            # At most one interval: a clock set back does not postpone the sync for long.
            wait = max(min(left_ms, interval), first_ms)
        self.timer.start(wait)

    def _changed(self, changes: Changes) -> None:
        if not (changes.settings and changes.mail) or not self.started or self.job is not None:
            return
        sync = self._mail.ws.mail_sync
        if (sync.account(), sync.interval_minutes()) != self.armed_for:
            self.arm(CHANGED_SYNC_MS)

    # -- a sync -----------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.job is not None

    def sync_now(self, on_demand: bool = True) -> Job | None:
        """Read what is new now; None when it cannot start (and says why)."""
        window = self._window
        if self.job is not None:
            if on_demand:
                window.status("Already reading your mailbox…", 4000)
            return None
        if window.read_only_reason is not None:
            if on_demand:
                window.status(f"Read-only: {window.read_only_reason}")
            return None
        sync = self._mail.ws.mail_sync
        account = sync.account()
        if account is None:
            if on_demand:
                window.status("Set up the mailbox TalentDesk reads replies from first.")
                window.mail_ui.open_imap()
            return None
        password = sync.password(account, self._mail.credentials)
        if not password:
            if on_demand:
                self.ask_password(account)
            else:  # said once; tried again after an interval (the keyring may be unlocked)
                self._say_failure("Mail sync needs your mailbox's password: press F9 to type it.")
                self.arm()
                self.finished.emit(self.last_message)
            return None
        return self._start(account, password, on_demand)

    def ask_password(self, account: ImapAccount) -> None:
        """Not exec(): no event loop nested in a slot; the sync starts once answered."""
        prompt = QInputDialog(self._window)
        prompt.setObjectName("imapPasswordPrompt")
        prompt.setWindowTitle("Mailbox password")
        keeps = self._mail.credentials.status.usable
        prompt.setLabelText(
            f"Password for {account.username} at {account.host}:"
            + ("" if keeps else "\n(kept for this session only)")
        )
        prompt.setTextEchoMode(QLineEdit.EchoMode.Password)
        prompt.textValueSelected.connect(lambda text: self._password_given(account, text))
        prompt.finished.connect(prompt.deleteLater)
        prompt.finished.connect(lambda _result: setattr(self, "password_prompt", None))
        self.password_prompt = prompt
        prompt.open()

    def _password_given(self, account: ImapAccount, password: str) -> None:
        if password and self.job is None:
            self._mail.ws.mail_sync.store_password(account, self._mail.credentials, password)
            self._start(account, password, on_demand=True)

    def _start(self, account: ImapAccount, password: str, on_demand: bool) -> Job:
        self.timer.stop()
        sync = self._mail.ws.mail_sync

        def work(progress: Progress, cancelled: Cancelled) -> SyncSummary:
            def step(at: SyncProgress) -> None:
                self._folder = at.folder  # a str handed over; the signal carries the numbers
                progress(at.done, at.total)

            return sync.sync(account, password, step, cancelled)

        self._on_demand = on_demand
        self.progress = SyncProgressBar(self._window.statusBar(), self)
        self.progress.cancel_button.clicked.connect(self.cancel)
        job = self.job = Job(work, self)
        job.progressed.connect(self._progressed)
        job.succeeded.connect(self._synced)
        job.failed.connect(self._failed)
        job.finished.connect(self._finished)
        job.start()
        return job

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            if self.progress is not None:
                self.progress.cancelling()

    def _progressed(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.show_progress(self._folder, done, total)

    def _synced(self, summary: SyncSummary) -> None:
        self._failure_shown = None
        self._tell(describe(summary))
        log.info("mail sync: %s", summary.as_json())

    def _failed(self, error: Exception) -> None:
        text = describe_failure(error) if isinstance(error, MailError) else str(error)
        if self._on_demand:  # asked for: the whole story, in a message box
            self._failure_shown = None
            self._tell(f"Mail sync failed: {text.splitlines()[0]}")
            show_error(self._window, error, "Mail sync failed")
        else:
            self._say_failure(f"Mail sync failed: {text.splitlines()[0]}")

    def _say_failure(self, text: str) -> None:
        """A background failure: in the status bar once, not again while it repeats."""
        log.warning("%s", text)
        self._tell(text, shown=text != self._failure_shown)
        self._failure_shown = text

    def _tell(self, text: str, shown: bool = True) -> None:
        self.last_message = text
        if shown:
            self._window.status(text, MESSAGE_MS)

    def _finished(self) -> None:
        job, self.job = self.job, None
        if job is not None:
            job.deleteLater()
        if self.progress is not None:
            self.progress.close()
            self.progress = None
        self.arm()
        self.finished.emit(self.last_message)
