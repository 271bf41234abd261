"""A role's detail (right of the view): its header and actions over the Board, List, Matching
and Details tabs. The matching widget is built elsewhere and handed in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStackedLayout,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.db.enums import VacancyStatus
from talentdesk.core.errors import NotFoundError
from talentdesk.core.ops.changes import Changes
from talentdesk.core.vacancies.records import VacancyRecord
from talentdesk.core.workspace import Workspace
from talentdesk.ui.events import Events
from talentdesk.ui.vacancies.board import BoardView
from talentdesk.ui.vacancies.pipeline_list import PipelineList
from talentdesk.ui.vacancies.status_chip import chip_style

HINT = "Select a role to see its pipeline,\nor press Ctrl+Shift+N to add a new one."
MATCHING_PLACEHOLDER = "Matching candidates from your pools will show here."


def _money(record: VacancyRecord) -> str:
    low, high = record.salary_min, record.salary_max
    if low is None and high is None:
        return ""
    band = "–".join(f"{v:,.0f}" for v in (low, high) if v is not None)
    return f"{band} {record.salary_currency or ''}".strip()


class VacancyDetail(QWidget):
    edit_requested = Signal()
    stages_requested = Signal()
    delete_requested = Signal()
    close_requested = Signal()
    status_requested = Signal(object)  # VacancyStatus
    vanished = Signal()  # the role shown was deleted (by another window, say)

    def __init__(self, ws: Workspace, events: Events, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self.vacancy_id: int | None = None
        self.record: VacancyRecord | None = None
        self.board = BoardView(ws, events)
        self.pipeline = PipelineList(self.board)
        self.matching: QWidget = QLabel(MATCHING_PLACEHOLDER)
        self.matching.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details = QWidget()
        self._details_form = QFormLayout(self.details)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("vacancyTabs")
        self.tabs.addTab(self.board, "Board")
        self.tabs.addTab(self.pipeline, "List")
        self.tabs.addTab(self.matching, "Matching")
        self.tabs.addTab(self.details, "Details")
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._header())
        column.addWidget(self.tabs, 1)
        self.hint = QLabel(HINT)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet("color: #6b7280;")
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.hint)
        self._stack.addWidget(content)
        events.changed.connect(self._changed)

    def _header(self) -> QWidget:
        header = QWidget()
        self.title = QLabel()
        self.title.setObjectName("vacancyTitle")
        self.title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("vacancySubtitle")
        self.subtitle.setStyleSheet("color: #4b5563;")
        self.status_chip = QLabel()
        self.status_chip.setObjectName("vacancyStatus")
        self.edit_button = QPushButton("Edit…")
        self.edit_button.clicked.connect(self.edit_requested)
        self.stages_button = QPushButton("Stages…")
        self.stages_button.setToolTip("Rename, reorder, add or delete this role's stages")
        self.stages_button.clicked.connect(self.stages_requested)
        self.status_button = QToolButton()
        self.status_button.setText("Status")
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.status_menu = QMenu(self.status_button)
        for status in VacancyStatus:
            action = self.status_menu.addAction(status.label)
            action.setData(status.value)
            action.triggered.connect(lambda _=False, s=status: self.status_requested.emit(s))
        self.status_button.setMenu(self.status_menu)
        self.close_button = QPushButton("Close vacancy…")
        self.close_button.clicked.connect(self.close_requested)
        self.delete_button = QPushButton("Delete…")
        self.delete_button.clicked.connect(self.delete_requested)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.status_chip)
        top.addStretch(1)
        buttons = (
            self.edit_button,
            self.stages_button,
            self.status_button,
            self.close_button,
            self.delete_button,
        )
        for button in buttons:
            top.addWidget(button)
        layout = QVBoxLayout(header)
        layout.setContentsMargins(6, 4, 6, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.subtitle)
        return header

    def set_read_only(self, why: str) -> None:
        for button in (
            self.edit_button,
            self.stages_button,
            self.status_button,
            self.close_button,
            self.delete_button,
        ):
            button.setEnabled(False)
            button.setToolTip(why)
        self.board.set_read_only(why)

    # -- the matching tab, built by its own module -----------------------------------------
    def set_matching_widget(self, widget: QWidget) -> None:
        index = self.tabs.indexOf(self.matching)
        current = self.tabs.currentIndex()
        self.tabs.removeTab(index)
        self.matching.deleteLater()
        self.matching = widget
        self.tabs.insertTab(index, widget, "Matching")
        self.tabs.setCurrentIndex(current)
        self._tell_matching()

    def _tell_matching(self) -> None:
        show = getattr(self.matching, "show_vacancy", None)
        if callable(show):
            show(self.vacancy_id)

    # -- showing a role --------------------------------------------------------------------
    def show_vacancy(self, vacancy_id: int | None) -> None:
        record = None
        if vacancy_id is not None:
            try:
                record = self._ws.vacancies.get(vacancy_id)
            except NotFoundError:
                vacancy_id = None
        self.vacancy_id = vacancy_id
        self._show_record(record)
        self.board.show_vacancy(vacancy_id)
        self._tell_matching()

    def _show_record(self, record: VacancyRecord | None) -> None:
        self.record = record
        self._stack.setCurrentIndex(0 if record is None else 1)
        if record is None:
            return
        self.title.setText(record.title)
        self.status_chip.setText(record.status.label)
        self.status_chip.setStyleSheet(chip_style(record.status))
        where = record.location or ""
        if record.remote_policy is not None:
            where = (
                f"{where} ({record.remote_policy.label.lower()})"
                if where
                else record.remote_policy.label
            )
        parts = [
            record.company,
            where,
            record.seniority.label if record.seniority else None,
            _money(record),
        ]
        self.subtitle.setText("  ·  ".join(p for p in parts if p))
        for action in self.status_menu.actions():
            action.setEnabled(action.data() != record.status.value)
        self._fill_details(record)

    def _fill_details(self, record: VacancyRecord) -> None:
        while self._details_form.rowCount():
            self._details_form.removeRow(0)
        rows = (
            ("Client", record.company),
            ("Hiring manager", record.hiring_manager),
            ("Location", record.location),
            ("Remote", record.remote_policy.label if record.remote_policy else None),
            ("Seniority", record.seniority.label if record.seniority else None),
            ("Salary band", _money(record)),
            ("Status", record.status.label),
            ("Opened", record.opened_on.isoformat() if record.opened_on else None),
            ("Closed", record.closed_on.isoformat() if record.closed_on else None),
            ("Required tags", ", ".join(t.name for t in record.required_tags)),
            ("Nice to have", ", ".join(t.name for t in record.nice_tags)),
            ("Notes", record.description),
        )
        for label, value in rows:
            shown = QLabel(value or "—")
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._details_form.addRow(f"{label}:", shown)

    def _changed(self, changes: Changes) -> None:
        if self.vacancy_id is None or not (changes.vacancies or changes.external):
            return
        try:
            record = self._ws.vacancies.get(self.vacancy_id)
        except NotFoundError:
            self.vacancy_id = None
            self._show_record(None)
            self.board.show_vacancy(None)
            self._tell_matching()
            self.vanished.emit()
            return
        if record != self.record:
            self._show_record(record)
