"""Adding candidates to a vacancy's pipeline: the selection in the list (Ctrl+Shift+V, the
Candidate menu, the list's right-click menu) and the candidate shown (its Applications tab)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QPushButton, QWidget

from talentdesk.core.db.enums import CandidateStatus, VacancyStatus
from talentdesk.core.vacancies.records import VacancyRecord
from talentdesk.ui.dialogs.add_to_vacancy_dialog import AddToVacancyDialog
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.panes.candidate_tabs import APPLICATIONS_TAB
from tests.ui.conftest import outside_the_window

LEFT = Qt.MouseButton.LeftButton


def vacancy(ws, title: str, company: str | None = None) -> int:
    return outside_the_window(
        lambda: ws.vacancies.create(VacancyRecord(title=title, company=company))
    )


def pipeline(ws, vacancy_id: int) -> dict[int, str]:
    board = ws.vacancies.board(vacancy_id)
    names = {s.id: s.name for s in board.stages}
    return {card.candidate_id: names[card.stage_id] for card in board.cards}


def press(qtbot, dialog: QWidget, which: QDialogButtonBox.StandardButton) -> None:
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(which), LEFT)


def status_text(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def test_add_the_selection_reports_who_was_added_and_left_out(
    qtbot, ws, add_candidate, modal, open_window, settle
):
    people = [add_candidate(n, "Test") for n in ("Anna", "Bartek", "Celina", "Dorota", "Ewa")]
    dnc = add_candidate("Zofia", "Test", status=CandidateStatus.DO_NOT_CONTACT)
    backend = vacancy(ws, "Backend Developer", "Acme")
    closed = vacancy(ws, "Old Role")
    outside_the_window(lambda: ws.vacancies.set_status(closed, VacancyStatus.CLOSED))
    outside_the_window(lambda: ws.vacancies.add_candidates(backend, [people[4]]))
    window = open_window()
    window.list_pane.table.selectAll()
    assert len(window.list_pane.selected_candidate_ids()) == 6
    assert window.add_to_vacancy_action.shortcut() == QKeySequence("Ctrl+Shift+V")

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, AddToVacancyDialog)
        assert "Add 6 candidates to:" in [label.text() for label in dialog.findChildren(QLabel)]
        choice = dialog.findChild(QComboBox, "vacancyChoice")
        # Open vacancies only.
        assert [choice.itemText(i) for i in range(choice.count())] == ["Backend Developer · Acme"]
        stage = dialog.findChild(QComboBox, "vacancyStageChoice")
        assert stage.currentText() == "Contacted"  # the first stage of kind "contacted"
        press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)

    modal.run(
        lambda: qtbot.keyClick(
            window.list_pane.table,
            Qt.Key.Key_V,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        ),
        choose,
    )
    settle(window)
    assert pipeline(ws, backend) == {
        people[0]: "Contacted",
        people[1]: "Contacted",
        people[2]: "Contacted",
        people[3]: "Contacted",
        people[4]: "Contacted",
    }
    assert dnc not in pipeline(ws, backend)
    assert status_text(window) == (
        "Added 4 to Backend Developer · 1 already there · 1 marked do not contact"
    )


def test_add_the_candidate_shown_at_a_chosen_stage(
    qtbot, ws, add_candidate, modal, open_window, settle
):
    anna = add_candidate("Anna", "Kowalska")
    add_candidate("Bartek", "Nowak")
    vacancy(ws, "Backend Developer")
    data = vacancy(ws, "Data Engineer", "Globex")
    window = open_window()
    window.open_candidate(anna)
    pane = window.candidate_pane
    pane.tabs.setCurrentIndex(APPLICATIONS_TAB)
    button = pane.applications.findChild(QPushButton, "addToVacancyButton")
    qtbot.waitUntil(button.isVisible)

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, AddToVacancyDialog)
        assert "Add 1 candidate to:" in [label.text() for label in dialog.findChildren(QLabel)]
        choice = dialog.findChild(QComboBox, "vacancyChoice")
        choice.setCurrentIndex(choice.findText("Data Engineer · Globex"))
        stage = dialog.findChild(QComboBox, "vacancyStageChoice")
        assert stage.currentText() == "Contacted"
        stage.setCurrentIndex(stage.findText("Engaged (screening)"))
        press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)

    modal.run(lambda: qtbot.mouseClick(button, LEFT), choose)
    settle(window)
    assert pipeline(ws, data) == {anna: "Engaged"}
    assert status_text(window) == "Added 1 to Data Engineer"
    qtbot.waitUntil(lambda: pane.tabs.tabText(APPLICATIONS_TAB) == "Applications (1)")
    item = pane.applications.tree.topLevelItem(0)
    assert item.text(0) == "Data Engineer · Globex\nOpen · Engaged (screening)"


def test_the_list_menu_and_the_candidate_menu_offer_it(ws, add_candidate, open_window):
    add_candidate("Anna", "Kowalska")
    window = open_window()
    assert window.add_to_vacancy_action in window.list_pane.table.actions()
    candidate_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Candidate")
    assert window.add_to_vacancy_action in candidate_menu.actions()


def test_cancel_adds_nobody(qtbot, ws, add_candidate, modal, open_window, settle):
    anna = add_candidate("Anna", "Kowalska")
    backend = vacancy(ws, "Backend Developer")
    window = open_window()
    window.list_pane.table.selectAll()
    modal.run(
        window.add_to_vacancy_action.trigger,
        lambda dialog: press(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel),
    )
    settle(window)
    assert pipeline(ws, backend) == {}
    assert anna not in pipeline(ws, backend)
