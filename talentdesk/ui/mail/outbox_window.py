"""E-mail → Outbox…: every message and its fate, sending off the GUI thread at the account's
rate with pause and cancel, and the recruiter's decisions on messages whose fate is unknown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QWidget,
)

from talentdesk.core.db.enums import OutboxStatus
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.mail.account import MailAccount
from talentdesk.core.mail.outbox import NOT_SENT_STATUSES, OutboxEntry, Sender, SendReport
from talentdesk.core.mail.smtp import FailureKind, MailError
from talentdesk.ui.errors import show_error
from talentdesk.ui.events import Events
from talentdesk.ui.jobs import Cancelled, Job, Progress
from talentdesk.ui.mail import outbox_layout
from talentdesk.ui.mail.reply_dialog import ask_reply
from talentdesk.ui.mail.services import MailServices, describe_failure

SHOWN_LIMIT = 2000  # the newest messages; the rest stay in the database
RELOAD_MS = 300  # how often the table follows a running batch


class OutboxWindow(QWidget):
    # Made by outbox_layout.build.
    summary: QLabel
    unknown_banner: QLabel
    table: QTableWidget
    mark_sent_button: QPushButton
    send_again_button: QPushButton
    discard_button: QPushButton
    reply_button: QPushButton
    send_button: QPushButton
    pause_button: QPushButton
    cancel_button: QPushButton
    progress: QProgressBar
    status: QLabel

    def __init__(self, mail: MailServices, events: Events, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._mail = mail
        self._events = events
        self.job: Job | None = None
        self.running_sender: Sender | None = None
        self.report: SendReport | None = None
        self.password_prompt: QInputDialog | None = None
        self._statuses: dict[int, OutboxStatus] = {}
        self.setWindowTitle("Outbox")
        self.setObjectName("outboxWindow")

        outbox_layout.build(self)
        self._last_progress = (0, 0)  # (handled, of) in the run going on or last finished
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.mark_sent_button.clicked.connect(self.mark_sent)
        self.send_again_button.clicked.connect(self.send_again)
        self.discard_button.clicked.connect(self.discard)
        self.reply_button.clicked.connect(self.log_reply)
        self.send_button.clicked.connect(self.send)
        self.pause_button.toggled.connect(self._pause_toggled)
        self.cancel_button.clicked.connect(self.cancel)

        self._follow = QTimer(self, interval=RELOAD_MS)
        self._follow.timeout.connect(self.reload)
        # Temporary failures come back after a back-off: send again then, while TalentDesk runs.
        self._retry = QTimer(self, singleShot=True)
        self._retry.timeout.connect(self.send)
        # No sender runs yet: what a run that died left "sending" is now of unknown fate.
        # Sending waits for that (the recovery and a sender would take each other's lock).
        outbox = self._mail.outbox
        self._recovering = True
        self._send_when_recovered = False
        self.reload()
        self._mail.ops.run(
            "Looking for messages a stopped run left half-sent",
            outbox.recover,
            success=lambda _recovered: self._recovered(),
            failure=lambda exc: self._recovered(exc),
        )

    # -- what is in the outbox --------------------------------------------------------------
    def reload(self) -> None:
        entries = self._mail.outbox.entries(limit=SHOWN_LIMIT)
        selected = self.selected()
        self._announce_sent(entries)
        outbox_layout.fill_table(self.table, entries, selected.id if selected else None)
        several = self._mail.ws.reads.several_users()
        self.table.setColumnHidden(outbox_layout.QUEUED_BY, not several)
        counts = self._mail.outbox.counts()
        self.summary.setText(
            " · ".join(f"{n:,} {status.value}" for status, n in counts.items() if n)
            or "The outbox is empty."
        )
        unknown = counts[OutboxStatus.UNKNOWN]
        self.unknown_banner.setText(
            f"{unknown:,} message{'s' if unknown != 1 else ''} may or may not have been "
            "delivered: TalentDesk stopped while handing them to the server. Check your Sent "
            "folder, then choose Mark as sent, Send again or Discard for each."
        )
        self.unknown_banner.setVisible(bool(unknown))
        self._update_buttons()

    def _announce_sent(self, entries: list[OutboxEntry]) -> None:
        # The sender's operations say whose timeline moved: nothing to announce here.
        self._statuses = {e.id: e.status for e in entries}

    def selected(self) -> OutboxEntry | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self._entry(rows[0].row())

    def _entry(self, row: int) -> OutboxEntry | None:
        item = self.table.item(row, 0)
        entry: OutboxEntry | None = item.data(Qt.ItemDataRole.UserRole) if item else None
        return entry

    def select_message(self, message_id: int) -> None:
        for row in range(self.table.rowCount()):
            entry = self._entry(row)
            if entry is not None and entry.id == message_id:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        entry = self.selected()
        status = entry.status if entry else None
        self.mark_sent_button.setEnabled(status is OutboxStatus.UNKNOWN)
        self.send_again_button.setEnabled(
            status in (OutboxStatus.UNKNOWN, OutboxStatus.FAILED, OutboxStatus.CANCELLED)
        )
        self.discard_button.setEnabled(status in NOT_SENT_STATUSES and self.job is None)
        self.reply_button.setEnabled(status is OutboxStatus.SENT)
        running = self.job is not None
        self.send_button.setEnabled(not running)
        self.pause_button.setEnabled(running)
        self.cancel_button.setEnabled(running)

    # -- the recruiter's decisions ------------------------------------------------------------
    def mark_sent(self) -> None:
        entry = self.selected()
        if entry is not None:
            self._decide(lambda: self._mail.outbox.mark_sent(entry.id))

    def send_again(self) -> None:
        entry = self.selected()
        if entry is not None:
            self._decide(lambda: self._mail.outbox.send_again(entry.id), then_send=True)

    def discard(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        answer = QMessageBox.question(
            self, "Discard message", f"Discard the message to {entry.to_name}? It is not sent."
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._decide(lambda: self._mail.outbox.discard([entry.id]))

    def _decide(self, decision: Callable[[], object], then_send: bool = False) -> None:
        def failed(exc: BaseException) -> None:
            if isinstance(exc, TalentDeskError) and not exc.hint:
                self.status.setText(exc.message)
                self.reload()
            else:
                show_error(self, exc, "Not done")

        def decided(_: object) -> None:
            self.reload()
            if then_send and self.job is None:
                self.send()

        self._mail.ops.run("Deciding about a message", decision, success=decided, failure=failed)

    def log_reply(self) -> None:
        entry = self.selected()
        if entry is None or entry.status is not OutboxStatus.SENT:
            return
        reply = ask_reply(self, self._mail.ws.clock(), entry.to_name, f"Re: {entry.subject}")
        if reply is None:
            return
        outbox = self._mail.outbox

        def failed(exc: BaseException) -> None:
            if isinstance(exc, TalentDeskError) and not exc.hint:
                self.status.setText(exc.message)
            else:
                show_error(self, exc, "Reply not logged")

        self._mail.ops.run(
            f"Logging a reply from {entry.to_name}",
            lambda: outbox.log_reply(entry.candidate_id, *reply, entry.id),
            success=lambda _: self.status.setText(f"Logged the reply from {entry.to_name}."),
            failure=failed,
        )

    # -- sending ------------------------------------------------------------------------------
    def _recovered(self, error: BaseException | None = None) -> None:
        self._recovering = False
        if error is not None:
            show_error(self, error, "The outbox could not be checked")
        self.reload()
        if self._send_when_recovered:
            self.send()

    def send(self) -> None:
        """Send what is queued and due, off the GUI thread; asks for the password if needed."""
        if self._recovering:
            self._send_when_recovered = True
            return
        if self.job is not None:
            return
        self._retry.stop()
        account = self._mail.account()
        if account is None:
            self.status.setText("Set up the e-mail account first: E-mail → E-mail account….")
            return
        password = self._mail.credentials.get(account.keyring_user)
        if password is None and account.username:
            self.ask_password(account, "TalentDesk needs the password to send.")
            return
        self._start(account, password or "")

    def ask_password(self, account: MailAccount, why: str) -> None:
        """Not exec(): no event loop nested in the job's slots; sending starts once answered."""
        prompt = QInputDialog(self)
        prompt.setObjectName("passwordPrompt")
        prompt.setWindowTitle("E-mail password")
        prompt.setLabelText(
            f"{why}\nPassword for {account.username} at {account.host}:"
            + ("" if self._mail.credentials.status.usable else "\n(kept for this session only)")
        )
        prompt.setTextEchoMode(QLineEdit.EchoMode.Password)
        prompt.textValueSelected.connect(lambda text: self._password_given(account, text))
        prompt.finished.connect(prompt.deleteLater)
        self.password_prompt = prompt
        prompt.open()

    def _password_given(self, account: MailAccount, password: str) -> None:
        self.password_prompt = None
        if not password:
            return
        # The keyring keeps it when it can, else this session's memory (Credentials decides).
        self._mail.credentials.set(account.keyring_user, password)
        self._start(account, password)

    def _start(self, account: MailAccount, password: str) -> None:
        sender = Sender(self._mail.outbox, account, password)
        self.running_sender = sender
        self.report = None

        def work(progress: Progress, cancelled: Cancelled) -> SendReport:
            return sender.run(progress, cancelled)

        self.job = Job(work, self)
        self.job.progressed.connect(self._progressed)
        self.job.succeeded.connect(self._succeeded)
        self.job.failed.connect(self._failed)
        self.job.finished.connect(self._finished)
        self.pause_button.setChecked(False)
        self._last_progress = (0, 0)
        self.progress.setRange(0, 0)
        self.status.setText("Sending…")
        self._update_buttons()
        self._follow.start()
        self.job.start()

    def _progressed(self, done: int, total: int) -> None:
        self._last_progress = (done, total)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if self.running_sender is not None and not self.running_sender.paused:
            self.status.setText(f"Sent {done:,} of {total:,}…")

    def _pause_toggled(self, paused: bool) -> None:
        self.pause_button.setText("Resume" if paused else "Pause")
        if self.running_sender is None or self.job is None:
            return
        if paused:
            self.running_sender.pause()
            self.status.setText("Paused after the message being sent. Resume to go on.")
        else:
            self.running_sender.resume()
            self.status.setText("Sending…")

    def cancel(self) -> None:
        if self.job is not None and not self.job.cancel_requested:
            self.job.cancel()
            self.status.setText("Cancelling after the message being sent…")

    def _succeeded(self, report: SendReport) -> None:
        self.report = report

    def _failed(self, error: Exception) -> None:
        if isinstance(error, TalentDeskError):  # such as another TalentDesk sending already
            self.status.setText(f"{error.message} {error.hint}".strip())
        else:  # a bug: the job logged the traceback
            self.status.setText(f"Sending stopped unexpectedly: {error}")

    def _finished(self) -> None:
        job, self.job = self.job, None
        if job is not None:
            job.deleteLater()
        self.running_sender = None
        self._follow.stop()
        self.pause_button.setChecked(False)
        self.reload()
        report = self.report
        if report is None:
            return
        done = f"Sent {report.sent:,}, failed {report.failed:,}"
        if report.retry_later:
            done += f", {report.retry_later:,} to try again later"
        if report.unknown:
            done += f", {report.unknown:,} may or may not have been delivered (see below)"
        if report.not_contacted:
            done += f", {report.not_contacted:,} not sent: do not contact / consent withdrawn"
        # The bar keeps counting the messages of this run: "11 of 11" at the end, not "1 of 1".
        handled, total = self._last_progress
        total = total or report.sent + report.failed + report.retry_later + report.unknown
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(handled if report.cancelled or report.stopped else total)
        if report.cancelled:
            self.status.setText(f"Cancelled. {done}; the rest stay queued.")
        elif report.stopped is not None:
            self._stopped(report.stopped, done)
        else:
            self.status.setText(f"{done}.")
            self._schedule_retry(report)

    def _stopped(self, error: MailError, done: str) -> None:
        self.status.setText(f"Stopped: {describe_failure(error)}\n{done}; the rest stay queued.")
        account = self._mail.account()
        if error.kind is FailureKind.AUTH_REJECTED and account is not None:
            # A wrong stored password is forgotten: the one typed now replaces it.
            self._mail.credentials.delete(account.keyring_user)
            self.ask_password(account, "The server rejected the password.")

    def _schedule_retry(self, report: SendReport) -> None:
        if report.next_retry_at is None:
            return
        wait = (report.next_retry_at - self._mail.ws.clock()).total_seconds()
        self._retry.start(max(int(wait * 1000), 1000))

    def stop_sending(self) -> None:
        """Before the app quits: cancel, and wait for the message being handed over."""
        self._retry.stop()
        if self.job is not None:
            self.job.cancel()
            if self.running_sender is not None:
                self.running_sender.resume()
            self.job.wait()
