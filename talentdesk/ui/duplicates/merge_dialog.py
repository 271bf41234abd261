"""Merge two records of one person: pick each field's value, see what moves, merge (undoable).

`MergeDialog` runs the merge itself (an operation, off the GUI thread) and, when a window
above it has an undo stack, pushes it there, so Ctrl+Z brings both people back. The
duplicates window and the candidate list's "Merge 2 candidates…" open it through
`merge_candidates`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.duplicates.merge_records import MergePreview, MergeResult
from talentdesk.core.workspace import Workspace
from talentdesk.ui.duplicates.merge_command import MergeCandidates
from talentdesk.ui.duplicates.merge_fields_view import MergeFieldsView
from talentdesk.ui.errors import show_error
from talentdesk.ui.events import Events

if TYPE_CHECKING:
    from talentdesk.ui.main_window import MainWindow


class MergeDialog(QDialog):
    merged = Signal(object)  # MergeResult, once the merge has landed

    def __init__(
        self,
        ws: Workspace,
        events: Events,
        keep_id: int,
        other_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._merging = False
        self.setWindowTitle("Merge candidates")
        self.resize(760, 620)
        self._ws = ws
        self._events = events
        self.fields = MergeFieldsView(self)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("mergeSummary")
        self.summary.setWordWrap(True)
        self.swap_button = QPushButton("&Swap")
        self.swap_button.setToolTip("Keep the other record instead")
        self.swap_button.clicked.connect(self.swap)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.merge_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.merge_button.setText("&Merge")
        self.buttons.addButton(self.swap_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.merge)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.fields, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.preview: MergePreview = ws.merging.preview(keep_id, other_id)
        self._show()

    def _show(self) -> None:
        p = self.preview
        self.heading.setText(
            f"<b>{p.other_name}</b> (#{p.other_id}) will be merged into "
            f"<b>{p.keep_name}</b> (#{p.keep_id}), who stays. Pick the value to keep for "
            "each field that differs."
        )
        self.fields.show_preview(p)
        extra = []
        if p.shared_pools:
            extra.append(
                f"{p.shared_pools} pool(s) both are in keep one membership, at the further stage"
            )
        if p.shared_vacancies:
            extra.append(
                f"{p.shared_vacancies} vacancy(ies) both applied to keep the further application"
            )
        self.summary.setText(
            f"Moves to {p.keep_name}: {p.moving.describe()}."
            + "".join(f"\n{line}." for line in extra)
            + f"\n{p.other_name}'s record is then removed (Ctrl+Z undoes the merge)."
        )

    def swap(self) -> None:
        """Keep the other record instead; the picks keep the same values."""
        picks = self.fields.picks()
        self.preview = self._ws.merging.preview(self.preview.other_id, self.preview.keep_id)
        self._show()
        for key, side in picks.items():
            self.fields.pick(key, "other" if side == "keep" else "keep")

    def reject(self) -> None:
        if not self._merging:  # once started, the dialog waits for the merge to land
            super().reject()

    def merge(self) -> None:
        p = self.preview
        self._merging = True
        self.buttons.setEnabled(False)
        window = self.parentWidget()
        command = MergeCandidates(
            self._ws,
            self._events,
            p.keep_id,
            p.other_id,
            self.fields.picks(),
            (p.keep_name, p.other_name),
            window,
            done=self._merged,
            failed=self._failed,
            undone=lambda _: _say(window, f"Restored {p.other_name} and {p.keep_name}."),
            redone=lambda r: _say(window, r.summary()),
        )
        stack = _undo_stack_above(self)
        if stack is None:
            command.redo()
        else:
            stack.push(command)

    def _merged(self, result: MergeResult) -> None:
        self._merging = False
        self.merged.emit(result)
        _say(self.parentWidget(), result.summary() + " Undo with Ctrl+Z.")
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._merging = False
        self.buttons.setEnabled(True)
        show_error(self, error, "Merging failed")


def _undo_stack_above(widget: QWidget) -> QUndoStack | None:
    parent = widget.parentWidget()
    while parent is not None:
        stack = getattr(parent, "undo_stack", None)
        if isinstance(stack, QUndoStack):
            return stack
        parent = parent.parentWidget()
    return None


def _say(widget: QWidget | None, text: str) -> None:
    """In the status bar of `widget` or the window above it, if there is one."""
    parent = widget
    while parent is not None:
        status = getattr(parent, "status", None)
        if callable(status):
            status(text)
            return
        parent = parent.parentWidget()


def merge_candidates(
    window: MainWindow, keep_id: int, other_id: int, parent: QWidget | None = None
) -> MergeDialog | None:
    """Open the merge dialog (over `parent`, else the window; window-modal, returns at once);
    once merged, the window shows the kept person. None, with the reason shown, when the two
    cannot be merged (one was deleted or merged away meanwhile)."""
    over = parent if parent is not None else window
    try:
        dialog = MergeDialog(window.ws, window.events, keep_id, other_id, over)
    except Exception as exc:  # the preview refused: shown, as any error of an action
        show_error(over, exc, "Cannot merge")
        return None
    dialog.merged.connect(lambda result: window.open_candidate(result.kept_id))
    dialog.open()
    return dialog


def merge_selected(window: MainWindow) -> MergeDialog | None:
    """ "Merge 2 candidates…": the two selected in the list (the older record kept)."""
    ids = window.list_pane.selected_candidate_ids()
    if len(ids) != 2:
        window.status("Select exactly two candidates to merge them.", 4000)
        return None
    keep_id, other_id = sorted(ids)
    return merge_candidates(window, keep_id, other_id)
