"""Merge… opens the merge dialog (talentdesk/ui/duplicates/merge_dialog.py, built beside this
window), which runs the merge itself; the window refreshes from what the merge changed.

Imported when asked for: until the dialog is in this build, the button says so.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from talentdesk.core.workspace import Workspace
from talentdesk.ui.events import Events

MERGE_DIALOG_MODULE = "talentdesk.ui.duplicates.merge_dialog"


def merge_dialog_available() -> bool:
    return importlib.util.find_spec(MERGE_DIALOG_MODULE) is not None


def open_merge_dialog(
    ws: Workspace, events: Events, keep_id: int, other_id: int, parent: QWidget
) -> Any:
    """Open `MergeDialog(ws, events, keep_id, other_id, parent)`; None (after saying so) when
    this build has no merge dialog."""
    if not merge_dialog_available():
        QMessageBox.information(
            parent, "Merge", "Merging is not available in this version of TalentDesk yet."
        )
        return None
    module = importlib.import_module(MERGE_DIALOG_MODULE)
    dialog = module.MergeDialog(ws, events, keep_id, other_id, parent)
    dialog.open()  # window-modal; it runs the merge and closes itself
    return dialog
