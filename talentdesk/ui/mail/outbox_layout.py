"""How the outbox window is laid out: the summary and the unknown-fate banner, the table of
messages, the decisions row and the sending row; each builder makes the window's widgets as its
attributes. The window (`outbox_window`) says what they do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from talentdesk.core.db.enums import OutboxStatus
from talentdesk.core.mail.outbox import OutboxEntry
from talentdesk.ui.formatting import format_datetime

if TYPE_CHECKING:
    from talentdesk.ui.mail.outbox_window import OutboxWindow

_STATUS_COLOURS = {
    OutboxStatus.QUEUED: "#374151",
    OutboxStatus.SENDING: "#1d4ed8",
    OutboxStatus.SENT: "#047857",
    OutboxStatus.FAILED: "#b91c1c",
    OutboxStatus.UNKNOWN: "#b45309",
    OutboxStatus.CANCELLED: "#6b7280",
}
COLUMNS = ("To", "Subject", "Status", "Attempts", "Sent / next try", "Error", "Queued by")
# Whose message it is (its recruiter's account sends it): shown when the database has several.
QUEUED_BY = 6


def build(w: OutboxWindow) -> None:
    header(w)
    table(w)
    decisions = decisions_row(w)
    sending = sending_row(w)
    layout = QVBoxLayout(w)
    layout.addWidget(w.summary)
    layout.addWidget(w.unknown_banner)
    layout.addWidget(w.table, 1)
    layout.addLayout(decisions)
    layout.addLayout(sending)
    layout.addWidget(w.status)
    w.resize(980, 520)


def header(w: OutboxWindow) -> None:
    """How many messages in each status, and the banner for those of unknown fate."""
    w.summary = QLabel()
    w.summary.setObjectName("outboxSummary")
    w.unknown_banner = QLabel()
    w.unknown_banner.setObjectName("unknownBanner")
    w.unknown_banner.setWordWrap(True)
    w.unknown_banner.setStyleSheet(
        "background: #fffbeb; color: #92400e; padding: 6px; border-radius: 4px;"
    )


def table(w: OutboxWindow) -> None:
    w.table = QTableWidget(0, len(COLUMNS))
    w.table.setObjectName("outboxTable")
    w.table.setHorizontalHeaderLabels(COLUMNS)
    w.table.verticalHeader().hide()
    w.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    w.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    w.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    w.table.setWordWrap(False)
    header = w.table.horizontalHeader()
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)


def decisions_row(w: OutboxWindow) -> QHBoxLayout:
    """The recruiter's decisions on the selected message."""
    w.mark_sent_button = QPushButton("Mark as sent")
    w.mark_sent_button.setObjectName("markSentButton")
    w.mark_sent_button.setToolTip("You found it in your Sent folder: record it as sent")
    w.send_again_button = QPushButton("Send again")
    w.send_again_button.setObjectName("sendAgainButton")
    w.send_again_button.setToolTip("Put it back in the queue, to leave from your e-mail account")
    w.discard_button = QPushButton("Discard")
    w.discard_button.setObjectName("discardButton")
    w.reply_button = QPushButton("Log reply…")
    w.reply_button.setObjectName("outboxLogReplyButton")
    w.reply_button.setToolTip("Record the candidate's answer to this message")
    row = QHBoxLayout()
    for button in (w.mark_sent_button, w.send_again_button, w.discard_button, w.reply_button):
        row.addWidget(button)
    row.addStretch()
    return row


def sending_row(w: OutboxWindow) -> QHBoxLayout:
    """Send, pause, cancel and the progress of a run; the status line under it."""
    w.send_button = QPushButton("Send queued")
    w.send_button.setObjectName("sendQueuedButton")
    w.pause_button = QPushButton("Pause")
    w.pause_button.setObjectName("pauseButton")
    w.pause_button.setCheckable(True)
    w.cancel_button = QPushButton("Cancel")
    w.cancel_button.setObjectName("cancelSendingButton")
    w.cancel_button.setToolTip("Stop after the message being sent; the rest stay queued")
    w.progress = QProgressBar()
    w.progress.setObjectName("sendProgress")
    w.progress.setFormat("%v of %m")
    w.status = QLabel()
    w.status.setObjectName("sendStatus")
    w.status.setWordWrap(True)
    row = QHBoxLayout()
    row.addWidget(w.send_button)
    row.addWidget(w.pause_button)
    row.addWidget(w.cancel_button)
    row.addWidget(w.progress, 1)
    return row


def fill_table(table: QTableWidget, entries: list[OutboxEntry], selected_id: int | None) -> None:
    """One row per message (its entry kept on the first cell); the selected one stays so."""
    table.setRowCount(len(entries))
    for row, e in enumerate(entries):
        when = e.sent_at if e.status is OutboxStatus.SENT else None
        if e.status is OutboxStatus.QUEUED and e.attempts:
            when = e.next_attempt_at
        cells = (
            f"{e.to_name} <{e.to_address}>",
            e.subject,
            e.shown_status,
            str(e.attempts),
            format_datetime(when) if when else "",
            e.error or "",
            e.queued_by or "",
        )
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if column == 2:
                item.setForeground(QColor(_STATUS_COLOURS[e.status]))
            if column == 0:
                item.setData(Qt.ItemDataRole.UserRole, e)
            table.setItem(row, column, item)
        if selected_id is not None and e.id == selected_id:
            table.selectRow(row)
    table.resizeColumnToContents(0)
    table.resizeColumnToContents(2)
