"""Help → "Audit log": what was done to personal data, when, what kind, how many (never
whose), newest first, with a filter by kind. Reloads when shown and after each operation."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.ops.changes import Changes
from talentdesk.core.privacy.audit import KNOWN_KINDS, AuditRecord
from talentdesk.core.workspace import Workspace
from talentdesk.ui.events import Events
from talentdesk.ui.formatting import format_datetime

HEADERS = ("When", "What", "How many", "Detail")
KIND_LABELS = {
    "export": "Data exported",
    "erasure": "Erased",
    "consent": "Consent changed",
    "restore": "Backup restored",
    "backup": "Backed up",
}


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


class AuditLogWindow(QDialog):
    def __init__(self, ws: Workspace, events: Events, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Audit log")
        self.setObjectName("auditLogWindow")
        self.resize(640, 420)
        self._ws = ws
        self.kind = QComboBox()
        self.kind.addItem("Everything", "")
        for kind in KNOWN_KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.kind.currentIndexChanged.connect(lambda _i: self.reload())
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.summary = QLabel()
        note = QLabel(
            "Exports, erasures, consent changes and restored backups: when and how many, "
            "never whose."
        )
        note.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("Show:"))
        top.addWidget(self.kind)
        top.addStretch(1)
        top.addWidget(self.summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        events.changed.connect(self._changed)
        self.reload()

    def _changed(self, changes: Changes) -> None:
        if self.isVisible() and (changes.audit or changes.external):
            self.reload()

    def reload(self) -> None:
        entries = self._ws.audit.entries(self.kind.currentData() or None)
        self._fill(entries)

    def _fill(self, entries: list[AuditRecord]) -> None:
        self.table.setRowCount(len(entries))
        for row, e in enumerate(entries):
            when = format_datetime(e.occurred_at)
            for col, text in enumerate((when, kind_label(e.kind), f"{e.count:,}", e.detail or "")):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        noun = "entry" if len(entries) == 1 else "entries"
        self.summary.setText(f"{len(entries):,} {noun}")
