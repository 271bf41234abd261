"""The Vacancies tab: the list of roles beside the role's detail, and what they ask for
(new, edit, status, delete with undo). Closing a role is asked for with `close_requested`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QMessageBox, QSplitter, QVBoxLayout, QWidget

from talentdesk.core.db.enums import VacancyStatus
from talentdesk.core.errors import ValidationError
from talentdesk.core.vacancies.records import VacancyRecord
from talentdesk.core.workspace import Workspace
from talentdesk.ui.errors import show_error
from talentdesk.ui.events import Events
from talentdesk.ui.vacancies.commands import DeleteVacancy
from talentdesk.ui.vacancies.detail import VacancyDetail
from talentdesk.ui.vacancies.editor import VacancyEditor
from talentdesk.ui.vacancies.list_pane import VacancyListPane


class VacanciesView(QWidget):
    close_requested = Signal(int)  # "Close vacancy…": the id of the role
    stages_requested = Signal(int)  # "Stages…": the id of the role (the stages dialog edits)
    open_candidate = Signal(int)  # a card's Enter / Open profile: the candidate id

    def __init__(
        self,
        ws: Workspace,
        events: Events,
        undo_stack: QUndoStack,
        status: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("vacanciesView")
        self._ws = ws
        self._events = events
        self._undo_stack = undo_stack
        self._status = status
        self.editor: VacancyEditor | None = None
        self.list_pane = VacancyListPane(ws, events)
        self.detail = VacancyDetail(ws, events)
        self.board = self.detail.board
        self.new_action = QAction("New &vacancy", self)
        self.new_action.setToolTip("Add a role (Ctrl+Shift+N)")
        self.new_action.triggered.connect(self.new_vacancy)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("vacanciesSplitter")
        self.splitter.addWidget(self.list_pane)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 30)
        self.splitter.setStretchFactor(1, 70)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.list_pane.vacancy_selected.connect(self._selected)
        self.list_pane.new_requested.connect(self.new_vacancy)
        self.detail.edit_requested.connect(self.edit_vacancy)
        self.detail.stages_requested.connect(self._stages_requested)
        self.detail.delete_requested.connect(self.delete_vacancy)
        self.detail.status_requested.connect(self.set_status)
        self.detail.close_requested.connect(self._close_requested)
        self.board.open_candidate.connect(self.open_candidate)
        if self.list_pane.model.rowCount():
            self.list_pane.select(self.list_pane.model.rows[0].id)

    def set_read_only(self, why: str) -> None:
        """The database cannot be written: no new, edit, status, close, delete or moves."""
        self.new_action.setEnabled(False)
        self.list_pane.new_button.setEnabled(False)
        self.list_pane.new_button.setToolTip(why)
        self.detail.set_read_only(why)

    @property
    def vacancy_id(self) -> int | None:
        return self.detail.vacancy_id

    def show_vacancy(self, vacancy_id: int | None) -> None:
        """Show a role, widening the list's filter if it is filtered out."""
        if vacancy_id is not None and not self.list_pane.select(vacancy_id):
            self.list_pane.show_all()
            self.list_pane.refresh()
            self.list_pane.select(vacancy_id)
        if vacancy_id != self.detail.vacancy_id:
            self.detail.show_vacancy(vacancy_id)

    def _selected(self, vacancy_id: int | None) -> None:
        if vacancy_id != self.detail.vacancy_id:  # a re-read list selects the same role again
            self.detail.show_vacancy(vacancy_id)

    def _close_requested(self) -> None:
        if self.vacancy_id is not None:
            self.close_requested.emit(self.vacancy_id)

    def _stages_requested(self) -> None:
        if self.vacancy_id is not None:
            self.stages_requested.emit(self.vacancy_id)

    # -- new and edit ----------------------------------------------------------------------
    def new_vacancy(self) -> VacancyEditor:
        return self._open_editor(VacancyRecord())

    def edit_vacancy(self) -> VacancyEditor | None:
        if self.vacancy_id is None:
            return None
        return self._open_editor(self._ws.vacancies.get(self.vacancy_id))

    def _open_editor(self, record: VacancyRecord) -> VacancyEditor:
        editor = VacancyEditor(self._ws.candidates.tag_names(), self.board.today, self)
        editor.show_record(record)
        editor.submitted.connect(lambda r: self._save(editor, r))
        editor.finished.connect(lambda _result: self._editor_closed(editor))
        self.editor = editor
        editor.open()
        editor.title.setFocus()
        return editor

    def _editor_closed(self, editor: VacancyEditor) -> None:
        if self.editor is editor:
            self.editor = None
        editor.deleteLater()

    def _save(self, editor: VacancyEditor, record: VacancyRecord) -> None:
        vacancies = self._ws.vacancies
        editor.buttons.setEnabled(False)

        def saved(vacancy_id: int | None) -> None:
            editor.accept()
            shown = record.id if vacancy_id is None else vacancy_id
            self.list_pane.refresh()
            self.show_vacancy(shown)
            self._status(f"Saved {record.title}.")

        def failed(error: BaseException) -> None:
            editor.buttons.setEnabled(True)
            if isinstance(error, ValidationError):
                editor.show_errors(error.errors)
            else:
                show_error(editor, error, f"Saving {record.title} failed")

        if record.id is None:
            self._events.ops.run(
                f"Adding {record.title}",
                lambda: vacancies.create(record),
                success=saved,
                failure=failed,
            )
        else:
            self._events.ops.run(
                f"Saving {record.title}",
                lambda: vacancies.update(record),
                success=saved,
                failure=failed,
            )

    # -- status and delete -----------------------------------------------------------------
    def set_status(self, status: VacancyStatus) -> None:
        vacancy_id = self.vacancy_id
        if vacancy_id is None:
            return
        vacancies = self._ws.vacancies
        self._events.ops.run(
            f"Marking the role {status.label.lower()}",
            lambda: vacancies.set_status(vacancy_id, status),
            parent=self,
        )

    def delete_vacancy(self) -> None:
        record = self.detail.record
        if record is None or record.id is None:
            return
        people = len(self.board.all_cards())
        pipeline = f" and its pipeline of {people:,}" if people else ""
        answer = QMessageBox.question(
            self,
            "Delete vacancy",
            f"Delete {record.title}{pipeline}?\nYou can undo this with Ctrl+Z.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._undo_stack.push(
            DeleteVacancy(
                self._ws, self._events, record.id, record.title, self._status, self._restored
            )
        )

    def _restored(self, vacancy_id: int) -> None:
        self.list_pane.refresh()
        self.show_vacancy(vacancy_id)
