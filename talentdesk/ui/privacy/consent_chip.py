"""The profile's consent chip: the state in a word or three, coloured ("valid", "expiring in
12 days", "expired", "none", "withdrawn"); hovering shows the record behind it; a click, Space
or Enter opens the Consent dialog (record, renew, withdraw, notice sent)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QToolButton, QWidget

from talentdesk.core.ops.changes import Changes
from talentdesk.core.privacy.consent import ConsentSummary
from talentdesk.core.privacy.consent_state import ConsentState
from talentdesk.core.workspace import Workspace
from talentdesk.ui.events import Events
from talentdesk.ui.privacy.consent_dialog import ConsentDialog, details_text

# Text and background per state: green holds, amber needs renewing, red stops contact.
COLOURS = {
    ConsentState.VALID: ("#166534", "#dcfce7"),
    ConsentState.EXPIRING: ("#92400e", "#fef3c7"),
    ConsentState.EXPIRED: ("#991b1b", "#fee2e2"),
    ConsentState.WITHDRAWN: ("#991b1b", "#fee2e2"),
    ConsentState.NONE: ("#374151", "#f3f4f6"),
}


class ConsentChip(QToolButton):
    def __init__(self, ws: Workspace, events: Events, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consentChip")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._ws, self._events = ws, events
        self.candidate_id: int | None = None
        self._name = ""
        self.summary: ConsentSummary | None = None
        self.dialog: ConsentDialog | None = None  # the one open, if any
        # Set by the window: consent changes join its Undo.
        self.undo_stack: QUndoStack | None = None
        self._read_only: str | None = None
        self.clicked.connect(self.open_dialog)
        events.changed.connect(self._changed)
        self.hide()

    def show_candidate(self, candidate_id: int | None, name: str = "") -> None:
        self.candidate_id, self._name = candidate_id, name
        if self.dialog is not None:
            self.dialog.close()
        self.refresh()

    def set_read_only(self, why: str) -> None:
        self._read_only = why

    def refresh(self) -> None:
        if self.candidate_id is None:
            self.summary = None
            self.hide()
            return
        self.summary = summary = self._ws.consent.summary(self.candidate_id)
        self.setText(f"Consent: {summary.text}")
        self.setAccessibleName(f"Consent {summary.text}: show and change")
        self.setToolTip(details_text(summary) + "\n\nClick for the records, to renew or withdraw.")
        fg, bg = COLOURS[summary.state]
        self.setStyleSheet(
            f"QToolButton {{ color: {fg}; background: {bg}; border: 1px solid {fg};"
            " border-radius: 9px; padding: 1px 8px; }"
        )
        self.show()

    def _changed(self, changes: Changes) -> None:
        if self.candidate_id is not None and (
            self.candidate_id in changes.candidates or changes.external
        ):
            self.refresh()

    def open_dialog(self) -> ConsentDialog | None:
        """The Consent dialog (window-modal, not blocking: the window keeps refreshing)."""
        if self.candidate_id is None:
            return None
        if self.dialog is not None:
            self.dialog.raise_()
            return self.dialog
        dialog = ConsentDialog(
            self._ws, self._events, self.candidate_id, self._name,
            undo_stack=self.undo_stack, read_only=self._read_only, parent=self,
        )  # fmt: skip
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
