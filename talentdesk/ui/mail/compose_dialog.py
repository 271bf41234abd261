"""Compose to one candidate or many: a template or your own words, a preview recipient by
recipient exactly as each gets it, who is skipped and why, then into the outbox."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.db.enums import VacancyStatus
from talentdesk.core.errors import TalentDeskError, ValidationError
from talentdesk.core.mail.account import MailAccount
from talentdesk.core.mail.outbox import Plan
from talentdesk.core.mail.templates import Template
from talentdesk.ui.errors import show_error
from talentdesk.ui.mail.preview import MailPreview
from talentdesk.ui.mail.services import MailServices
from talentdesk.ui.mail.templates_dialog import FieldInserter, merge_field_list

ROLE_TEMPLATE = "role that fits you"  # the starter template for people matched to a role
PLAN_DELAY_MS = 300  # wait for a pause in typing before rendering for everyone again
OWN_WORDS = "(write your own)"


class ComposeDialog(QDialog):
    queued = Signal(int)  # how many messages went into the outbox

    def __init__(
        self,
        mail: MailServices,
        account: MailAccount,
        candidate_ids: Sequence[int],
        pool_id: int | None = None,
        parent: QWidget | None = None,
        vacancy_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._mail = mail
        self._account = account
        self._ids = list(candidate_ids)
        self.plan: Plan | None = None
        noun = "candidate" if len(self._ids) == 1 else "candidates"
        self.setWindowTitle(f"E-mail {len(self._ids):,} {noun}")

        splitter = QSplitter()
        splitter.addWidget(self._write_side(pool_id, vacancy_id))
        splitter.addWidget(self._preview_side())
        splitter.setSizes([480, 480])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self._buttons())
        self.resize(1000, 620)
        self.refresh_plan()

    # -- building: the message on the left, the preview on the right, the buttons ----------
    def _write_side(self, pool_id: int | None, vacancy_id: int | None) -> QWidget:
        """Template, pool, vacancy, subject and message, with the merge fields to insert."""
        mail = self._mail
        self.template = QComboBox()
        self.template.setObjectName("composeTemplate")
        self.template.addItem(OWN_WORDS, None)
        for template in mail.templates.all():
            self.template.addItem(template.name, template)
        self.template.currentIndexChanged.connect(self._template_chosen)
        self.pool = QComboBox()
        self.pool.setObjectName("composePool")
        self.pool.setToolTip("Fills in {{ pool.name }} and {{ pool.stage }}")
        self.pool.addItem("No pool", None)
        for summary in mail.ws.reads.pool_summaries():
            self.pool.addItem(summary.name, summary.id)
        self.pool.setCurrentIndex(max(self.pool.findData(pool_id), 0))
        self.pool.currentIndexChanged.connect(self.refresh_plan)
        self.vacancy = vacancy_choice(mail, vacancy_id)
        self.vacancy.currentIndexChanged.connect(self.refresh_plan)
        self.subject = QLineEdit()
        self.subject.setObjectName("composeSubject")
        self.body = QPlainTextEdit()
        self.body.setObjectName("composeBody")
        self.body.setPlaceholderText("Hi {{ first_name }}, …")
        self.with_html = QCheckBox("Also send an HTML version")
        self.with_html.setToolTip("Made from the plain text: paragraphs and line breaks")
        self.with_html.toggled.connect(self.refresh_plan)
        fields = merge_field_list()
        fields.setMaximumHeight(110)
        self._inserter = FieldInserter(fields, self.subject, self.body)
        self._timer = QTimer(self, singleShot=True, interval=PLAN_DELAY_MS)
        self._timer.timeout.connect(self.refresh_plan)
        self.subject.textChanged.connect(self._timer.start)
        self.body.textChanged.connect(self._timer.start)
        write = QWidget()
        form = QFormLayout(write)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Template", self.template)
        form.addRow("Pool", self.pool)
        form.addRow("Vacancy", self.vacancy)
        form.addRow("Subject", self.subject)
        form.addRow("Message", self.body)
        form.addRow("Merge fields", fields)
        form.addRow("", self.with_html)
        return write

    def _preview_side(self) -> QWidget:
        """The preview: one recipient at a time, as they get it; who is skipped under it."""
        pane = self.preview_pane = MailPreview(
            self._account, nobody="Nobody to send to", skipped_title="Will be skipped",
            place_skipped=False,
        )  # fmt: skip
        self.recipient, self.preview = pane.recipient, pane.preview
        self.previous_button, self.next_button = pane.previous_button, pane.next_button
        self.skipped, self.skipped_box = pane.skipped, pane.skipped_box
        self.problem = QLabel()
        self.problem.setObjectName("composeProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b91c1c;")
        preview_box = QGroupBox("Preview")
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.addWidget(pane, 1)
        preview_layout.addWidget(self.problem)
        self.not_contacted = QLabel()
        self.not_contacted.setObjectName("composeNotContacted")
        self.not_contacted.setStyleSheet("color: #991b1b;")
        preview_layout.addWidget(self.not_contacted)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(preview_box, 1)
        right_layout.addWidget(self.skipped_box)
        return right

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.preview_button = QPushButton("Preview")
        self.preview_button.setObjectName("previewButton")
        self.preview_button.setToolTip("Render the message for every recipient now")
        self.preview_button.clicked.connect(self.refresh_plan)
        self.send_button = QPushButton("Queue and send")
        self.send_button.setObjectName("queueAndSendButton")
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.queue_and_send)
        buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        return buttons

    def choose_template(self, name: str) -> None:
        self.template.setCurrentIndex(self.template.findText(name))

    def choose_template_like(self, words: str) -> bool:
        """Choose the first template whose name has `words` in it (any case); False: none."""
        for index in range(self.template.count()):
            if words.casefold() in self.template.itemText(index).casefold():
                self.template.setCurrentIndex(index)
                return True
        return False

    def _template_chosen(self) -> None:
        template: Template | None = self.template.currentData()
        if template is not None:
            self.subject.setText(template.subject)
            self.body.setPlainText(template.body)
        self.refresh_plan()

    # -- rendering for everyone --------------------------------------------------------------
    def refresh_plan(self) -> None:
        """Render the message for every recipient (writes nothing) and show who is skipped."""
        self._timer.stop()
        chosen: Template | None = self.template.currentData()  # its name: reply rate by template
        name = chosen.name if chosen is not None else ""
        template = Template(name, self.subject.text(), self.body.toPlainText())
        try:
            self.plan = self._mail.outbox.plan(
                template,
                self._ids,
                self._account,
                pool_id=self.pool.currentData(),
                vacancy_id=self.vacancy.currentData(),
                with_html=self.with_html.isChecked(),
            )
        except ValidationError as exc:
            self.plan = None
            self.problem.setText("\n".join(f"{k.capitalize()}: {v}" for k, v in exc.errors.items()))
        except TalentDeskError as exc:
            self.plan = None
            self.problem.setText(exc.message)
        else:
            self.problem.clear()
        plan = self.plan
        self.preview_pane.show_plan(
            plan.drafts if plan else (), plan.skipped if plan else (), None if plan else ""
        )
        self.send_button.setEnabled(self._draft_count() > 0)
        self.not_contacted.setText(plan.not_contacted if plan else "")
        self.not_contacted.setVisible(bool(plan and plan.not_contacted))

    def _draft_count(self) -> int:
        return len(self.plan.drafts) if self.plan else 0

    def show_recipient(self, index: int) -> None:
        self.preview_pane.show_recipient(index)

    # -- into the outbox ------------------------------------------------------------------------
    def queue_and_send(self) -> None:
        self.refresh_plan()  # what is queued is what the preview shows, rendered just now
        if self.plan is None or not self.plan.drafts:
            return
        outbox, plan = self._mail.outbox, self.plan

        def queued(count: int) -> None:
            self.accept()
            self.queued.emit(count)

        def not_queued(exc: BaseException) -> None:
            self.send_button.setEnabled(True)
            show_error(self, exc, "Messages not queued")

        self.send_button.setEnabled(False)
        self._mail.ops.run(
            f"Queueing {len(plan.drafts):,} message(s)",
            lambda: outbox.queue(plan),
            success=queued,
            failure=not_queued,
        )


def vacancy_choice(mail: MailServices, vacancy_id: int | None) -> QComboBox:
    """ "No vacancy", then every vacancy (open ones first); `vacancy_id` chosen."""
    box = QComboBox()
    box.setObjectName("composeVacancy")
    box.setToolTip("Fills in {{ vacancy.title }}, {{ vacancy.company }} and {{ vacancy.location }}")
    box.addItem("No vacancy", None)
    for summary in mail.ws.vacancies.summaries():
        client = f" · {summary.company}" if summary.company else ""
        closed = "" if summary.status is VacancyStatus.OPEN else f" ({summary.status.label})"
        box.addItem(f"{summary.title}{client}{closed}", summary.id)
    box.setCurrentIndex(max(box.findData(vacancy_id), 0))
    return box
