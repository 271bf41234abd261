"""The window's hub: its operations (`ops`, the one way it writes) and what they changed.

Every pane connects to `changed(Changes)` and refreshes only what it shows of that: one
refresh per operation, whoever made it (this window, a worker, another process).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from talentdesk.core.ops.changes import Changes
from talentdesk.core.workspace import Workspace
from talentdesk.ui.ops import Ops


class Events(QObject):
    changed = Signal(object)  # Changes

    def __init__(self, ws: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ops = Ops(ws, self)
        self.ops.changed.connect(self.changed)

    def touch(self, changes: Changes) -> None:
        """Refresh as if an operation had changed this (e.g. after a restore)."""
        self.changed.emit(changes)
