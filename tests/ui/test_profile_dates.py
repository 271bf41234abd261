"""The profile's date fields (Birthday, Available from) typed like any other field: Tab leaves
them, clicking away keeps what was typed, and the calendar opens where it makes sense."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from talentdesk.ui.main_window import MainWindow
from tests.ui.window_driver import LEFT, type_text, wait_for_new_candidate_form


def type_where_the_focus_is(qtbot, text: str) -> None:
    """Keys go to whichever widget has the focus, as they do for a user."""
    type_text(qtbot, QApplication.focusWidget(), text)


def press_tab(qtbot) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


def new_form(qtbot, window: MainWindow):
    window.new_candidate_action.trigger()
    wait_for_new_candidate_form(qtbot, window)
    return window.candidate_pane.form


def test_a_typed_birthday_and_tab_move_on_to_the_next_fields(qtbot, window: MainWindow):
    form = new_form(qtbot, window)
    qtbot.mouseClick(form.inputs["first_name"], LEFT)
    type_where_the_focus_is(qtbot, "Anna")
    form.inputs["birthday"].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: form.inputs["birthday"].hasFocus())

    # Typed as in the report: the date, Tab, the title, Tab, the company.
    type_where_the_focus_is(qtbot, "1991-03-15")
    press_tab(qtbot)
    type_where_the_focus_is(qtbot, "Senior Kotlin Developer")
    press_tab(qtbot)
    type_where_the_focus_is(qtbot, "Allegro")

    record = form.record()
    assert record.birthday == date(1991, 3, 15)
    assert record.title == "Senior Kotlin Developer"
    assert record.company == "Allegro"
    assert form.error_text("birthday") == ""


def test_clicking_away_keeps_the_typed_date_and_a_bad_one_is_reported(qtbot, window: MainWindow):
    form = new_form(qtbot, window)
    birthday = form.inputs["birthday"]
    qtbot.mouseClick(birthday, LEFT)
    birthday.setFocus(Qt.FocusReason.MouseFocusReason)
    type_where_the_focus_is(qtbot, "15.03.1991")
    qtbot.mouseClick(form.inputs["city"], LEFT)  # click into another field
    qtbot.waitUntil(lambda: form.inputs["city"].hasFocus())

    assert form.record().birthday == date(1991, 3, 15)
    assert birthday.text() == "1991-03-15"  # shown the one way once it reads

    qtbot.mouseClick(form.inputs["available_from"], LEFT)
    form.inputs["available_from"].setFocus(Qt.FocusReason.MouseFocusReason)
    type_where_the_focus_is(qtbot, "2027-02-30")
    qtbot.mouseClick(form.inputs["city"], LEFT)
    qtbot.waitUntil(lambda: form.inputs["city"].hasFocus())
    assert form.inputs["available_from"].text() == "2027-02-30"  # kept, to be corrected
    assert form.error_text("available_from") == "no such date"


def test_the_calendar_opens_on_the_date_shown_or_today(qtbot, window: MainWindow, clock):
    form = new_form(qtbot, window)
    birthday = form.inputs["birthday"]

    qtbot.mouseClick(birthday.button, LEFT)
    qtbot.waitUntil(birthday.popup.isVisible)
    today = clock.now.date()
    assert (birthday.calendar.yearShown(), birthday.calendar.monthShown()) == (
        today.year,
        today.month,
    )
    birthday.popup.hide()

    birthday.set_value(date(1991, 3, 15))
    qtbot.mouseClick(birthday.button, LEFT)
    qtbot.waitUntil(birthday.popup.isVisible)
    assert (birthday.calendar.yearShown(), birthday.calendar.monthShown()) == (1991, 3)
    picked = birthday.calendar.selectedDate().addDays(2)
    birthday.calendar.setSelectedDate(picked)
    birthday.calendar.activated.emit(picked)
    assert not birthday.popup.isVisible()
    assert form.record().birthday == date(1991, 3, 17)
    assert window.candidate_pane.dirty
