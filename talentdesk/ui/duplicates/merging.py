"""Merge… in the duplicates window opens the merge dialog, which runs the merge itself (undone
with Ctrl+Z in this window); the window refreshes from what the merge changed."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from talentdesk.core.workspace import Workspace
from talentdesk.ui.duplicates.merge_dialog import MergeDialog
from talentdesk.ui.errors import show_error
from talentdesk.ui.events import Events


def open_merge_dialog(
    ws: Workspace, events: Events, keep_id: int, other_id: int, parent: QWidget
) -> MergeDialog | None:
    """The dialog, window-modal over `parent`; None (the reason shown) when the two cannot
    be merged any more (one deleted or merged away meanwhile)."""
    try:
        dialog = MergeDialog(ws, events, keep_id, other_id, parent)
    except Exception as exc:  # the preview refused: shown, as any error of an action
        show_error(parent, exc, "Cannot merge")
        return None
    dialog.open()
    return dialog
