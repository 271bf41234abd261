"""Choose an open vacancy and the stage the chosen candidates start at (its "Contacted")."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from talentdesk.core.db.enums import StageKind, VacancyStatus
from talentdesk.core.vacancies.records import Added
from talentdesk.core.workspace import Workspace
from talentdesk.ui.panes.candidate_applications import stage_text

OPEN = frozenset({VacancyStatus.OPEN})


class AddToVacancyDialog(QDialog):
    def __init__(
        self,
        ws: Workspace,
        count: int,
        parent: QWidget | None = None,
        preselect: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._ws = ws
        self.setWindowTitle("Add to vacancy")
        self.vacancy = QComboBox()
        self.vacancy.setObjectName("vacancyChoice")
        self._titles: dict[int, str] = {}
        for summary in ws.vacancies.summaries(OPEN):
            client = f" · {summary.company}" if summary.company else ""
            self.vacancy.addItem(f"{summary.title}{client}", summary.id)
            self._titles[summary.id] = summary.title
        if preselect is not None and self.vacancy.findData(preselect) >= 0:
            self.vacancy.setCurrentIndex(self.vacancy.findData(preselect))
        self.stage = QComboBox()
        self.stage.setObjectName("vacancyStageChoice")
        self.vacancy.currentIndexChanged.connect(self._load_stages)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        who = "1 candidate" if count == 1 else f"{count:,} candidates"
        form.addRow(QLabel(f"Add {who} to:"))
        form.addRow("Vacancy", self.vacancy)
        form.addRow("Stage", self.stage)
        note = QLabel("People marked do not contact, or already in its pipeline, are left out.")
        note.setWordWrap(True)
        note.setStyleSheet("color: #6b7280;")
        form.addRow(note)
        form.addRow(buttons)
        self._load_stages()

    def _load_stages(self) -> None:
        self.stage.clear()
        vacancy_id = self.vacancy.currentData()
        if vacancy_id is None:
            return
        contacted = -1
        for stage in self._ws.vacancies.stages(vacancy_id):
            if stage.kind is StageKind.CONTACTED and contacted < 0:
                contacted = self.stage.count()
            self.stage.addItem(stage_text(stage.name, stage.kind), stage.id)
        self.stage.setCurrentIndex(max(contacted, 0))

    def choice(self) -> tuple[int, int | None]:
        return self.vacancy.currentData(), self.stage.currentData()

    def title(self) -> str:
        """The chosen vacancy's title, as the status bar names it."""
        return self._titles.get(self.vacancy.currentData(), "the vacancy")


def describe_added(added: Added, title: str) -> str:
    """ "Added 3 to Backend Developer · 1 already there · 1 marked do not contact"."""
    parts = [f"Added {len(added.added):,} to {title}"]
    if added.already:
        parts.append(f"{added.already:,} already there")
    if added.do_not_contact:
        parts.append(f"{added.do_not_contact:,} marked do not contact")
    return " · ".join(parts)
