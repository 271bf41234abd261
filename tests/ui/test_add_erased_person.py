"""Adding by hand a person who was erased at their request: the window warns with the day of
the erasure and lets the user cancel or go on; going on is noted in the audit log, without
personal data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from talentdesk.ui.privacy.suppressed_warning import TITLE
from tests.ui.conftest import outside_the_window
from tests.ui.window_driver import (
    shown_names,
    sql,
    type_into,
    type_text,
    wait_for_new_candidate_form,
)

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier


def test_adding_an_erased_person_warns_and_lets_the_user_cancel_or_go_on(
    qtbot, ws, clock, add_candidate, open_window, modal, settle
) -> None:
    erased = add_candidate("Qwyxxelbert", "Vuzzquamski", email="qwyxx@erasure.example")
    add_candidate("Nina", "Kept", email="nina@example.com")
    outside_the_window(lambda: ws.erasure.erase([erased]))
    clock.advance(days=2)
    window = open_window()
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    wait_for_new_candidate_form(qtbot, window)
    pane = window.candidate_pane
    type_text(qtbot, pane.form.inputs["first_name"], "Q.")
    type_into(qtbot, pane.form.inputs["last_name"], "Vuzz")
    type_into(qtbot, pane.form.inputs["email"], "QWYXX@Erasure.example")

    def cancel(box: QMessageBox) -> None:
        assert box.windowTitle() == TITLE
        assert box.text().startswith("This person was erased on 25 Nov 2026 at their request")
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), LEFT)

    modal.run(lambda: qtbot.mouseClick(pane.save_button, LEFT), cancel)
    settle(window)
    assert pane.banner.text() == "Not saved: this person was erased at their request."
    assert sql(ws, "SELECT count(*) FROM candidate") == [(1,)]
    assert pane.name_label.text() == "New candidate"  # still editing what was typed

    def go_on(box: QMessageBox) -> None:
        add_anyway = next(b for b in box.buttons() if b.text() == "Add anyway")
        qtbot.mouseClick(add_anyway, LEFT)

    modal.run(lambda: qtbot.mouseClick(pane.save_button, LEFT), go_on)
    settle(window)
    assert sql(ws, "SELECT first_name, email FROM candidate ORDER BY id") == [
        ("Nina", "nina@example.com"),
        ("Q.", "QWYXX@erasure.example"),
    ]
    assert sql(ws, "SELECT kind, count, detail FROM audit_entry ORDER BY id") == [
        ("erasure", 1, None),
        ("suppression override", 1, None),
    ]
    assert "Q. Vuzz" in shown_names(window)


def test_someone_not_erased_is_added_without_a_question(
    qtbot, ws, add_candidate, open_window, settle
) -> None:
    erased = add_candidate("Qwyxxelbert", "Vuzzquamski", email="qwyxx@erasure.example")
    outside_the_window(lambda: ws.erasure.erase([erased]))
    window = open_window()
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    wait_for_new_candidate_form(qtbot, window)
    pane = window.candidate_pane
    type_text(qtbot, pane.form.inputs["first_name"], "Anna")
    type_into(qtbot, pane.form.inputs["email"], "anna@example.com")
    qtbot.mouseClick(pane.save_button, LEFT)  # no dialog: nothing would answer it
    settle(window)
    assert sql(ws, "SELECT first_name FROM candidate") == [("Anna",)]
    assert sql(ws, "SELECT kind FROM audit_entry") == [("erasure",)]
