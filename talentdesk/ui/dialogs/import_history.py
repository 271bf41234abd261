"""File ▸ Import history…: the imports made (file, date, counts), newest first, and "Undo this
import", which deletes the people an import added when nobody has touched them since. The undo
is an operation on the write path (the window does not wait for it), with a progress bar and
Cancel (a cancel rolls it all back); the core refuses, saying why, when the import cannot be
undone as a whole. Reloads after each operation that changes the history (Changes.imports)."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.diagnose import CancelledError
from talentdesk.core.ops.changes import Changes
from talentdesk.ui.errors import show_error
from talentdesk.ui.formatting import format_datetime
from talentdesk.ui.gui_thread import sender_to

if TYPE_CHECKING:
    from talentdesk.core.imports.service import ImportSummary, UndoResult
    from talentdesk.core.workspace import Workspace
    from talentdesk.ui.events import Events
    from talentdesk.ui.ops import Op

HEADERS = ("Imported", "File", "Created", "Updated", "Skipped", "Pool", "State")


class ImportHistoryDialog(QDialog):
    def __init__(self, ws: Workspace, events: Events, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import history")
        self.setObjectName("importHistoryDialog")
        self.resize(760, 420)
        self._ws, self._events = ws, events
        self._imports: list[ImportSummary] = []
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("importHistoryTable")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.itemSelectionChanged.connect(self._update_buttons)
        note = QLabel(
            "Each import of a CSV file, and what it did. An import can be undone as a whole "
            "while the people it added are untouched: no edits, tags, pool or consent changes, "
            "timeline entries, reminders or applications since, and it updated nobody already here."
        )
        note.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("importHistoryStatus")
        self.progress = QProgressBar()
        self.progress.setObjectName("importUndoProgress")
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("cancelImportUndo")
        self.cancel_button.setToolTip("Stop the undo: nobody is deleted")
        self.cancel_button.clicked.connect(self.cancel_undo)
        self.cancel_button.hide()
        self._stop: threading.Event | None = None  # set while an undo runs
        self._op: Op | None = None
        self.undo_button = QPushButton("&Undo this import…")
        self.undo_button.setObjectName("undoImport")
        self.undo_button.clicked.connect(self.undo_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        layout.addWidget(buttons)
        events.changed.connect(self._changed)
        self.reload()

    def _changed(self, changes: Changes) -> None:
        if changes.imports or changes.external:
            self.reload()

    def reload(self) -> None:
        selected = self.selected()
        self._imports = self._ws.imports.history()
        self.table.setRowCount(len(self._imports))
        for row, s in enumerate(self._imports):
            state = f"Undone {format_datetime(s.undone_at)}" if s.undone_at else ""
            cells = (
                format_datetime(s.imported_at),
                s.file_name,
                f"{s.created:,}",
                f"{s.updated:,}",
                f"{s.skipped:,}",
                s.pool_name or "",
                state,
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, s.id)
                if 2 <= col <= 4:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, col, item)
            if selected is not None and s.id == selected.id:
                self.table.selectRow(row)
        self.table.resizeColumnsToContents()
        if not self._imports:
            self.status.setText("No imports yet.")
        self._update_buttons()

    def selected(self) -> ImportSummary | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if len(rows) != 1:
            return None
        row = rows.pop()
        return self._imports[row] if row < len(self._imports) else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.undo_button.setEnabled(
            self._stop is None
            and chosen is not None
            and chosen.undone_at is None
            and chosen.created > 0
            and self._ws.read_only is None
        )

    def undo_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen.undone_at is not None:
            return
        people = f"{chosen.created:,} {'person' if chosen.created == 1 else 'people'}"
        answer = QMessageBox.question(
            self,
            "Undo this import",
            f"Delete the {people} the import of {chosen.file_name} added on "
            f"{format_datetime(chosen.imported_at)}?\n\nThis cannot be undone.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        imports, import_id = self._ws.imports, chosen.id
        stop = self._stop = threading.Event()
        send = sender_to(self.progress)

        def progressed(done: int, total: int) -> None:  # the writer's thread
            send(lambda: self._progressed(done, total))

        self.undo_button.setEnabled(False)
        self.status.setText(f"Undoing the import of {chosen.file_name}…")
        self.progress.setRange(0, 0)  # busy until the first count arrives
        self.progress.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self._op = self._events.ops.run(
            f"Undoing the import of {chosen.file_name}",
            lambda: imports.undo(import_id, progress=progressed, cancelled=stop.is_set),
            success=self._undone,
            failure=self._refused,
            parent=self,
            announce=True,
        )

    @property
    def undoing(self) -> bool:
        return self._stop is not None

    def cancel_undo(self) -> None:
        """Stop the undo under way (before it begins, or between chunks): nothing changes."""
        if self._stop is None:
            return
        self._stop.set()
        if self._op is not None:
            self._op.cancel()
        self.cancel_button.setEnabled(False)
        self.status.setText("Cancelling…")

    def _progressed(self, done: int, total: int) -> None:
        if self._stop is None or self._stop.is_set():
            return
        self.status.setText(f"Deleting the people the import added: {done:,} of {total:,}…")
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finished(self) -> None:
        self._stop = self._op = None
        self.progress.hide()
        self.cancel_button.hide()

    def _undone(self, result: UndoResult) -> None:
        self._finished()
        people = f"{result.removed:,} {'person' if result.removed == 1 else 'people'}"
        self.status.setText(f"Undid the import of {result.file_name}: {people} removed.")
        self._update_buttons()

    def _refused(self, exc: BaseException) -> None:
        cancelled = (self._stop is not None and self._stop.is_set()) or isinstance(
            exc, CancelledError
        )
        self._finished()
        self._update_buttons()
        if cancelled:
            self.status.setText("Cancelled: nothing was undone.")
            return
        self.status.setText("")
        show_error(self, exc, "Import not undone")

    def reject(self) -> None:
        if self._stop is None:  # while an undo runs, Close waits for it (or for Cancel)
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._stop is not None:
            event.ignore()
            return
        super().closeEvent(event)


def open_import_history(ws: Workspace, events: Events, parent: QWidget) -> ImportHistoryDialog:
    dialog = ImportHistoryDialog(ws, events, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
