"""The candidate pane's answer to a save refused because someone else saved meanwhile: the
dialog (ui/dialogs/edit_conflict_dialog.py), then what the recruiter chose."""

from __future__ import annotations

from typing import TYPE_CHECKING

from talentdesk.core.edit_conflict import EditConflictError
from talentdesk.ui.dialogs.edit_conflict_dialog import Choice, EditConflictDialog

if TYPE_CHECKING:
    from talentdesk.ui.panes.candidate_pane import CandidatePane


def ask(pane: CandidatePane, conflict: EditConflictError) -> EditConflictDialog:
    """Open the dialog (window-modal, not blocking); its choice is applied when it closes."""
    dialog = EditConflictDialog(conflict, pane)
    shown = pane.candidate_id

    def apply(choice: object) -> None:
        dialog.deleteLater()
        if pane.candidate_id != shown:  # moved on meanwhile: nothing to apply it to
            return
        if choice is Choice.KEEP_MINE:
            pane.keep_mine(conflict)
        elif choice is Choice.TAKE_THEIRS:
            pane.take_theirs()
        # Cancel: the form keeps the edits, unsaved; saving again asks again.

    dialog.chosen.connect(apply)
    dialog.open()
    return dialog
