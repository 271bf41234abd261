"""File ▸ Move this database to a team server…: the Connect dialog's fields, then `migrate-to`'s
core (core/team/migrate_to.py) on a thread of its own with progress and Cancel. The copy is one
server transaction, so Cancel (or any failure) leaves nothing on the server; a database that is
not empty is refused before anything is written; the local file is only read. Once the counts
match, the connection is saved as Connect's Save does, and the team database can be opened now.

What the thread reports crosses to the GUI thread only through ui/gui_thread.py."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from talentdesk.core.errors import TalentDeskError
from talentdesk.core.mail.credentials import Credentials
from talentdesk.core.team.connection import TeamConnection
from talentdesk.core.team.password import store_password
from talentdesk.core.team.remembered import remember
from talentdesk.ui.gui_thread import sender_to
from talentdesk.ui.mail.connection_dialog import BAD_STYLE, OK_STYLE
from talentdesk.ui.team.connect_dialog import NOTE_STYLE, WARN_STYLE, TeamConnectDialog

log = logging.getLogger(__name__)
PROGRESS_EVERY_S = 0.1
INTRO = (
    "Copies everything in this computer's database into an empty database on a PostgreSQL "
    "server, in one go: if you cancel or anything goes wrong, nothing is kept there. This "
    "computer's database is left as it is."
)
CANCELLED = "Cancelled: nothing was kept on the server; this computer's database is as it was."


class MoveToServerDialog(TeamConnectDialog):
    open_now = Signal(object)  # the TeamConnection moved to, to be opened at once

    def __init__(
        self,
        credentials: Credentials,
        database: Path,
        *,
        finish_writes: Callable[[], None] | None = None,
        can_open_now: bool = False,
        current: TeamConnection | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self._database = database
        self._finish_writes = finish_writes
        self._can_open_now = can_open_now
        self._stop: threading.Event | None = None  # set while a move runs
        self._close_after_move = False
        self.moved_to: TeamConnection | None = None
        super().__init__(credentials, current, parent)
        self.setWindowTitle("Move this database to a team server")
        self.setObjectName("moveToServerDialog")

    # -- building (TeamConnectDialog's steps) ------------------------------------------------
    def _notes(self) -> None:
        super()._notes()
        self.intro = QLabel(f"{INTRO}\n\nThis computer's database: {self._database}")
        self.intro.setObjectName("moveIntro")
        self.intro.setWordWrap(True)
        self.intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setObjectName("moveProgress")
        self.progress.hide()
        self.move_status = QLabel()
        self.move_status.setObjectName("moveStatus")
        self.move_status.setWordWrap(True)
        self.move_status.hide()
        self.counts = QTableWidget(0, 2)
        self.counts.setObjectName("moveCounts")
        self.counts.setHorizontalHeaderLabels(["Table", "Rows"])
        self.counts.verticalHeader().hide()
        header = self.counts.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.counts.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.counts.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.counts.setMinimumHeight(200)
        self.counts.hide()

    def _ca_row(self, object_name: str) -> QHBoxLayout:
        row = super()._ca_row(object_name)
        item = row.itemAt(1)
        self.browse_button = item.widget() if item is not None else None  # "Browse…"
        return row

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("Move", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("moveButton")
        self.save_button.setDefault(True)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("moveCancel")
        self.open_now_button = QPushButton("Open the team database now")
        self.open_now_button.setObjectName("moveOpenNow")
        buttons.addButton(self.open_now_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_now_button.hide()
        self.open_now_button.clicked.connect(self._open_now)
        self.save_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self._cancel_clicked)
        return buttons

    def _lay_out(
        self, ca_row: QHBoxLayout, test_row: QHBoxLayout, buttons: QDialogButtonBox
    ) -> None:
        form = QFormLayout(self)
        form.addRow(self.intro)
        self._connection_rows(form, ca_row, test_row)
        form.addRow(self.progress)
        form.addRow(self.move_status)
        form.addRow(self.counts)
        form.addRow(buttons)

    @property
    def moving(self) -> bool:
        return self._stop is not None

    # -- Move ---------------------------------------------------------------------------------
    def accept(self) -> None:
        """Move: the copy on a thread of its own (nothing is saved until it has landed)."""
        conn = self.connection()
        if conn is None or self.job is not None or self.moving or self.moved_to is not None:
            return
        self._set_fields_enabled(False)
        self.progress.setRange(0, 0)  # counting first
        self.progress.show()
        self._say(f"Connecting to {conn.host}:{conn.port}…", NOTE_STYLE)
        self._stop = threading.Event()
        self._run(conn, self._password_for(conn), self._stop)

    def _run(self, conn: TeamConnection, password: str | None, stop: threading.Event) -> None:
        from talentdesk.core.team.migrate_to import MoveCancelledError, local_counts, migrate_to

        send = sender_to(self)
        database, url, finish_writes = self._database, conn.url(password), self._finish_writes

        def run() -> None:  # on the move's thread
            try:
                if finish_writes is not None:  # what the window queued is in the copy too
                    finish_writes()
                totals = local_counts(database)
                if stop.is_set():  # cancelled before the server was touched
                    raise MoveCancelledError()
                progress = _overall(totals, lambda *a: send(lambda: self._progressed(*a)))
                copied = migrate_to(database, url, progress, stop.is_set)
            except Exception as exc:
                if not isinstance(exc, TalentDeskError):
                    log.exception("moving the database to the server failed")
                failure = exc
                send(lambda: self._failed(conn, failure))
            else:
                send(lambda: self._moved(conn, password, copied.counts))

        threading.Thread(target=run, name="move-to-server", daemon=True).start()

    def _progressed(self, table: str, done: int, total: int) -> None:
        if self._stop is None or self._stop.is_set():
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self._say(f"Copying {table.replace('_', ' ')}… {done:,} of {total:,} rows", NOTE_STYLE)

    def _failed(self, conn: TeamConnection, error: Exception) -> None:
        from talentdesk.core.team.migrate_to import MoveCancelledError, ServerNotEmptyError

        self._finished(succeeded=False)
        if isinstance(error, MoveCancelledError):
            self._say(CANCELLED, WARN_STYLE)
        elif isinstance(error, ServerNotEmptyError):  # named as the fields name it
            self._say("Nothing was moved.", BAD_STYLE)
            self._show_errors(f"The database {conn.label} is not empty. {error.hint}")
        elif isinstance(error, TalentDeskError):
            self._say("Nothing was moved.", BAD_STYLE)
            self._show_errors(" ".join(filter(None, (error.message, error.hint))))
        else:
            self._say(f"The move failed unexpectedly: {error}", BAD_STYLE)

    def _moved(self, conn: TeamConnection, password: str | None, counts: dict[str, int]) -> None:
        self._finished(succeeded=True)
        self.moved_to = conn
        self.errors.hide()
        total = sum(counts.values())
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        rows = [(table, n) for table, n in counts.items() if n]
        self.counts.setRowCount(len(rows))
        for i, (table, n) in enumerate(rows):
            self.counts.setItem(i, 0, QTableWidgetItem(table))
            number = QTableWidgetItem(f"{n:,}")
            number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.counts.setItem(i, 1, number)
        self.counts.show()
        saved = self._save(conn, password)
        self._say(
            f"Moved {total:,} rows to {conn.label}: every table's count matches on the server. "
            f"{saved}",
            OK_STYLE,
        )
        self._set_fields_enabled(False)
        self.save_button.hide()
        self.test_button.setEnabled(False)
        self.cancel_button.setText("Close")
        self.open_now_button.setVisible(self._can_open_now)
        if self._can_open_now:
            self.open_now_button.setDefault(True)
            self.open_now_button.setFocus()
        self.saved.emit(conn)

    def _save(self, conn: TeamConnection, password: str | None) -> str:
        """Connect's Save, once the move has landed: what the sentence after the counts says."""
        try:
            if password and not store_password(conn, self._credentials, password):
                raise TalentDeskError(
                    f"the keyring cannot keep the password ({self._credentials.status.reason})"
                )
            remember(conn, user_name=self.user_name())
        except TalentDeskError as exc:
            return f"It was not saved as the team database: {exc.message}"
        if self._can_open_now:
            return "Saved as the team database: open it now, or at the next start."
        return "Saved as the team database: TalentDesk opens it at the next start."

    def _finished(self, succeeded: bool) -> None:
        self._stop = None
        self.progress.hide()
        self._set_fields_enabled(True)
        self.cancel_button.setEnabled(True)
        if self._close_after_move and not succeeded:
            super().reject()
        self._close_after_move = False  # landed before the cancel: the dialog says so

    def _open_now(self) -> None:
        if self.moved_to is not None:
            self.open_now.emit(self.moved_to)
            self.done(self.DialogCode.Accepted)

    def _say(self, text: str, style: str) -> None:
        self.move_status.setText(text)
        self.move_status.setStyleSheet(style)
        self.move_status.show()
        self._fit_height()

    def _set_fields_enabled(self, enabled: bool) -> None:
        for widget in (
            self.address,
            self.host,
            self.port,
            self.database,
            self.username,
            self.password,
            self.tls,
            self.ca_file,
            self.your_name,
            self.test_button,
            self.save_button,
            self.browse_button,
        ):
            if widget is not None:
                widget.setEnabled(enabled)

    # -- Cancel: a running move is rolled back, and waited for ---------------------------------
    def _cancel_clicked(self) -> None:
        """Cancel during a move stops it and stays to say so; else it closes the dialog."""
        if self._stop is None:
            self.reject()
            return
        self._stop.set()
        self.cancel_button.setEnabled(False)
        self._say("Cancelling: the server rolls the copy back…", WARN_STYLE)

    def reject(self) -> None:
        """Escape or the window's close button: a running move is cancelled, and the dialog
        closes once the server has rolled it back (its thread is not left behind)."""
        if self._stop is not None:
            self._close_after_move = True
            self._cancel_clicked()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._stop is not None:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)


def _overall(
    totals: dict[str, int], send: Callable[[str, int, int], None]
) -> Callable[[str, int, int], None]:
    """migrate_to's per-table progress as rows over the whole move, at most every
    PROGRESS_EVERY_S (and at each table's end)."""
    before: dict[str, int] = {}
    so_far = 0
    for table, n in totals.items():
        before[table] = so_far
        so_far += n
    grand = so_far
    last = 0.0

    def progress(table: str, done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= PROGRESS_EVERY_S or done >= total:
            last = now
            send(table, before.get(table, 0) + done, grand)

    return progress
