"""File → Backups…: the backups (date, reason, size, candidates), Back up now and Restore.

Both run in a Job off the GUI thread. A restore replaces everything the window shows: the
dialog emits `restored` and the window reads everything again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.backups.listing import BackupInfo, format_size, list_backups
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.workspace import Workspace
from talentdesk.ui.events import Events
from talentdesk.ui.formatting import format_date, format_datetime
from talentdesk.ui.jobs import Cancelled, Job, Progress, Work
from talentdesk.ui.privacy.erased_backups import ErasedBackupsBox

COLUMNS = ("Date", "Reason", "Size", "Candidates")
ERASED_WARNING = (
    "\n\nThis backup was made before an erasure: the people erased since are erased again "
    "as it is restored."
)


class BackupsDialog(QDialog):
    backed_up = Signal(object)  # Path of the new backup
    restored = Signal(object)  # core.backups.restore.RestoreResult

    def __init__(
        self,
        ws: Workspace,
        parent: QWidget | None = None,
        confirm_leave: Callable[[], bool] = lambda: True,
        events: Events | None = None,
    ) -> None:
        super().__init__(parent)
        self._ws = ws
        self._confirm_leave = confirm_leave  # unsaved edits in the window: save or discard
        self.backups: list[BackupInfo] = []
        self.job: Job | None = None
        self.setWindowTitle("Backups")
        self.resize(720, 420)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("backupsTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.folder_label = QLabel(f"Kept in {ws.paths.backups}")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.status.setObjectName("backupsStatus")
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.hide()
        self.erased = ErasedBackupsBox(ws, events, self)
        self.erased.purge_requested.connect(self.purge_erased)
        self.backup_button = QPushButton("&Back up now")
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton("&Restore…")
        self.restore_button.setToolTip("Replace everything with the selected backup")
        self.restore_button.clicked.connect(self.restore_selected)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch()
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.erased)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        self.reload()

    # -- the list -------------------------------------------------------------------------
    def reload(self, select: Path | None = None) -> None:
        self.backups = list_backups(self._ws.paths)
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            count = f"{info.candidates:,}" if info.candidates is not None else "unreadable"
            reason = info.label
            if info.expires_at is not None:
                reason += f" · holds erased people, expires {format_date(info.expires_at)}"
            cells = (format_datetime(info.when), reason, format_size(info.size), count)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(info.problem or str(info.path))
                if column >= 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self.table.resizeColumnToContents(0)
        paths = [b.path for b in self.backups]
        if select in paths:
            self.table.selectRow(paths.index(select))
        if not self.backups:
            self.status.setText("No backups yet.")
        self._update_buttons()

    def selected_backup(self) -> BackupInfo | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.backups[min(rows)] if rows else None

    def _update_buttons(self) -> None:
        idle = self.job is None
        chosen = self.selected_backup()
        self.backup_button.setEnabled(idle)
        self.restore_button.setEnabled(idle and chosen is not None and chosen.readable)
        self.erased.show_backups(self.backups, idle)

    # -- actions --------------------------------------------------------------------------
    def back_up_now(self) -> None:
        from talentdesk.core.backups.auto import manual_backup

        paths, clock = self._ws.paths, self._ws.clock

        def work(progress: Progress, _cancelled: Cancelled) -> Path:
            return manual_backup(paths, clock(), progress)

        self._start(work, "Backing up…", self._backed_up)

    def restore_selected(self) -> None:
        info = self.selected_backup()
        if self.job is not None or info is None or not info.readable:
            return
        answer = QMessageBox.question(
            self,
            "Restore this backup?",
            f"Everything in TalentDesk is replaced by the backup of {format_datetime(info.when)}"
            f" ({info.label.lower()}, {info.candidates:,} candidates).\n\n"
            "What TalentDesk holds now is backed up first (“Before a restore”), so you can "
            "go back to it." + (ERASED_WARNING if info.holds_erased else ""),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes or not self._confirm_leave():
            return
        from talentdesk.core.backups.restore import restore

        paths, clock, source = self._ws.paths, self._ws.clock, info.path

        writer = self._ws.writer

        def work(progress: Progress, _cancelled: Cancelled) -> object:
            # In the write path's turn: no operation of this window writes meanwhile.
            return writer.run(
                lambda: restore(paths, source, clock(), progress),
                label=f"restoring {source.name}",
                announce=True,
                transaction=False,
            )

        self._start(work, f"Restoring {info.path.name}…", self._restored)

    def purge_erased(self) -> None:
        """ "Purge older backups now…": every backup made before an erasure, once confirmed."""
        holding = [b for b in self.backups if b.holds_erased]
        if self.job is not None or not holding:
            return
        answer = QMessageBox.question(
            self,
            "Delete the older backups?",
            f"{len(holding)} backup{'s' if len(holding) != 1 else ''} made before an erasure "
            "will be deleted for good: they still hold the people erased. Backups made since "
            "are kept.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        from talentdesk.core.privacy.backups import purge

        paths = self._ws.paths

        def work(_progress: Progress, _cancelled: Cancelled) -> object:
            return purge(paths)

        self._start(work, "Deleting the older backups…", self._purged)

    def _purged(self, deleted: object) -> None:
        assert isinstance(deleted, list)
        self.status.setText(f"Deleted {len(deleted)} backup{'s' if len(deleted) != 1 else ''}.")
        self.reload()

    def _start(self, work: Work, text: str, done: Callable[[object], None]) -> None:
        if self.job is not None:
            return
        self.status.setText(text)
        self.progress.setRange(0, 0)  # busy until the copy says how far it is
        self.progress.show()
        self.job = Job(work, self)
        self.job.progressed.connect(self._progressed)
        self.job.succeeded.connect(done)
        self.job.failed.connect(self._failed)
        self.job.finished.connect(self._finished)
        self._update_buttons()
        self.job.start()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _backed_up(self, path: object) -> None:
        assert isinstance(path, Path)
        self.status.setText(f"Backed up to {path.name}.")
        self.reload(select=path)
        self.backed_up.emit(path)

    def _restored(self, result: object) -> None:
        from talentdesk.core.backups.restore import RestoreResult

        assert isinstance(result, RestoreResult)
        saved = result.saved_current or (result.set_aside[0] if result.set_aside else None)
        before = f" What it held before is in {saved.name}." if saved is not None else ""
        again = f" {result.erased_again_text()}." if result.erased_again else ""
        self.status.setText(
            f"Restored {result.candidates:,} candidates from {result.restored.name}.{again}{before}"
        )
        self.reload(select=saved)
        self.restored.emit(result)

    def _failed(self, error: Exception) -> None:
        self.status.clear()
        if isinstance(error, TalentDeskError):
            message, hint = error.message, error.hint
        else:  # a bug: the job logged the traceback
            message = f"That did not work: {error}."
            hint = "Nothing was changed. The log file in the data folder has the details."
        box = QMessageBox(
            QMessageBox.Icon.Warning, "Backups", message, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("backupError")
        box.setInformativeText(hint)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not exec(): no event loop nested in the job's slot

    def _finished(self) -> None:
        job, self.job = self.job, None
        if job is not None:
            job.deleteLater()
        self.progress.hide()
        self._update_buttons()

    def reject(self) -> None:
        if self.job is not None:  # a backup or restore is not stopped halfway
            return
        super().reject()
