"""Edit ▸ Privacy…: the privacy settings, one group box each (consent defaults, retention…).

A group is a class made from a `GroupContext` (the workspace, its settings store, the window's
operations) that has a `box` (its QGroupBox) and `writes()` (one call per setting it stores,
run together in one operation on Save). To add one, write it in a module of its own and add it
to `GROUPS`: one line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGroupBox, QVBoxLayout, QWidget

from talentdesk.core.settings import AppSettings
from talentdesk.core.workspace import Workspace
from talentdesk.ui.errors import show_error
from talentdesk.ui.ops import Ops
from talentdesk.ui.privacy.consent_defaults import ConsentDefaults


@dataclass(frozen=True)
class GroupContext:
    ws: Workspace
    store: AppSettings
    ops: Ops


class SettingsGroup(Protocol):
    box: QGroupBox

    def writes(self) -> list[Callable[[], None]]:
        """What Save stores: each call writes one setting (read from the widgets now)."""
        ...


GROUPS: list[Callable[[GroupContext], SettingsGroup]] = [
    ConsentDefaults,
]


class PrivacySettingsDialog(QDialog):
    def __init__(self, ws: Workspace, ops: Ops, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Privacy")
        self.setObjectName("privacySettings")
        self._ops = ops
        context = GroupContext(ws, ws.settings_store(), ops)
        self.groups = [make(context) for make in GROUPS]
        layout = QVBoxLayout(self)
        for group in self.groups:
            layout.addWidget(group.box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        """Store every group's settings in one operation; close once they are stored."""
        writes = [write for group in self.groups for write in group.writes()]

        def save() -> None:
            for write in writes:
                write()

        self.setEnabled(False)
        self._ops.run(
            "Saving the privacy settings",
            save,
            success=lambda _: super(PrivacySettingsDialog, self).accept(),
            failure=self._not_saved,
        )

    def _not_saved(self, exc: BaseException) -> None:
        self.setEnabled(True)
        show_error(self, exc, "Privacy settings not saved")


def open_privacy_settings(ws: Workspace, ops: Ops, parent: QWidget) -> PrivacySettingsDialog:
    """Open the dialog (window-modal, not blocking); it deletes itself when closed."""
    dialog = PrivacySettingsDialog(ws, ops, parent)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
