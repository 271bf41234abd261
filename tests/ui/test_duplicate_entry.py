"""A new candidate typed by hand whose e-mail, LinkedIn URL or phone is already someone's."""

from __future__ import annotations

from PySide6.QtCore import Qt

from talentdesk.ui.main_window import MainWindow
from tests.ui.window_driver import (
    shown_names,
    sql,
    type_into,
    wait_for_new_candidate_form,
)

LEFT = Qt.MouseButton.LeftButton


def new_candidate(qtbot, window: MainWindow, **typed: str) -> None:
    window.new_candidate_action.trigger()
    wait_for_new_candidate_form(qtbot, window)
    form = window.candidate_pane.form
    for field, value in typed.items():
        type_into(qtbot, form.inputs[field], value)


def test_typing_an_existing_address_says_who_and_open_opens_them(
    qtbot, ws, add_candidate, open_window, settle
):
    anna = add_candidate("Anna", "Kowalska", email="anna.kowalska@example.com")
    window = open_window()
    new_candidate(qtbot, window, first_name="Ania", email="ANNA.Kowalska@example.com")
    notice = window.candidate_pane.duplicates
    qtbot.waitUntil(notice.isVisible)
    assert notice.text.text() == "Anna Kowalska has the same e-mail address."
    assert not notice.save_button.isVisible()  # not asked before Save is pressed
    (open_anna,) = notice.open_buttons
    assert open_anna.text() == "Open Anna Kowalska"

    qtbot.mouseClick(open_anna, LEFT)
    settle(window)
    assert window.candidate_pane.candidate_id == anna
    assert window.candidate_pane.name_label.text() == "Anna Kowalska"
    assert not notice.isVisible() and not window.candidate_pane.dirty
    assert sql(ws, "SELECT count(*) FROM candidate") == [(1,)]
    assert shown_names(window) == ["Anna Kowalska"]


def test_save_asks_first_then_saves_anyway(qtbot, ws, add_candidate, open_window, settle):
    add_candidate("Anna", "Kowalska", phone="601 234 567", country="Poland")
    window = open_window()
    new_candidate(qtbot, window, first_name="Anna", last_name="K.", phone="+48 601-234-567")
    pane = window.candidate_pane
    qtbot.mouseClick(pane.save_button, LEFT)
    assert pane.duplicates.isVisible() and pane.duplicates.save_button.isVisible()
    assert pane.duplicates.text.text() == "Anna Kowalska has the same phone number."
    assert pane.banner.text() == "Not saved yet: open them, or save anyway."
    assert sql(ws, "SELECT count(*) FROM candidate") == [(1,)]

    qtbot.mouseClick(pane.duplicates.save_button, LEFT)
    settle(window)
    assert sql(ws, "SELECT last_name FROM candidate ORDER BY id") == [("Kowalska",), ("K.",)]
    assert not pane.duplicates.isVisible()
    assert sorted(shown_names(window)) == ["Anna K.", "Anna Kowalska"]


def test_someone_new_saves_without_a_word(qtbot, ws, add_candidate, open_window, settle):
    add_candidate("Anna", "Kowalska", email="anna@example.com")
    window = open_window()
    new_candidate(qtbot, window, first_name="Ola", email="ola@example.com")
    qtbot.mouseClick(window.candidate_pane.save_button, LEFT)
    settle(window)
    assert not window.candidate_pane.duplicates.isVisible()
    assert sql(ws, "SELECT count(*) FROM candidate") == [(2,)]
