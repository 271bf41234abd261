"""No lost updates in the window (issue 18): saving Anna after someone else saved her asks
what to do, shows what differs, and never loses the form's edits."""

from __future__ import annotations

from PySide6.QtCore import Qt

from talentdesk.core.workspace import Workspace
from talentdesk.ui.dialogs.edit_conflict_dialog import EditConflictDialog
from talentdesk.ui.main_window import MainWindow
from tests.ui.conftest import outside_the_window
from tests.ui.window_driver import click_row, sql, type_into

LEFT = Qt.MouseButton.LeftButton


def _colleague_saves(ws: Workspace, candidate_id: int) -> None:
    """Someone else's save of Anna, made outside the window while her form is being edited."""

    def save() -> None:
        theirs = ws.candidates.get(candidate_id)
        theirs.city, theirs.title = "Gdańsk", "Team lead"
        ws.candidates.update(candidate_id, theirs)

    outside_the_window(save)


def _edit_and_save_after_a_colleague(qtbot, ws, add_candidate, open_window):
    anna = add_candidate("Anna", "Kowalska")
    window: MainWindow = open_window()
    click_row(qtbot, window, "Anna Kowalska")
    pane = window.candidate_pane
    type_into(qtbot, pane.form.inputs["city"], "Warszawa")
    _colleague_saves(ws, anna)
    qtbot.mouseClick(pane.save_button, LEFT)
    qtbot.waitUntil(lambda: _dialog(window) is not None)
    dialog = _dialog(window)
    assert dialog is not None
    return anna, window, dialog


def _dialog(window: MainWindow) -> EditConflictDialog | None:
    found = [d for d in window.findChildren(EditConflictDialog) if d.isVisible()]
    return found[0] if found else None


def _stored(ws: Workspace) -> list[tuple]:
    return sql(ws, "SELECT city, title, version FROM candidate")


def test_the_dialog_says_who_changed_what(qtbot, ws, add_candidate, open_window, settle):
    _, window, dialog = _edit_and_save_after_a_colleague(qtbot, ws, add_candidate, open_window)
    assert "Someone else changed Anna Kowalska while you were editing" in dialog.heading.text()
    assert dialog.rows() == [
        ("City", "Gdańsk", "Warszawa"),
        ("Current title", "Team lead", "(empty)"),
    ]
    assert [b.text() for b in (dialog.keep_button, dialog.theirs_button, dialog.cancel_button)] == [
        "Keep mine",
        "Take theirs",
        "Cancel",
    ]
    assert _stored(ws) == [("Gdańsk", "Team lead", 2)]  # nothing written over theirs
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    settle(window)


def test_keep_mine_saves_the_form_over_theirs(qtbot, ws, add_candidate, open_window, settle):
    _, window, dialog = _edit_and_save_after_a_colleague(qtbot, ws, add_candidate, open_window)
    qtbot.mouseClick(dialog.keep_button, LEFT)
    settle(window)
    qtbot.waitUntil(lambda: not window.candidate_pane.dirty)
    assert _stored(ws) == [("Warszawa", None, 3)]
    assert window.candidate_pane.form.inputs["city"].text() == "Warszawa"


def test_take_theirs_reloads_the_form(qtbot, ws, add_candidate, open_window, settle):
    _, window, dialog = _edit_and_save_after_a_colleague(qtbot, ws, add_candidate, open_window)
    qtbot.mouseClick(dialog.theirs_button, LEFT)
    settle(window)
    pane = window.candidate_pane
    assert pane.form.inputs["city"].text() == "Gdańsk"
    assert pane.form.inputs["title"].text() == "Team lead"
    assert not pane.dirty
    assert _stored(ws) == [("Gdańsk", "Team lead", 2)]


def test_cancel_keeps_the_edits_and_saving_again_asks_again(
    qtbot, ws, add_candidate, open_window, settle
):
    _, window, dialog = _edit_and_save_after_a_colleague(qtbot, ws, add_candidate, open_window)
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    pane = window.candidate_pane
    qtbot.waitUntil(lambda: _dialog(window) is None)
    assert pane.form.inputs["city"].text() == "Warszawa"  # the edits are still there
    assert pane.dirty and pane.banner.isVisible()
    assert "someone else changed Anna Kowalska" in pane.banner.text()
    assert _stored(ws) == [("Gdańsk", "Team lead", 2)]

    qtbot.mouseClick(pane.save_button, LEFT)  # still stale: asked again, not written over
    qtbot.waitUntil(lambda: _dialog(window) is not None)
    again = _dialog(window)
    assert again is not None and again is not dialog
    qtbot.mouseClick(again.keep_button, LEFT)
    settle(window)
    qtbot.waitUntil(lambda: not pane.dirty)
    assert _stored(ws) == [("Warszawa", None, 3)]
