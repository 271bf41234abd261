"""The candidate pane's Applications tab: the roles a candidate is in, the stage each reached
(with its kind), near-fit flags and every move with its date; "Move to…" per application and
"Add to vacancy…" for the candidate."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.db.enums import NOT_HIRED_KINDS, StageKind, VacancyStatus
from talentdesk.core.ops.changes import Changes
from talentdesk.core.vacancies.records import ApplicationInfo, Move
from talentdesk.core.workspace import Workspace
from talentdesk.ui.errors import show_error
from talentdesk.ui.events import Events
from talentdesk.ui.formatting import format_datetime
from talentdesk.ui.widgets.rich_text_delegate import HTML_ROLE, RichTextDelegate

MOVE_COLUMN = 1
APPLICATION_ROLE = Qt.ItemDataRole.UserRole
NEAR_FIT_MARK = "★ near-fit"
EMPTY_TEXT = "Not in any vacancy's pipeline yet. Add them with “Add to vacancy…”."
_CLOSED = (VacancyStatus.FILLED, VacancyStatus.CLOSED)


def stage_text(name: str, kind: StageKind) -> str:
    """ "Tech interview (interviewing)"; a stage named as its kind reads once: "Offer"."""
    if name.strip().casefold() == kind.label.casefold():
        return name
    return f"{name} ({kind.label.lower()})"


def move_text(move: Move) -> str:
    when = format_datetime(move.moved_at)
    if move.from_stage is None:
        return f"{when}  added at {move.to_stage}"
    return f"{when}  {move.from_stage} → {move.to_stage}"


def _row_html(info: ApplicationInfo) -> str:
    closed = info.vacancy_status in _CLOSED
    title = f"<b>{escape(info.title)}</b>"
    if info.company:
        title += f" · {escape(info.company)}"
    if closed:
        title = f'<span style="color:#6b7280">{title}</span>'
    status_colour = "#6b7280" if closed else "#047857"
    facts = [
        f'<span style="color:{status_colour}">{escape(info.vacancy_status.label)}</span>',
        f'<span style="color:{_kind_colour(info.kind)}">'
        f"{escape(stage_text(info.stage, info.kind))}</span>",
    ]
    if info.near_fit:
        facts.append(f'<span style="color:#b45309">{NEAR_FIT_MARK}</span>')
    return f"{title}<br>{' · '.join(facts)}"


def _kind_colour(kind: StageKind) -> str:
    if kind is StageKind.HIRED:
        return "#047857"
    if kind in NOT_HIRED_KINDS:
        return "#9ca3af"
    return "#1f2937"


class ApplicationsTab(QWidget):
    """Shows one candidate's applications; re-reads them when an operation changed vacancies
    or this candidate."""

    add_requested = Signal()  # "Add to vacancy…" for the candidate shown
    count_changed = Signal(int)

    def __init__(self, ws: Workspace, events: Events, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._events = events
        self.candidate_id: int | None = None
        self._name = ""
        self._writable = True
        self.applications: list[ApplicationInfo] = []

        self.tree = QTreeWidget()
        self.tree.setObjectName("applicationsTree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setItemDelegateForColumn(0, RichTextDelegate(self.tree))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MOVE_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setObjectName("applicationsEmpty")
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #6b7280; padding: 8px;")
        self.add_button = QPushButton("Add to vacancy…")
        self.add_button.setObjectName("addToVacancyButton")
        self.add_button.setToolTip("Put this candidate in a vacancy's pipeline (Ctrl+Shift+V)")
        self.add_button.clicked.connect(self.add_requested)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        events.changed.connect(self._changed)

    # -- who is shown ------------------------------------------------------------------------
    def show_candidate(self, candidate_id: int | None, name: str = "") -> None:
        self.candidate_id = candidate_id
        self._name = name
        self.reload()

    def set_read_only(self, why: str) -> None:
        self._writable = False
        self.add_button.setEnabled(False)
        self.add_button.setToolTip(why)
        self.reload()

    def _changed(self, changes: Changes) -> None:
        if self.candidate_id is None:
            return
        if changes.vacancies or changes.external or self.candidate_id in changes.candidates:
            self.reload()

    def reload(self) -> None:
        self.tree.clear()
        found = (
            []
            if self.candidate_id is None
            else self._ws.vacancies.applications_of(self.candidate_id)
        )
        self.applications = found
        for info in found:
            self._add_row(info)
        self.tree.expandAll()
        self.empty.setVisible(not found and self.candidate_id is not None)
        self.tree.setVisible(bool(found))
        self.count_changed.emit(len(found))

    def _add_row(self, info: ApplicationInfo) -> None:
        """Two lines (role · client, then status · stage · near-fit), the moves under it."""
        role = " · ".join(p for p in (info.title, info.company) if p)
        facts = [info.vacancy_status.label, stage_text(info.stage, info.kind)]
        if info.near_fit:
            facts.append(NEAR_FIT_MARK)
        row = QTreeWidgetItem([f"{role}\n{' · '.join(facts)}", ""])
        row.setData(0, APPLICATION_ROLE, info.application_id)
        row.setData(0, HTML_ROLE, _row_html(info))
        row.setToolTip(0, f"Stage kind: {info.kind.label}")
        self.tree.addTopLevelItem(row)
        for move in reversed(info.history):  # the latest first, under the application
            child = QTreeWidgetItem([move_text(move)])
            child.setForeground(0, QBrush(QColor("#4b5563")))
            child.setFlags(Qt.ItemFlag.ItemIsEnabled)
            row.addChild(child)
            child.setFirstColumnSpanned(True)
        self.tree.setItemWidget(row, MOVE_COLUMN, self._move_button(info))

    def _move_button(self, info: ApplicationInfo) -> QWidget:
        """ "Move to…" with the vacancy's stages, at the top of the application's cell."""
        holder = QWidget()
        button = QPushButton("Move to…")
        button.setObjectName("moveApplicationButton")
        button.setToolTip(f"Move to another stage of {info.title}")
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 4, 4, 0)
        layout.addWidget(button)
        layout.addStretch()
        menu = QMenu(button)
        group = QActionGroup(menu)
        for stage in self._ws.vacancies.stages(info.vacancy_id):
            action = QAction(stage_text(stage.name, stage.kind), menu)
            action.setCheckable(True)
            action.setChecked(stage.id == info.stage_id)
            action.setEnabled(stage.id != info.stage_id)
            action.setData(stage.id)
            action.triggered.connect(
                lambda _=False, a=info, s=stage.id: self.move_application(
                    a.application_id, s, a.title
                )
            )
            group.addAction(action)
            menu.addAction(action)
        button.setMenu(menu)
        button.setEnabled(self._writable)
        return holder

    # -- what it changes -----------------------------------------------------------------------
    def move_application(self, application_id: int, stage_id: int, title: str) -> None:
        vacancies = self._ws.vacancies

        def failed(exc: BaseException) -> None:
            self.reload()  # the stage shown again is where the application really is
            show_error(self, exc, "Not moved")

        self._events.ops.run(
            f"Moving {self._name or 'the candidate'} in {title}",
            lambda: vacancies.move(application_id, stage_id),
            failure=failed,
            parent=self,
        )

    def move_button(self, application_id: int) -> QPushButton | None:
        """The "Move to…" button of an application."""
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            if item is not None and item.data(0, APPLICATION_ROLE) == application_id:
                holder = self.tree.itemWidget(item, MOVE_COLUMN)
                return None if holder is None else holder.findChild(QPushButton)
        return None
