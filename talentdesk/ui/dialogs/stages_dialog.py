"""Edit a pool's or a vacancy's stages: names, order, and what each stage means (its kind,
which reminders and the vacancy's close rely on). Saved whole, as one operation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.db.enums import StageKind
from talentdesk.core.stages import Pipeline, StageRow
from talentdesk.core.workspace import Workspace
from talentdesk.ui.errors import show_error
from talentdesk.ui.events import Events

_NAME, _KIND, _PEOPLE = range(3)
_ID_ROLE = Qt.ItemDataRole.UserRole

KIND_HINTS = {
    StageKind.NEW: "found, not contacted yet",
    StageKind.CONTACTED: "reached out",
    StageKind.SCREENING: "talking, qualifying",
    StageKind.INTERVIEWING: "feedback owed after a while",
    StageKind.OFFER: "an offer is out",
    StageKind.HIRED: "an outcome: hired",
    StageKind.REJECTED: "an outcome: not a fit, feedback owed",
    StageKind.DECLINED: "an outcome: they said no, feedback owed",
    StageKind.WITHDRAWN: "an outcome: they withdrew, feedback owed",
}


class StagesDialog(QDialog):
    def __init__(
        self,
        ws: Workspace,
        events: Events,
        pipeline: Pipeline,
        owner_id: int,
        owner_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("stagesDialog")
        self.setWindowTitle(f"Stages — {owner_name}")
        self._ws, self._events = ws, events
        self._pipeline, self._owner_id = pipeline, owner_id
        intro = QLabel(
            "Rename, reorder and add stages. “Means” is what TalentDesk relies on: who is owed "
            "feedback, and where a closed vacancy puts each outcome."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("stagesTable")
        self.table.setHorizontalHeaderLabels(["Stage", "Means", "People"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(_KIND, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(_PEOPLE, QHeaderView.ResizeMode.ResizeToContents)
        for row in ws.stages.stages(pipeline, owner_id):
            self._append(row)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        side = self._side_buttons()
        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addLayout(side)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(middle, 1)
        layout.addWidget(buttons)
        self.resize(620, 420)
        self.table.selectRow(0)
        self._update_buttons()

    def _side_buttons(self) -> QVBoxLayout:
        self.add_button = QPushButton("&Add stage")
        self.add_button.clicked.connect(self.add_stage)
        self.remove_button = QPushButton("&Remove")
        self.remove_button.clicked.connect(self.remove_stage)
        self.up_button = QPushButton("Move &up")
        self.up_button.setToolTip("Alt+Up")
        self.up_button.clicked.connect(lambda: self.move_stage(-1))
        self.down_button = QPushButton("Move &down")
        self.down_button.setToolTip("Alt+Down")
        self.down_button.clicked.connect(lambda: self.move_stage(1))
        QShortcut(QKeySequence("Alt+Up"), self, lambda: self.move_stage(-1))
        QShortcut(QKeySequence("Alt+Down"), self, lambda: self.move_stage(1))
        side = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            side.addWidget(button)
        side.addStretch()
        return side

    def _append(self, row: StageRow, at: int | None = None) -> None:
        index = self.table.rowCount() if at is None else at
        blocked = self.table.blockSignals(True)  # half-built until its last cell is set
        self.table.insertRow(index)
        name = QTableWidgetItem(row.name)
        name.setData(_ID_ROLE, row.id)
        self.table.setItem(index, _NAME, name)
        kind = QComboBox()
        for each in StageKind:
            kind.addItem(each.label, each)
            kind.setItemData(kind.count() - 1, KIND_HINTS[each], Qt.ItemDataRole.ToolTipRole)
        kind.setCurrentIndex(kind.findData(row.kind))
        self.table.setCellWidget(index, _KIND, kind)
        people = QTableWidgetItem(f"{row.people:,}")
        people.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        people.setData(_ID_ROLE, row.people)
        people.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(index, _PEOPLE, people)
        self.table.blockSignals(blocked)

    def rows(self) -> list[StageRow]:
        """The pipeline as edited, in order."""
        found = []
        for index in range(self.table.rowCount()):
            name = self.table.item(index, _NAME)
            kind = self.table.cellWidget(index, _KIND)
            people = self.table.item(index, _PEOPLE)
            if name is None or people is None or not isinstance(kind, QComboBox):
                continue  # a row being built
            count = people.data(_ID_ROLE)
            found.append(StageRow(name.data(_ID_ROLE), name.text(), kind.currentData(), count))
        return found

    def _current(self) -> int:
        return self.table.currentRow()

    def add_stage(self) -> None:
        at = self._current() + 1 if self._current() >= 0 else self.table.rowCount()
        self._append(StageRow(None, "New stage", StageKind.SCREENING), at)
        self.table.selectRow(at)
        if (item := self.table.item(at, _NAME)) is not None:
            self.table.editItem(item)

    def remove_stage(self) -> None:
        index = self._current()
        if index >= 0 and self.rows()[index].people == 0:
            self.table.removeRow(index)
            self._update_buttons()

    def move_stage(self, step: int) -> None:
        index, rows = self._current(), self.rows()
        target = index + step
        if index < 0 or not 0 <= target < len(rows):
            return
        moving = rows[index]
        self.table.blockSignals(True)
        self.table.removeRow(index)
        self._append(moving, target)
        self.table.blockSignals(False)
        self.table.selectRow(target)
        self._update_buttons()

    def _update_buttons(self) -> None:
        index, rows = self._current(), self.rows()
        busy = index >= 0 and rows[index].people > 0
        self.remove_button.setEnabled(index >= 0 and not busy and len(rows) > 1)
        self.remove_button.setToolTip(
            f"{rows[index].people:,} people are at this stage: move them first" if busy else ""
        )
        self.up_button.setEnabled(index > 0)
        self.down_button.setEnabled(0 <= index < len(rows) - 1)

    def save(self) -> None:
        stages, rows = self._ws.stages, self.rows()
        pipeline, owner_id = self._pipeline, self._owner_id
        self.save_button.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self.save_button.setEnabled(True)
            show_error(self, exc, "Stages not saved")

        self._events.ops.run(
            "Saving the stages",
            lambda: stages.save(pipeline, owner_id, rows),
            success=lambda _: self.accept(),
            failure=failed,
            parent=self,
        )
