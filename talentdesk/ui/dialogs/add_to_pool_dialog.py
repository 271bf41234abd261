"""Choose a pool and a starting stage for the selected candidates."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from talentdesk.core.workspace import Workspace


class AddToPoolDialog(QDialog):
    def __init__(
        self, ws: Workspace, count: int, preselect: int | None, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self._ws = ws
        self.setWindowTitle("Add to pool")
        self.pool = QComboBox()
        self.pool.setObjectName("poolChoice")
        for pool in ws.reads.pool_summaries():
            self.pool.addItem(f"{pool.name} ({pool.members:,})", pool.id)
        if preselect is not None and self.pool.findData(preselect) >= 0:
            self.pool.setCurrentIndex(self.pool.findData(preselect))
        self.stage = QComboBox()
        self.stage.setObjectName("stageChoice")
        self.pool.currentIndexChanged.connect(self._load_stages)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        who = "1 candidate" if count == 1 else f"{count:,} candidates"
        form.addRow(QLabel(f"Add {who} to:"))
        form.addRow("Pool", self.pool)
        form.addRow("Stage", self.stage)
        form.addRow(buttons)
        self._load_stages()

    def _load_stages(self) -> None:
        self.stage.clear()
        pool_id = self.pool.currentData()
        if pool_id is None:
            return
        for stage in self._ws.pools.stages(pool_id):
            self.stage.addItem(stage.name, stage.id)

    def choice(self) -> tuple[int, int | None]:
        return self.pool.currentData(), self.stage.currentData()
