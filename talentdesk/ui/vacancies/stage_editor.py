"""The "Stages…" dialog: a role's stages, renamed, given a kind, reordered, added, deleted.
Each change is an operation; the dialog re-reads the stages when one has landed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.db.enums import OUTCOME_KINDS, StageKind
from talentdesk.core.ops.changes import Changes
from talentdesk.core.vacancies.records import StageInfo
from talentdesk.core.workspace import Workspace
from talentdesk.ui.events import Events


class StageEditor(QDialog):
    def __init__(
        self, ws: Workspace, events: Events, vacancy_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("stageEditor")
        self.setWindowTitle("Stages")
        self._ws = ws
        self._events = events
        self.vacancy_id = vacancy_id
        self.stages: tuple[StageInfo, ...] = ()
        self.list = QListWidget()
        self.list.setObjectName("stageList")
        self.list.currentRowChanged.connect(self._show_current)
        self.name = QLineEdit()
        self.name.setPlaceholderText("what the column is called")
        self.kind = QComboBox()
        for kind in StageKind:
            self.kind.addItem(kind.label, kind.value)
        self.kind.setToolTip("What the stage means: reminders and pipeline counts go by it")
        self.apply_button = QPushButton("Apply")
        self.apply_button.clicked.connect(self.apply)
        self.name.returnPressed.connect(self.apply)
        self.add_button = QPushButton("Add stage")
        self.add_button.clicked.connect(self.add)
        self.up_button = QPushButton("Move up")
        self.up_button.clicked.connect(lambda: self.move_stage(-1))
        self.down_button = QPushButton("Move down")
        self.down_button.clicked.connect(lambda: self.move_stage(1))
        self.delete_button = QPushButton("Delete stage")
        self.delete_button.clicked.connect(self.delete)
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Kind", self.kind)
        side = QVBoxLayout()
        side.addLayout(form)
        for button in (
            self.apply_button,
            self.add_button,
            self.up_button,
            self.down_button,
            self.delete_button,
        ):
            side.addWidget(button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(close)
        self.resize(560, 380)
        events.changed.connect(self._changed)
        self.reload()

    def reload(self, select: int | None = None) -> None:
        keep = select if select is not None else self.current_id()
        self.stages = self._ws.vacancies.stages(self.vacancy_id)
        self.list.clear()
        for stage in self.stages:
            outcome = "  (outcome)" if stage.kind in OUTCOME_KINDS else ""
            item = QListWidgetItem(f"{stage.name}  ·  {stage.kind.label.lower()}{outcome}")
            item.setData(Qt.ItemDataRole.UserRole, stage.id)
            self.list.addItem(item)
        ids = [s.id for s in self.stages]
        self.list.setCurrentRow(ids.index(keep) if keep in ids else 0)

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def _show_current(self, row: int) -> None:
        if 0 <= row < len(self.stages):
            stage = self.stages[row]
            self.name.setText(stage.name)
            self.kind.setCurrentIndex(self.kind.findData(stage.kind.value))
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < len(self.stages) - 1)

    def _run(self, label: str, fn: Callable[[], object], select: int | None = None) -> None:
        self._events.ops.run(
            label, fn, success=lambda result: self.reload(select or _id(result)), parent=self
        )

    def apply(self) -> None:
        stage_id = self.current_id()
        if stage_id is not None:
            name, kind = self.name.text(), StageKind(str(self.kind.currentData()))
            vacancies = self._ws.vacancies
            self._run(
                f"Changing the stage {name}", lambda: vacancies.update_stage(stage_id, name, kind)
            )

    def add(self) -> None:
        row = self.list.currentRow()
        vacancies, vacancy_id = self._ws.vacancies, self.vacancy_id
        taken = {s.name.casefold() for s in self.stages}
        name, number = "New stage", 1
        while name.casefold() in taken:
            number += 1
            name = f"New stage {number}"
        self._run(
            "Adding a stage",
            lambda: vacancies.add_stage(vacancy_id, name, StageKind.SCREENING, row + 1),
        )

    def move_stage(self, delta: int) -> None:
        stage_id, row = self.current_id(), self.list.currentRow()
        if stage_id is not None:
            vacancies = self._ws.vacancies
            self._run(
                "Reordering stages", lambda: vacancies.move_stage(stage_id, row + delta), stage_id
            )

    def delete(self) -> None:
        stage_id = self.current_id()
        if stage_id is not None:
            vacancies = self._ws.vacancies
            self._run("Deleting a stage", lambda: vacancies.delete_stage(stage_id))

    def _changed(self, changes: Changes) -> None:
        if (changes.vacancies or changes.external) and self.isVisible():
            self.reload()


def _id(result: object) -> int | None:
    return result if isinstance(result, int) else None
