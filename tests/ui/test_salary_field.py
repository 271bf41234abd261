"""The profile form refuses a salary that is not a finite amount in range, next to the field,
and saves nothing; a corrected one saves."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.ops import all_idle
from tests.ui.window_driver import sql, type_into, wait_for_new_candidate_form

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("inf", "is not a number"),  # was stored as Inf, and every export failed after
        ("NaN", "is not a number"),  # was a traceback on save
        ("1e308", "is too large (use 0 to 9,999,999,999.99)"),
        ("9" * 400, "is too large (use 0 to 9,999,999,999.99)"),
    ],
)
def test_a_salary_that_is_not_sane_is_shown_and_nothing_is_saved(
    qtbot, ws, window: MainWindow, typed: str, shown: str
) -> None:
    window.new_candidate_action.trigger()
    wait_for_new_candidate_form(qtbot, window)
    form = window.candidate_pane.form
    type_into(qtbot, form.inputs["first_name"], "Anna")
    type_into(qtbot, form.inputs["salary_min"], typed)
    qtbot.mouseClick(window.candidate_pane.save_button, LEFT)

    assert form.error_text("salary_min") == shown
    assert window.candidate_pane.banner.text().startswith("Not saved")
    assert sql(ws, "SELECT count(*) FROM candidate") == [(0,)]

    edit = form.inputs["salary_min"]
    qtbot.mouseClick(edit, LEFT)
    qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(edit, "18000")
    qtbot.mouseClick(window.candidate_pane.save_button, LEFT)
    qtbot.waitUntil(all_idle)
    assert form.error_text("salary_min") == ""
    assert sql(ws, "SELECT first_name, salary_min FROM candidate") == [("Anna", 18000)]
