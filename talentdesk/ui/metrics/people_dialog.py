"""The candidates behind a bar, a row or a number: their names, and "Open" shows one in the
Candidates tab. Not modal, so the recruiter can open one after another."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.workspace import Workspace

MAX_LISTED = 1000  # names read at once (a figure over a large pool can count thousands)


class PeopleDialog(QDialog):
    open_candidate = Signal(int)

    def __init__(
        self, ws: Workspace, what: str, ids: Sequence[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("metricsPeople")
        self.setWindowTitle("Who is behind this")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(420, 480)
        column = QVBoxLayout(self)
        heading = QLabel(what)
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: 600;")
        column.addWidget(heading)
        names = ws.reads.candidate_names(list(ids[:MAX_LISTED]))
        count = f"{len(ids):,} candidate{'s' if len(ids) != 1 else ''}"
        if len(ids) > MAX_LISTED:
            count += f"; the first {MAX_LISTED:,} are listed"
        elif len(names) < len(ids):
            count += f" ({len(ids) - len(names):,} deleted since)"
        self.count = QLabel(count)
        column.addWidget(self.count)
        self.names = QListWidget()
        for cid, name in sorted(names.items(), key=lambda item: item[1].casefold()):
            item = QListWidgetItem(name or f"Candidate {cid}")
            item.setData(Qt.ItemDataRole.UserRole, cid)
            self.names.addItem(item)
        self.names.setCurrentRow(0)
        self.names.itemActivated.connect(self._open)
        column.addWidget(self.names, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = buttons.addButton("Open", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setEnabled(self.names.count() > 0)
        self.open_button.clicked.connect(lambda: self._open(self.names.currentItem()))
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)

    def listed(self) -> list[str]:
        return [item.text() for item in map(self.names.item, range(self.names.count())) if item]

    def _open(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.open_candidate.emit(int(item.data(Qt.ItemDataRole.UserRole)))
