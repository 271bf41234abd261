"""E-mail → Outbox…: every message and its fate, sending off the GUI thread at the account's
rate with pause and cancel, and the recruiter's decisions on messages whose fate is unknown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.db.enums import OutboxStatus
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.mail.account import MailAccount
from talentdesk.core.mail.outbox import OutboxEntry, Sender, SendReport
from talentdesk.core.mail.smtp import FailureKind, MailError
from talentdesk.ui.errors import show_error
from talentdesk.ui.events import Events
from talentdesk.ui.formatting import format_datetime
from talentdesk.ui.jobs import Cancelled, Job, Progress
from talentdesk.ui.mail.reply_dialog import ask_reply
from talentdesk.ui.mail.services import MailServices, describe_failure

SHOWN_LIMIT = 2000  # the newest messages; the rest stay in the database
RELOAD_MS = 300  # how often the table follows a running batch
_STATUS_COLOURS = {
    OutboxStatus.QUEUED: "#374151",
    OutboxStatus.SENDING: "#1d4ed8",
    OutboxStatus.SENT: "#047857",
    OutboxStatus.FAILED: "#b91c1c",
    OutboxStatus.UNKNOWN: "#b45309",
}
COLUMNS = ("To", "Subject", "Status", "Attempts", "Sent / next try", "Error")


class OutboxWindow(QWidget):
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

        self.summary = QLabel()
        self.summary.setObjectName("outboxSummary")
        self.unknown_banner = QLabel()
        self.unknown_banner.setObjectName("unknownBanner")
        self.unknown_banner.setWordWrap(True)
        self.unknown_banner.setStyleSheet(
            "background: #fffbeb; color: #92400e; padding: 6px; border-radius: 4px;"
        )
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("outboxTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.mark_sent_button = QPushButton("Mark as sent")
        self.mark_sent_button.setObjectName("markSentButton")
        self.mark_sent_button.setToolTip("You found it in your Sent folder: record it as sent")
        self.mark_sent_button.clicked.connect(self.mark_sent)
        self.send_again_button = QPushButton("Send again")
        self.send_again_button.setObjectName("sendAgainButton")
        self.send_again_button.setToolTip("Put it back in the queue")
        self.send_again_button.clicked.connect(self.send_again)
        self.discard_button = QPushButton("Discard")
        self.discard_button.setObjectName("discardButton")
        self.discard_button.clicked.connect(self.discard)
        self.reply_button = QPushButton("Log reply…")
        self.reply_button.setObjectName("outboxLogReplyButton")
        self.reply_button.setToolTip("Record the candidate's answer to this message")
        self.reply_button.clicked.connect(self.log_reply)
        decisions = QHBoxLayout()
        for button in (
            self.mark_sent_button,
            self.send_again_button,
            self.discard_button,
            self.reply_button,
        ):
            decisions.addWidget(button)
        decisions.addStretch()

        self.send_button = QPushButton("Send queued")
        self.send_button.setObjectName("sendQueuedButton")
        self.send_button.clicked.connect(self.send)
        self.pause_button = QPushButton("Pause")
        self.pause_button.setObjectName("pauseButton")
        self.pause_button.setCheckable(True)
        self.pause_button.toggled.connect(self._pause_toggled)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("cancelSendingButton")
        self.cancel_button.setToolTip("Stop after the message being sent; the rest stay queued")
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setObjectName("sendProgress")
        self.progress.setFormat("%v of %m")
        self.status = QLabel()
        self.status.setObjectName("sendStatus")
        self.status.setWordWrap(True)
        sending = QHBoxLayout()
        sending.addWidget(self.send_button)
        sending.addWidget(self.pause_button)
        sending.addWidget(self.cancel_button)
        sending.addWidget(self.progress, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.unknown_banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(decisions)
        layout.addLayout(sending)
        layout.addWidget(self.status)
        self.resize(980, 520)

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
        self.table.setRowCount(len(entries))
        for row, e in enumerate(entries):
            when = e.sent_at if e.status is OutboxStatus.SENT else None
            if e.status is OutboxStatus.QUEUED and e.attempts:
                when = e.next_attempt_at
            cells = (
                f"{e.to_name} <{e.to_address}>",
                e.subject,
                e.status.value,
                str(e.attempts),
                format_datetime(when) if when else "",
                e.error or "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column == 2:
                    item.setForeground(QColor(_STATUS_COLOURS[e.status]))
                if column == 0:
                    item.setData(Qt.ItemDataRole.UserRole, e)
                self.table.setItem(row, column, item)
            if selected is not None and e.id == selected.id:
                self.table.selectRow(row)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(2)
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
        self.send_again_button.setEnabled(status in (OutboxStatus.UNKNOWN, OutboxStatus.FAILED))
        self.discard_button.setEnabled(
            status in (OutboxStatus.QUEUED, OutboxStatus.FAILED, OutboxStatus.UNKNOWN)
            and self.job is None
        )
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
        self.progress.setRange(0, 0)
        self.status.setText("Sending…")
        self._update_buttons()
        self._follow.start()
        self.job.start()

    def _progressed(self, done: int, total: int) -> None:
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
        self.progress.setRange(0, 1)
        self.progress.setValue(1 if not (report.cancelled or report.stopped) else 0)
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
