"""Step 2: which column feeds which candidate field, guessed from the header and a preset."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from talentdesk.core.csvio import saved_mappings
from talentdesk.core.csvio.mapping import (
    APPEND_NOTES,
    IGNORE,
    TARGETS,
    detect_preset,
    fold_header,
    guess_mapping,
    target_label,
)
from talentdesk.core.csvio.saved_mappings import SavedMapping
from talentdesk.core.errors import TalentDeskError
from talentdesk.ui.errors import show_error

if TYPE_CHECKING:
    from talentdesk.ui.import_wizard.state import WizardHost

PRESET_LABELS = {
    "auto": "Automatic guess from the column names and values",
    "linkedin": "LinkedIn Connections export",
    "google": "Google Contacts export",
    "outlook": "Outlook contacts export",
    "talentdesk": "TalentDesk export",
}
NAME_TARGETS = {"first_name", "last_name", "full_name"}
# Targets that may take several columns.
_REPEATABLE = {IGNORE, APPEND_NOTES, "other_emails", "tags"}
EXAMPLES = 3
SAVED = "saved:"  # prefix of a saved mapping's entry in the "Start from" list


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
        self.save_button = QPushButton("Sa&ve mapping…")
        self.save_button.setObjectName("saveMapping")
        self.save_button.setToolTip("Keep this mapping under a name for the next file like this")
        self.save_button.clicked.connect(self.ask_save)
        self.delete_button = QPushButton("Delete saved")
        self.delete_button.setObjectName("deleteMapping")
        self.delete_button.clicked.connect(self.delete_saved)
        top = QHBoxLayout()
        start = QLabel("&Start from")
        start.setBuddy(self.preset)
        top.addWidget(start)
        top.addWidget(self.preset, 1)
        top.addWidget(self.save_button)
        top.addWidget(self.delete_button)

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
        # Which columns were matched by their values rather than their headers.
        self.by_values = QLabel()
        self.by_values.setObjectName("mappedByValues")
        self.by_values.setWordWrap(True)
        self.by_values.hide()
        layout.addWidget(self.by_values)
        layout.addWidget(self.problem)
        self._combos: list[QComboBox] = []
        self._saved: dict[str, SavedMapping] = {}
        self._header: list[str] | None = None

    def _wizard(self) -> WizardHost:
        return self.wizard()  # type: ignore[return-value]

    def initializePage(self) -> None:
        state = self._wizard().state
        assert state.layout is not None
        if self._header == state.layout.header and self._combos:
            return  # back and forth on the same file keeps the user's choices
        self._header = list(state.layout.header)
        saved = self._fill_choices()
        # A saved mapping made for files with exactly these columns wins over a preset.
        folded = [fold_header(h) for h in self._header]
        same = next((m for m in saved if [fold_header(h) for h in m.header] == folded), None)
        choice = SAVED + same.name if same else detect_preset(self._header)
        self.preset.setCurrentIndex(self.preset.findData(choice))
        self._build(self._mapping_for(choice))

    def _fill_choices(self) -> list[SavedMapping]:
        """Presets, then the saved mappings; returns the saved ones."""
        self._saved = {m.name: m for m in self._wizard().ws.saved_mappings()}
        self.preset.clear()
        for key, label in PRESET_LABELS.items():
            self.preset.addItem(label, key)
        if self._saved:
            self.preset.insertSeparator(self.preset.count())
        for name in self._saved:
            self.preset.addItem(f"Saved: {name}", SAVED + name)
        return list(self._saved.values())

    def _mapping_for(self, choice: str) -> list[str]:
        assert self._header is not None
        if choice.startswith(SAVED):
            self._show_by_values([], [])
            return saved_mappings.apply(self._saved[choice.removeprefix(SAVED)], self._header)
        mapping = guess_mapping(self._header, choice, self._wizard().state.preview)
        by_header = guess_mapping(self._header, choice)
        self._show_by_values(
            [i for i, (a, b) in enumerate(zip(mapping, by_header, strict=True)) if a != b],
            mapping,
        )
        return mapping

    def _show_by_values(self, columns: list[int], mapping: list[str]) -> None:
        """Name the columns whose field was chosen from the values they hold."""
        assert self._header is not None
        named = [
            f"“{self._header[i] or f'column {i + 1}'}” → {target_label(mapping[i])}"
            for i in columns
        ]
        self.by_values.setText(
            "Matched by what the column holds: " + ", ".join(named) + "." if named else ""
        )
        self.by_values.setVisible(bool(named))

    def _apply_preset(self) -> None:
        self.set_mapping(self._mapping_for(self.preset.currentData()))

    def ask_save(self) -> None:
        current = self.preset.currentData()
        suggested = current.removeprefix(SAVED) if current.startswith(SAVED) else ""
        name, ok = QInputDialog.getText(
            self, "Save mapping", "Name for this mapping:", text=suggested
        )
        if not ok or not name.strip():
            return
        if name.strip() in self._saved and name.strip() != suggested:
            answer = QMessageBox.question(
                self, "Replace saved mapping?", f"Replace the saved mapping “{name.strip()}”?"
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.save_as(name)

    def save_as(self, name: str) -> None:
        """Save the current mapping as `name` and select it."""
        assert self._header is not None
        base = self.preset.currentData()
        preset = self._saved[base.removeprefix(SAVED)].preset if base.startswith(SAVED) else base
        wizard, header, mapping = self._wizard(), list(self._header), self.mapping()

        def saved(stored: SavedMapping) -> None:
            self._fill_choices()
            self.preset.setCurrentIndex(self.preset.findData(SAVED + stored.name))
            self.set_mapping(mapping)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, TalentDeskError):
                QMessageBox.warning(self, "Mapping not saved", f"{exc.message}\n\n{exc.hint}")
            else:
                show_error(self, exc, "Mapping not saved")

        wizard.ops.run(
            f"Saving the column mapping “{name.strip()}”",
            lambda: wizard.ws.save_mapping(name, header, mapping, preset),
            success=saved,
            failure=failed,
        )

    def delete_saved(self) -> None:
        current = self.preset.currentData()
        if not current.startswith(SAVED):
            return
        wizard, mapping = self._wizard(), self.mapping()

        def deleted(_: object) -> None:
            self._fill_choices()
            self.preset.setCurrentIndex(0)
            self.set_mapping(mapping)

        wizard.ops.run(
            f"Deleting the column mapping “{current.removeprefix(SAVED)}”",
            lambda: wizard.ws.delete_mapping(current.removeprefix(SAVED)),
            success=deleted,
            parent=self,
        )

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
        self.delete_button.setEnabled(str(self.preset.currentData()).startswith(SAVED))
        self.problem.setText(self._problem())
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self._combos) and not self._problem()

    def validatePage(self) -> bool:
        state = self._wizard().state
        state.mapping = self.mapping()
        choice = self.preset.currentData()
        saved = self._saved.get(choice.removeprefix(SAVED)) if choice.startswith(SAVED) else None
        state.preset = saved.preset if saved else choice
        return True
