"""Step 2: which column feeds which candidate field, guessed from the header and a preset."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from talentdesk.core.csvio.mapping import (
    APPEND_NOTES,
    IGNORE,
    TARGETS,
    detect_preset,
    guess_mapping,
    target_label,
)

if TYPE_CHECKING:
    from talentdesk.ui.import_wizard.wizard import ImportWizard

PRESET_LABELS = {
    "auto": "Automatic guess from the column names",
    "linkedin": "LinkedIn Connections export",
    "google": "Google Contacts export",
    "outlook": "Outlook contacts export",
    "talentdesk": "TalentDesk export",
}
NAME_TARGETS = {"first_name", "last_name", "full_name"}
# Targets that may take several columns.
_REPEATABLE = {IGNORE, APPEND_NOTES, "other_emails", "tags"}
EXAMPLES = 3


class MappingPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Match the columns")
        self.setSubTitle(
            "Choose the TalentDesk field each column goes into. Columns set to “ignore” are "
            "left out; “Append to notes” keeps them in the candidate's notes."
        )
        self.preset = QComboBox()
        self.preset.setObjectName("presetChoice")
        for key, label in PRESET_LABELS.items():
            self.preset.addItem(label, key)
        self.preset.activated.connect(self._apply_preset)
        top = QHBoxLayout()
        start = QLabel("&Start from")
        start.setBuddy(self.preset)
        top.addWidget(start)
        top.addWidget(self.preset, 1)

        self.table = QTableWidget(0, 3)
        self.table.setObjectName("mappingTable")
        self.table.setHorizontalHeaderLabels(["Column in the file", "Examples", "Goes into"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.problem = QLabel()
        self.problem.setObjectName("mappingProblem")
        self.problem.setStyleSheet("color: #b91c1c;")
        self.problem.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        self._combos: list[QComboBox] = []
        self._header: list[str] | None = None

    def _wizard(self) -> ImportWizard:
        return self.wizard()  # type: ignore[return-value]

    def initializePage(self) -> None:
        state = self._wizard().state
        assert state.layout is not None
        if self._header == state.layout.header and self._combos:
            return  # back and forth on the same file keeps the user's choices
        self._header = list(state.layout.header)
        preset = detect_preset(self._header)
        self.preset.setCurrentIndex(self.preset.findData(preset))
        self._build(guess_mapping(self._header, preset))

    def _apply_preset(self) -> None:
        assert self._header is not None
        self.set_mapping(guess_mapping(self._header, self.preset.currentData()))

    def _build(self, mapping: list[str]) -> None:
        state = self._wizard().state
        assert self._header is not None
        self.table.setRowCount(len(self._header))
        self._combos = []
        for row, column in enumerate(self._header):
            self.table.setItem(row, 0, QTableWidgetItem(column or f"(column {row + 1})"))
            samples = [r[row].strip() for r in state.preview if row < len(r) and r[row].strip()]
            example = " · ".join(s if len(s) < 40 else s[:40] + "…" for s in samples[:EXAMPLES])
            item = QTableWidgetItem(example)
            item.setToolTip("\n".join(samples[:10]))
            self.table.setItem(row, 1, item)
            combo = QComboBox()
            combo.setAccessibleName(f"Field for column {column}")
            for target in TARGETS:
                combo.addItem(target_label(target), target)
            combo.currentIndexChanged.connect(self._check)
            self.table.setCellWidget(row, 2, combo)
            self._combos.append(combo)
        self.set_mapping(mapping)

    def set_mapping(self, mapping: list[str]) -> None:
        for combo, target in zip(self._combos, mapping, strict=True):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(target)))
            combo.blockSignals(False)
        self._check()

    def set_target(self, column: int, target: str) -> None:
        self._combos[column].setCurrentIndex(self._combos[column].findData(target))

    def mapping(self) -> list[str]:
        return [combo.currentData() for combo in self._combos]

    def _problem(self) -> str:
        mapping = self.mapping()
        if not NAME_TARGETS & set(mapping):
            return "Choose at least one column for the first, last or full name."
        twice = [
            t
            for t, n in Counter(mapping).items()
            if n > 1 and t not in _REPEATABLE and not t.startswith("tags:")
        ]
        if twice:
            return (
                f"“{target_label(twice[0])}” is chosen for more than one column; "
                "choose it once (several e-mail columns can go into “Other e-mails”)."
            )
        return ""

    def _check(self) -> None:
        self.problem.setText(self._problem())
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self._combos) and not self._problem()

    def validatePage(self) -> bool:
        state = self._wizard().state
        state.mapping = self.mapping()
        state.preset = self.preset.currentData()
        return True
