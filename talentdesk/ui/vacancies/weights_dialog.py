"""How much each matching criterion counts for one vacancy: a weight from 0 to 100 each, and
"Reset to defaults"."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from talentdesk.core.vacancies.match_criteria import LABELS, MAX_WEIGHT
from talentdesk.core.vacancies.matching import DEFAULT_WEIGHTS


class WeightsDialog(QDialog):
    def __init__(self, weights: dict[str, int], title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Matching weights")
        self.spins: dict[str, QSpinBox] = {}
        form = QFormLayout(self)
        intro = QLabel(
            f"How much each criterion counts when ranking candidates for {title}. "
            "A criterion weighing 0 is shown but not scored."
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        for key, label in LABELS.items():
            spin = QSpinBox()
            spin.setObjectName(f"weight_{key}")
            spin.setRange(0, MAX_WEIGHT)
            spin.setValue(weights.get(key, DEFAULT_WEIGHTS.get(key, 0)))
            spin.setAccessibleName(f"{label} weight")
            self.spins[key] = spin
            form.addRow(label, spin)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.reset_button = QPushButton("Reset to defaults")
        self.reset_button.setObjectName("resetWeightsButton")
        self.reset_button.clicked.connect(self.reset)
        buttons.addButton(self.reset_button, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def reset(self) -> None:
        for key, spin in self.spins.items():
            spin.setValue(DEFAULT_WEIGHTS.get(key, 0))

    def weights(self) -> dict[str, int] | None:
        """The weights chosen; None when they are the defaults (stored as "no own weights")."""
        chosen = {key: spin.value() for key, spin in self.spins.items()}
        defaults = {key: DEFAULT_WEIGHTS.get(key, 0) for key in self.spins}
        return None if chosen == defaults else chosen
