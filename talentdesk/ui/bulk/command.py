"""A bulk action as one entry on the window's undo stack: redo runs it as an operation (off
the GUI thread, with progress and Cancel when large), undo runs the service's exact undo.

As in DeleteCandidates, what undo needs is kept by the operation itself, on the write path, so
an Undo queued right behind the action finds it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMainWindow, QProgressBar, QPushButton

from talentdesk.core.bulk.result import BulkResult, BulkUndo, UndoResult
from talentdesk.core.diagnose import CancelledError
from talentdesk.ui.errors import show_error

if TYPE_CHECKING:
    from talentdesk.ui.main_window import MainWindow

# From this many people on, progress with Cancel in the status bar (shown after a short while).
PROGRESS_FROM = 2_000
PROGRESS_DELAY_MS = 400

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
Action = Callable[[Progress | None, Cancelled | None], BulkResult]


class BulkProgress(QObject):
    """Progress reported on the writer's thread, shown on the GUI thread in the status bar (a
    bar and Cancel, after a short while): no dialog, so the window keeps its focus and its
    selection, and repaints nothing but the bar. Cancel is heard by the action between
    chunks, and it then rolls back."""

    progressed = Signal(int, int)

    def __init__(self, label: str, total: int, window: QMainWindow) -> None:
        super().__init__(window)
        self._stop = threading.Event()
        self.bar = QProgressBar()
        self.bar.setObjectName("bulkProgress")
        self.bar.setRange(0, total)
        self.bar.setFormat(f"{label}… %p%")
        self.bar.setMaximumWidth(260)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("bulkCancel")
        self.cancel_button.setToolTip("Stop: nothing is changed")
        self.cancel_button.clicked.connect(self._stop.set)
        bar = window.statusBar()
        for widget in (self.bar, self.cancel_button):
            widget.hide()
            bar.addPermanentWidget(widget)
        QTimer.singleShot(PROGRESS_DELAY_MS, self, self._show_widgets)
        self.progressed.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def report(self, done: int, total: int) -> None:  # on the writer's thread
        self.progressed.emit(done, total)

    def cancelled(self) -> bool:
        return self._stop.is_set()

    def _show_widgets(self) -> None:
        self.bar.show()
        self.cancel_button.show()

    def _show(self, done: int, total: int) -> None:
        self.bar.setMaximum(total)
        self.bar.setValue(done)

    def close(self) -> None:
        for widget in (self.bar, self.cancel_button):
            widget.hide()
            widget.deleteLater()
        self.deleteLater()


class BulkCommand(QUndoCommand):
    def __init__(self, window: MainWindow, label: str, count: int, action: Action) -> None:
        super().__init__(label[0].lower() + label[1:])
        self._window = window
        self._label = label  # "Tagging 214 candidates"
        self._count = count
        self._action = action
        self._undo: BulkUndo | None = None
        self.progress: BulkProgress | None = None  # while a large run is under way

    def redo(self) -> None:
        window = self._window
        progress = None
        if self._count >= PROGRESS_FROM:
            progress = self.progress = BulkProgress(self._label, self._count, window)

        def work() -> BulkResult:
            self._undo = None
            result = self._action(
                None if progress is None else progress.report,
                None if progress is None else progress.cancelled,
            )
            self._undo = result.undo
            return result

        def done(result: BulkResult) -> None:
            self._finished()
            window.status(f"{result.summary}. Undo with Ctrl+Z.")

        def failed(error: BaseException) -> None:
            self._finished()
            if isinstance(error, CancelledError):
                window.status("Cancelled: nothing was changed.")
            else:
                show_error(window, error, f"{self._label} failed")

        op = window.events.ops.run(
            self._label,
            work,
            success=done,
            failure=failed,
            parent=window,
            announce=progress is not None,
        )
        if progress is not None:
            progress.cancel_button.clicked.connect(op.cancel)  # not begun yet: never begins

    def _finished(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress = None

    def undo(self) -> None:
        window = self._window
        bulk = window.ws.bulk

        def take_back() -> UndoResult | None:
            done, self._undo = self._undo, None
            return None if done is None else bulk.undo(done)  # None: the action failed

        def undone(result: UndoResult | None) -> None:
            if result is not None:
                window.status(result.summary)

        window.events.ops.run(f"Undoing {self.text()}", take_back, success=undone, parent=window)
