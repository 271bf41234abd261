"""Lists → "Retention policy…": the retention group box in a small dialog of its own (until a
Privacy settings dialog holds it), saved as an operation."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from talentdesk.core.workspace import Workspace
from talentdesk.ui.events import Events
from talentdesk.ui.privacy.retention_group import RetentionGroup


class RetentionDialog(QDialog):
    def __init__(
        self,
        ws: Workspace,
        events: Events,
        parent: QWidget | None = None,
        saved: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Retention policy")
        self._ws, self._events, self._saved = ws, events, saved
        self.group = RetentionGroup()
        self.group.set_policy(ws.retention.policy())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(ws.read_only is None)
        layout = QVBoxLayout(self)
        layout.addWidget(self.group)
        layout.addWidget(self.buttons)

    def _save(self) -> None:
        policy = self.group.policy()
        ws = self._ws

        def done(_result: object) -> None:
            if self._saved is not None:
                self._saved()
            self.accept()

        self._events.ops.run(
            "saving the retention policy",
            lambda: ws.retention.set_policy(policy),
            success=done,
            parent=self,
        )
