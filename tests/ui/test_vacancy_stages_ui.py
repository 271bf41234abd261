"""The "Stages…" dialog: a renamed, added or reordered stage shows on the board; a stage with
people in it is kept, and the dialog says why."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox

from talentdesk.core.workspace import Workspace
from talentdesk.ui.main_window import MainWindow
from tests.ui.vacancy_helpers import seed_role, vacancies_view


def test_stages_renamed_added_and_moved_show_on_the_board(
    qtbot, ws: Workspace, open_window: Callable[[], MainWindow], settle
) -> None:
    vacancy_id = seed_role(ws, "Backend Developer", ["Anna"])
    window = open_window()
    view = vacancies_view(window)
    qtbot.waitUntil(lambda: view.vacancy_id == vacancy_id)
    dialog = view.edit_stages()
    assert dialog is not None
    dialog.list.setCurrentRow(2)
    dialog.name.setText("Phone screen")
    dialog.apply_button.click()
    settle(window)
    qtbot.waitUntil(lambda: [c.stage.name for c in view.board.columns][2] == "Phone screen")
    dialog.move_stage(-1)
    settle(window)
    qtbot.waitUntil(lambda: [s.name for s in ws.vacancies.stages(vacancy_id)][1] == "Phone screen")
    qtbot.waitUntil(lambda: [c.stage.name for c in view.board.columns][1] == "Phone screen")
    dialog.add_button.click()
    settle(window)
    qtbot.waitUntil(lambda: "New stage" in [c.stage.name for c in view.board.columns])
    # Anna is still on the board, in Contacted (now third).
    contacted = next(c for c in view.board.columns if c.stage.name == "Contacted")
    assert [card.name for card in contacted.model.cards] == ["Anna Nowak"]
    dialog.reject()


def test_a_stage_with_people_is_kept_with_a_reason(
    qtbot, ws: Workspace, open_window: Callable[[], MainWindow], settle
) -> None:
    vacancy_id = seed_role(ws, "Backend Developer", ["Anna"])
    window = open_window()
    view = vacancies_view(window)
    qtbot.waitUntil(lambda: view.vacancy_id == vacancy_id)
    dialog = view.edit_stages()
    assert dialog is not None
    dialog.list.setCurrentRow(1)  # Contacted, where Anna is
    dialog.delete_button.click()
    settle(window)

    def error_box() -> QMessageBox | None:
        box = dialog.findChild(QMessageBox, "errorBox")
        return box if box is not None and box.isVisible() else None

    qtbot.waitUntil(lambda: error_box() is not None)
    box = error_box()
    assert box is not None
    assert "has 1 person in it" in box.text() + box.informativeText()
    box.accept()
    assert "Contacted" in [s.name for s in ws.vacancies.stages(vacancy_id)]
    dialog.reject()
