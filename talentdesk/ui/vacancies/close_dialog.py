"""Close a vacancy: what happened to everyone still in its pipeline, who is a near fit for a
pool, the final status, and the feedback e-mail per outcome, previewed per person. Closing is
one undoable command (Ctrl+Z reopens the role exactly); the e-mails then go to the outbox and
stay there."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.db.enums import StageKind, VacancyStatus
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.mail.account import MailAccount
from talentdesk.core.mail.templates import Template
from talentdesk.core.vacancies.close_mail import SUGGESTED_TEMPLATES, CloseMail, plan_close_mail
from talentdesk.core.vacancies.close_records import CLOSE_OUTCOMES, ClosePlan
from talentdesk.ui.mail.preview import MailPreview
from talentdesk.ui.vacancies.close_command import CloseVacancy, CloseWish

if TYPE_CHECKING:
    from talentdesk.ui.mail.services import MailServices
    from talentdesk.ui.main_window import MainWindow

OUTCOME_LABELS = {
    StageKind.HIRED: "Hired",
    StageKind.REJECTED: "Not a fit",
    StageKind.DECLINED: "Declined",
    StageKind.WITHDRAWN: "Withdrawn",
}
NO_MAIL = "(no e-mail)"
NAME, STAGE, OUTCOME, NEAR_FIT, MAIL = range(5)


def open_close_dialog(window: MainWindow, vacancy_id: int) -> CloseVacancyDialog | None:
    """Ask how the role ended, then close it (one undoable command) and queue the e-mails."""
    try:
        plan = window.ws.closing.plan_close(vacancy_id)
    except TalentDeskError as exc:
        window.status(exc.message)
        return None
    if plan.status in (VacancyStatus.FILLED, VacancyStatus.CLOSED):
        window.status(f"{plan.title} is {plan.status.label.lower()} already.", 4000)
        return None
    services = window.mail_ui.services
    dialog = CloseVacancyDialog(window, plan, services, services.account())
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


class CloseVacancyDialog(QDialog):
    def __init__(
        self,
        window: MainWindow,
        plan: ClosePlan,
        mail: MailServices,
        account: MailAccount | None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._plan = plan
        self._mail = mail
        self._account = account
        self.mail_plan: CloseMail | None = None
        self.setWindowTitle(f"Close {plan.title}")
        splitter = QSplitter()
        splitter.addWidget(self._people_side())
        splitter.addWidget(self._mail_side())
        splitter.setSizes([620, 480])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = QPushButton("Close vacancy")
        self.close_button.setObjectName("closeVacancyButton")
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.close_vacancy)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(1100, 620)
        self._suggest_status()
        self.refresh_mail()

    # -- who is still in the pipeline ------------------------------------------------------------
    def _people_side(self) -> QWidget:
        plan = self._plan
        intro = QLabel(
            f"{len(plan.people)} still in the pipeline of {plan.title}: what happened?"
            if plan.people
            else f"Nobody is left in the pipeline of {plan.title}."
        )
        intro.setWordWrap(True)
        self.table = self._people_table()
        self.set_all = self._outcome_box(None)
        self.set_all.setObjectName("setAllOutcome")
        self.set_all.insertItem(0, "Set all to…", None)
        self.set_all.setCurrentIndex(0)
        self.set_all.activated.connect(self._set_all_chosen)
        self.pool = QComboBox()
        self.pool.setObjectName("nearFitPool")
        self.pool.addItem("No pool (only flag them)", None)
        for summary in self._window.ws.reads.pool_summaries(counted=False):
            self.pool.addItem(summary.name, summary.id)
        self.pool.currentIndexChanged.connect(self._load_stages)
        self.stage = QComboBox()
        self.stage.setObjectName("nearFitStage")
        self.status_box = QComboBox()
        self.status_box.setObjectName("finalStatus")
        for status in (VacancyStatus.FILLED, VacancyStatus.CLOSED):
            self.status_box.addItem(status.label, status)
        form = QFormLayout()
        form.addRow("Near fits go to", self.pool)
        form.addRow("At stage", self.stage)
        form.addRow("The role is now", self.status_box)
        side = QWidget()
        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(intro, 1)
        top.addWidget(self.set_all)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        self._load_stages()
        return side

    def _people_table(self) -> QTableWidget:
        """A row per person: name, stage, an outcome to choose, near fit, where mail goes."""
        table = QTableWidget(len(self._plan.people), 5)
        table.setObjectName("closePeople")
        table.setHorizontalHeaderLabels(["Name", "Stage", "Outcome", "Near fit", "E-mail"])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.outcome_boxes: list[QComboBox] = []
        for row, person in enumerate(self._plan.people):
            table.setItem(row, NAME, QTableWidgetItem(person.name))
            table.setItem(row, STAGE, QTableWidgetItem(person.stage))
            box = self._outcome_box(person.suggested)
            box.currentIndexChanged.connect(self._outcomes_changed)
            table.setCellWidget(row, OUTCOME, box)
            self.outcome_boxes.append(box)
            near = QTableWidgetItem()
            near.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            near.setCheckState(
                Qt.CheckState.Checked if person.near_fit else Qt.CheckState.Unchecked
            )
            table.setItem(row, NEAR_FIT, near)
            why = (
                "do not contact" if person.do_not_contact else "" if person.email else "no address"
            )
            table.setItem(row, MAIL, QTableWidgetItem(why or person.email or ""))
        table.resizeColumnsToContents()
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.currentCellChanged.connect(lambda row, *_: self.preview_person(row))
        return table

    def _kinds(self) -> list[StageKind]:
        """The outcomes this role has a stage for (a stage deleted by the user is not offered)."""
        return [k for k in CLOSE_OUTCOMES if k in self._plan.outcome_stages]

    def _outcome_box(self, chosen: StageKind | None) -> QComboBox:
        box = QComboBox()
        for kind in self._kinds():
            box.addItem(OUTCOME_LABELS[kind], kind)
        if chosen is not None:
            box.setCurrentIndex(max(0, box.findData(chosen)))
        return box

    def _set_all_chosen(self) -> None:
        kind = self.set_all.currentData()
        if kind:
            for box in self.outcome_boxes:
                box.setCurrentIndex(box.findData(kind))
        self.set_all.setCurrentIndex(0)

    def _load_stages(self) -> None:
        self.stage.clear()
        pool_id = self.pool.currentData()
        self.stage.setEnabled(pool_id is not None)
        if pool_id is not None:
            self.stage.addItem("As they are (the first stage if new)", None)
            for stage in self._window.ws.pools.stages(pool_id):
                self.stage.addItem(stage.name, stage.id)

    def _outcomes_changed(self) -> None:
        self._suggest_status()
        self.refresh_mail()

    def _suggest_status(self) -> None:
        hired = self._plan.hired_before > 0 or StageKind.HIRED in self.outcomes().values()
        wanted = VacancyStatus.FILLED if hired else VacancyStatus.CLOSED
        self.status_box.setCurrentIndex(self.status_box.findData(wanted))

    def status(self) -> VacancyStatus:
        return VacancyStatus(self.status_box.currentData())

    def outcomes(self) -> dict[int, StageKind]:
        return {
            person.application_id: StageKind(box.currentData())  # Qt hands back a str
            for person, box in zip(self._plan.people, self.outcome_boxes, strict=True)
        }

    def near_fits(self) -> list[int]:
        checked = []
        for row, person in enumerate(self._plan.people):
            item = self.table.item(row, NEAR_FIT)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                checked.append(person.application_id)
        return checked

    # -- the e-mails ---------------------------------------------------------------------------
    def _mail_side(self) -> QWidget:
        box = QGroupBox("Feedback e-mails")
        layout = QVBoxLayout(box)
        self.template_boxes: dict[StageKind, QComboBox] = {}
        if self._account is None:
            self.preview: MailPreview | None = None
            note = QLabel(
                "Set up your e-mail account (E-mail → E-mail account…) to send feedback "
                "when you close a role."
            )
            note.setWordWrap(True)
            layout.addWidget(note)
            layout.addStretch(1)
            return box
        templates = self._mail.templates.all()
        form = QFormLayout()
        for kind in self._kinds():
            choice = QComboBox()
            choice.setObjectName(f"template_{kind.value}")
            choice.addItem(NO_MAIL, None)
            for template in templates:
                choice.addItem(template.name, template)
            choice.setCurrentIndex(max(0, choice.findText(SUGGESTED_TEMPLATES[kind])))
            choice.currentIndexChanged.connect(self.refresh_mail)
            self.template_boxes[kind] = choice
            form.addRow(OUTCOME_LABELS[kind], choice)
        layout.addLayout(form)
        self.preview_of = QComboBox()
        self.preview_of.setObjectName("previewOutcome")
        for kind in self._kinds():
            self.preview_of.addItem(f"Preview: {OUTCOME_LABELS[kind].lower()}", kind)
        self.preview_of.currentIndexChanged.connect(self._show_preview)
        self.problem = QLabel()
        self.problem.setObjectName("closeMailProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b91c1c;")
        self.preview = MailPreview(self._account)
        layout.addWidget(self.preview_of)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.problem)
        return box

    def preview_person(self, row: int) -> None:
        """Show the message of the person in `row` (their outcome's preview, at them)."""
        if self.preview is None or not 0 <= row < len(self._plan.people):
            return
        kind = StageKind(self.outcome_boxes[row].currentData())
        self.preview_of.setCurrentIndex(self.preview_of.findData(kind))
        who = self._plan.people[row].candidate_id
        for index, draft in enumerate(self.preview.drafts):
            if draft.candidate_id == who:
                self.preview.show_recipient(index)

    def templates(self) -> dict[StageKind, Template | None]:
        return {kind: box.currentData() for kind, box in self.template_boxes.items()}

    def refresh_mail(self) -> None:
        """Render each outcome's template for its people (writes nothing)."""
        if self._account is None or self.preview is None:
            return
        try:
            self.mail_plan = plan_close_mail(
                self._mail.outbox, self._account, self._plan, self.outcomes(), self.templates()
            )
        except TalentDeskError as exc:
            self.mail_plan = None
            self.problem.setText(exc.message)
        else:
            self.problem.clear()
        self._show_preview()

    def _show_preview(self) -> None:
        if self.preview is None:
            return
        kind = StageKind(self.preview_of.currentData())
        plan = self.mail_plan.plans.get(kind) if self.mail_plan else None
        self.preview.show_plan(plan.drafts if plan else (), plan.skipped if plan else ())

    # -- closing -------------------------------------------------------------------------------
    def close_vacancy(self) -> None:
        """Close it as one undoable command; the e-mails as the preview shows them, rendered
        just now, are queued after it."""
        self.refresh_mail()
        pool_id = self.pool.currentData()
        wish = CloseWish(
            vacancy_id=self._plan.vacancy_id,
            title=self._plan.title,
            outcomes=self.outcomes(),
            status=self.status(),
            near_fits=self.near_fits(),
            pool_id=pool_id,
            stage_id=self.stage.currentData(),
        )
        mail = self.mail_plan if self.mail_plan and self.mail_plan.drafts else None
        skipped = self.mail_plan.skipped if self.mail_plan else 0
        self._window.undo_stack.push(CloseVacancy(self._window, wish, mail, skipped))
        self.accept()
