"""The Vacancies tab: the list of roles, the editor, status, delete with undo, the List tab."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from talentdesk.core.db.enums import RemotePolicy, TagCategory, VacancyStatus
from talentdesk.core.records import TagRef
from talentdesk.core.workspace import Workspace
from talentdesk.ui.main_window import MainWindow
from tests.ui.vacancy_helpers import seed_role, vacancies_view

JAVA = TagRef(TagCategory.SKILL, "Java")
KOTLIN = TagRef(TagCategory.SKILL, "Kotlin")


def test_the_view_is_built_on_first_switch_and_ctrl_keys_switch_tabs(
    qtbot, window: MainWindow
) -> None:
    assert window.main_tabs.objectName() == "mainTabs"
    assert window.vacancies_tab.built_view is None  # the first paint did not pay for it
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.main_tabs.currentIndex() == 1)
    assert window.vacancies_tab.built_view is not None
    assert window.delete_action.shortcut().isEmpty()  # no deleting the hidden selection
    QTest.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.main_tabs.currentIndex() == 0)
    assert window.delete_action.shortcut().toString() == "Ctrl+Del"
    assert window.pool_pane.new_action.shortcut().toString() == "Ctrl+Shift+N"  # New pool again
    assert window.vacancies_tab.new_action.shortcut().isEmpty()
    window.main_tabs.setCurrentIndex(1)
    window.new_candidate_action.trigger()  # Ctrl+N: a new candidate, in the Candidates tab
    assert window.main_tabs.currentIndex() == 0


def test_a_role_made_in_the_editor_lands_with_its_fields_and_tags(
    qtbot, window: MainWindow, ws: Workspace, settle: Callable[[MainWindow], None]
) -> None:
    view = vacancies_view(window)
    QTest.keyClick(
        window,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: view.editor is not None and view.editor.isVisible())
    editor = view.editor
    assert editor is not None
    editor.title.setText("Senior Java Developer")
    editor.company.setText("Allegro")
    editor.hiring_manager.setText("Ola Wiśniewska")
    editor.location.setText("Kraków")
    editor.remote_policy.setCurrentIndex(editor.remote_policy.findData("hybrid"))
    editor.salary_min.setText("18 000")
    editor.salary_max.setText("24000")
    editor.salary_currency.setEditText("PLN")
    editor.notes.setPlainText("Team of six")
    editor.required_tags.add_tag(JAVA)
    editor.nice_tags.add_tag(KOTLIN)
    # The editor closes once the role is saved (and is deleted after: wait for the signal).
    with qtbot.waitSignal(editor.finished):
        editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    settle(window)
    qtbot.waitUntil(lambda: view.vacancy_id is not None)
    assert view.vacancy_id is not None
    saved = ws.vacancies.get(view.vacancy_id)
    assert (saved.title, saved.company, saved.hiring_manager, saved.location) == (
        "Senior Java Developer",
        "Allegro",
        "Ola Wiśniewska",
        "Kraków",
    )
    assert saved.remote_policy is RemotePolicy.HYBRID
    assert (saved.salary_min, saved.salary_max, saved.salary_currency) == (
        Decimal("18000"),
        Decimal("24000"),
        "PLN",
    )
    assert saved.required_tags == [JAVA] and saved.nice_tags == [KOTLIN]
    assert saved.description == "Team of six"
    model = view.list_pane.model
    assert [r.title for r in model.rows] == ["Senior Java Developer"]
    assert model.data(model.index(0, 3)) == "0"
    assert view.detail.title.text() == "Senior Java Developer"
    assert view.board.empty_hint.isVisible()  # no one in the pipeline yet
    assert "Allegro" in view.detail.subtitle.text()


def test_a_bad_field_is_shown_under_it_and_nothing_is_saved(
    qtbot, window: MainWindow, ws: Workspace
) -> None:
    view = vacancies_view(window)
    editor = view.new_vacancy()
    editor.title.setText("Data Engineer")
    editor.salary_min.setText("30000")
    editor.salary_max.setText("20000")
    editor.salary_currency.setEditText("zloty")
    editor.closed_on.edit.setText("31.02.2026")
    editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert editor.isVisible()
    assert "below the minimum" in editor.error_text("salary_max")
    assert "three-letter" in editor.error_text("salary_currency")
    assert editor.error_text("closed_on") == "no such date"
    editor.title.clear()
    editor.salary_max.setText("40000")
    editor.salary_currency.setEditText("EUR")
    editor.closed_on.edit.clear()
    editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert editor.error_text("title") == "a role needs a title"
    assert editor.error_text("salary_max") == ""
    editor.reject()
    assert ws.vacancies.summaries(None) == []


def test_the_list_counts_the_pipeline_and_filters_by_status_and_words(
    qtbot, ws: Workspace, open_window: Callable[[], MainWindow]
) -> None:
    seed_role(ws, "Backend Developer", ["Anna", "Piotr", "Ewa"], company="Allegro")
    seed_role(ws, "QA Engineer", ["Jan"], status=VacancyStatus.CLOSED)
    window = open_window()
    view = vacancies_view(window)
    model = view.list_pane.model
    assert [r.title for r in model.rows] == ["Backend Developer"]  # open and on hold
    assert model.data(model.index(0, 3)) == "3"
    assert model.data(model.index(0, 2)) == "Open"
    view.list_pane.status_filter.setCurrentIndex(1)  # All
    assert {r.title for r in model.rows} == {"Backend Developer", "QA Engineer"}
    view.list_pane.search.setText("allegro")
    qtbot.waitUntil(lambda: [r.title for r in model.rows] == ["Backend Developer"])


def test_status_change_and_delete_asks_and_ctrl_z_brings_it_back(
    qtbot, ws: Workspace, open_window: Callable[[], MainWindow], modal, settle
) -> None:
    vacancy_id = seed_role(ws, "Backend Developer", ["Anna", "Piotr"])
    window = open_window()
    view = vacancies_view(window)
    qtbot.waitUntil(lambda: view.vacancy_id == vacancy_id)
    on_hold = next(a for a in view.detail.status_menu.actions() if a.text() == "On hold")
    on_hold.trigger()
    settle(window)
    assert ws.vacancies.get(vacancy_id).status is VacancyStatus.ON_HOLD
    qtbot.waitUntil(lambda: view.detail.status_chip.text() == "On hold")
    model = view.list_pane.model
    assert model.data(model.index(0, 2)) == "On hold"

    def no(box: QMessageBox) -> None:
        assert "its pipeline of 2" in box.text()
        box.button(QMessageBox.StandardButton.No).click()

    modal.run(view.detail.delete_button.click, no)
    assert ws.vacancies.summaries(None)[0].id == vacancy_id

    modal.run(
        view.detail.delete_button.click,
        lambda box: box.button(QMessageBox.StandardButton.Yes).click(),
    )
    settle(window)
    assert ws.vacancies.summaries(None) == []
    qtbot.waitUntil(lambda: view.vacancy_id is None and model.rowCount() == 0)

    window.undo_action.trigger()
    settle(window)
    restored = ws.vacancies.summaries(None)
    assert [(r.id, r.total) for r in restored] == [(vacancy_id, 2)]
    qtbot.waitUntil(lambda: view.vacancy_id == vacancy_id)
    assert len(view.board.all_cards()) == 2


def test_close_vacancy_and_stages_are_asked_for_with_the_role_s_id(
    qtbot, ws: Workspace, open_window: Callable[[], MainWindow]
) -> None:
    vacancy_id = seed_role(ws, "Backend Developer", [])
    view = vacancies_view(open_window())
    qtbot.waitUntil(lambda: view.vacancy_id == vacancy_id)
    with qtbot.waitSignal(view.close_requested) as asked:
        view.detail.close_button.click()
    assert asked.args == [vacancy_id]
    # Nobody is in the pipeline: nothing to ask, the role just closes (the dialog, if any, is
    # tested in test_vacancy_window.py, as is the stages dialog the other button opens).
    if (dialog := QApplication.activeModalWidget()) is not None:
        dialog.close()


def test_the_matching_tab_takes_a_widget_and_is_told_the_role(
    qtbot, ws: Workspace, open_window: Callable[[], MainWindow]
) -> None:
    from PySide6.QtWidgets import QLabel

    class Matching(QLabel):
        shown: list[int | None] = []

        def show_vacancy(self, vacancy_id: int | None) -> None:
            self.shown.append(vacancy_id)

    vacancy_id = seed_role(ws, "Backend Developer", [])
    view = vacancies_view(open_window())
    qtbot.waitUntil(lambda: view.vacancy_id == vacancy_id)
    matching = Matching("matches")
    view.detail.set_matching_widget(matching)
    assert view.detail.tabs.widget(2) is matching
    assert view.detail.tabs.tabText(2) == "Matching"
    assert Matching.shown == [vacancy_id]
