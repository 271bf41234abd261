"""The part of File → Backups… about erasure: how many backups still hold erased people, how
long such a backup is kept (the backup expiry setting) and "Purge older backups now…"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from talentdesk.core import settings
from talentdesk.core.backups.listing import BackupInfo
from talentdesk.core.workspace import Workspace
from talentdesk.ui.events import Events


class ErasedBackupsBox(QWidget):
    purge_requested = Signal()

    def __init__(self, ws: Workspace, events: Events | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._events = events
        self.summary = QLabel()
        self.summary.setObjectName("erasedBackups")
        self.summary.setWordWrap(True)
        self.expiry = QSpinBox()
        self.expiry.setObjectName("backupExpiry")
        self.expiry.setRange(1, 3650)
        self.expiry.setSuffix(" days")
        self._saved = settings.read(ws.reader, settings.BACKUPS_EXPIRE_DAYS)
        self.expiry.setValue(self._saved)
        self.expiry.setEnabled(events is not None and ws.read_only is None)
        self.expiry.editingFinished.connect(self._save_expiry)
        expiry_label = QLabel("Backups that hold erased people expire after")
        expiry_label.setBuddy(self.expiry)
        self.purge_button = QPushButton("&Purge older backups now…")
        self.purge_button.setToolTip("Delete every backup made before an erasure")
        self.purge_button.clicked.connect(self.purge_requested)
        row = QHBoxLayout()
        row.addWidget(expiry_label)
        row.addWidget(self.expiry)
        row.addStretch()
        row.addWidget(self.purge_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addLayout(row)

    def show_backups(self, backups: list[BackupInfo], idle: bool) -> None:
        holding = sum(b.holds_erased for b in backups)
        self.purge_button.setEnabled(idle and holding > 0)
        if not holding:
            self.summary.setText("No backup holds anyone erased.")
            return
        which = "backup was" if holding == 1 else "backups were"
        self.summary.setText(
            f"{holding} {which} made before an erasure and still hold the people erased: "
            "each is deleted once it is as old as the expiry below, or now with Purge."
        )

    def _save_expiry(self) -> None:
        days = self.expiry.value()
        if self._events is None or days == self._saved:  # (also heard when the dialog closes)
            return
        self._saved = days
        store = self._ws.settings_store()
        self._events.ops.run(
            "saving the backup expiry",
            lambda: store.set(settings.BACKUPS_EXPIRE_DAYS, days),
            parent=self,
        )
