"""The window's Vacancies tab: built on first switch (the candidate list's first paint does
not pay for it), the View menu's tab switches (Ctrl+1, Ctrl+2), and New vacancy, which takes
Ctrl+Shift+N from New pool while the tab is active."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QTabWidget, QVBoxLayout, QWidget

from talentdesk.ui.qaction import make_action

if TYPE_CHECKING:
    from talentdesk.ui.main_window import MainWindow
    from talentdesk.ui.vacancies.view import VacanciesView

CANDIDATES_TAB, VACANCIES_TAB = 0, 1
NEW_SHORTCUT = "Ctrl+Shift+N"
DELETE_SHORTCUT = QKeySequence("Ctrl+Del")


class VacanciesTab(QWidget):
    """Holds the vacancies view once it is built; `view()` builds it."""

    def __init__(self, w: MainWindow, tabs: QTabWidget) -> None:
        super().__init__()
        self.setObjectName("vacanciesHolder")
        self._w = w
        self._tabs = tabs
        self._view: VacanciesView | None = None
        self._read_only: str | None = None  # why nothing can be written, once it cannot
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)
        self.candidates_action = make_action(
            w, "&Candidates", "Ctrl+1", lambda: tabs.setCurrentIndex(CANDIDATES_TAB)
        )
        self.vacancies_action = make_action(
            w, "&Vacancies", "Ctrl+2", lambda: tabs.setCurrentIndex(VACANCIES_TAB)
        )
        self.new_action = make_action(
            w, "New &vacancy", None, self.new_vacancy, f"Add a role ({NEW_SHORTCUT})"
        )
        tabs.currentChanged.connect(self._tab_changed)

    @property
    def built_view(self) -> VacanciesView | None:
        return self._view

    def view(self) -> VacanciesView:
        if self._view is None:
            from talentdesk.ui.vacancies.view import VacanciesView

            w = self._w
            view = VacanciesView(w.ws, w.events, w.undo_stack, w.status)
            view.open_candidate.connect(self.open_candidate)
            self._wire(view)
            layout = self.layout()
            assert layout is not None
            layout.addWidget(view)
            if self._read_only is not None:
                view.set_read_only(self._read_only)
            self._view = view
        return self._view

    def _wire(self, view: VacanciesView) -> None:
        """The parts other modules build: the matching tab, closing and the stages dialog."""
        from talentdesk.ui.vacancies.match_tab import MatchTab

        w = self._w
        matching = MatchTab(w.ws, w.events)
        matching.message.connect(w.status)
        view.detail.set_matching_widget(matching)
        view.close_requested.connect(self.close_vacancy)
        view.stages_requested.connect(self.edit_stages)

    def close_vacancy(self, vacancy_id: int) -> None:
        from talentdesk.ui.vacancies.close_dialog import open_close_dialog

        open_close_dialog(self._w, vacancy_id)

    def edit_stages(self, vacancy_id: int) -> None:
        from talentdesk.core.stages import Pipeline
        from talentdesk.ui.dialogs.stages_dialog import StagesDialog

        w = self._w
        record = self.view().detail.record
        title = record.title if record is not None else "vacancy"
        StagesDialog(w.ws, w.events, Pipeline.VACANCY, vacancy_id, title, w).exec()

    def show_vacancy(self, vacancy_id: int | None) -> VacanciesView:
        """Switch to the tab and show a role."""
        self._tabs.setCurrentIndex(VACANCIES_TAB)
        view = self.view()
        view.show_vacancy(vacancy_id)
        return view

    def new_vacancy(self) -> None:
        self._tabs.setCurrentIndex(VACANCIES_TAB)
        self.view().new_vacancy()

    def open_candidate(self, candidate_id: int) -> None:
        self._tabs.setCurrentIndex(CANDIDATES_TAB)
        self._w.open_candidate(candidate_id)

    def set_read_only(self, why: str) -> None:
        self._read_only = why
        if self._view is not None:
            self._view.set_read_only(why)

    def focus_search(self) -> bool:
        """Put the cursor in the roles' search box when the tab is shown; False otherwise."""
        if self._tabs.currentIndex() != VACANCIES_TAB:
            return False
        search = self.view().list_pane.search
        search.setFocus()
        search.selectAll()
        return True

    def _tab_changed(self, index: int) -> None:
        on_vacancies = index == VACANCIES_TAB
        on_candidates = index == CANDIDATES_TAB
        self._w.count_label.setVisible(on_candidates)  # it counts candidates
        if on_vacancies:
            view = self.view()
            focused = QApplication.focusWidget()
            if focused is None or not view.isAncestorOf(focused):
                view.list_pane.table.setFocus()  # arrows walk the roles at once
        # Ctrl+Del deletes the candidates selected in the list: not while the list is hidden.
        self._w.delete_action.setShortcut(DELETE_SHORTCUT if on_candidates else QKeySequence())
        # One owner of Ctrl+Shift+N at a time: two would make it ambiguous and do nothing.
        pool_new = self._w.pool_pane.new_action
        pool_new.setShortcut(QKeySequence(NEW_SHORTCUT) if on_candidates else QKeySequence())
        self.new_action.setShortcut(QKeySequence(NEW_SHORTCUT) if on_vacancies else QKeySequence())

    def fill_view_menu(self, menu: QMenu) -> None:
        menu.addActions([self.candidates_action, self.vacancies_action])

    def actions_for_file_menu(self) -> list[QAction]:
        return [self.new_action]
