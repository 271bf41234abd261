"""Erase permanently…, from the Candidate menu on the list's selection: the reviewed list, the
typed confirmation, the erasure off the GUI thread, and no undo."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QApplication

from talentdesk.core.db.enums import InteractionKind
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.privacy.erase_dialog import EraseDialog
from tests.core.erased_person import found_in_files
from tests.ui.conftest import outside_the_window
from tests.ui.window_driver import CTRL, click_row, shown_names, sql

LEFT = Qt.MouseButton.LeftButton


def open_erase(qtbot, window: MainWindow) -> EraseDialog:
    window.erase_action.trigger()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), EraseDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, EraseDialog)
    return dialog


def closed(dialog: EraseDialog) -> bool:
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def test_erase_one_after_typing_their_name(qtbot, ws, add_candidate, open_window, settle):
    erased = add_candidate("Qwyxxelbert", "Vuzzquamski", email="qwyxx.vuzz@erasure-test.example")
    add_candidate("Nina", "Kept", email="nina@kept.example")
    outside_the_window(
        lambda: ws.interactions.log(erased, InteractionKind.CALL, body="Marzipannebula")
    )
    window = open_window()
    window.undo_stack.push(QUndoCommand("merge"))  # e.g. a merge that could write them back
    click_row(qtbot, window, "Qwyxxelbert Vuzzquamski")
    qtbot.waitUntil(lambda: window.candidate_pane.candidate_id == erased)
    dialog = open_erase(qtbot, window)

    table = dialog.table
    assert [table.item(0, c).text() for c in range(3)] == ["Qwyxxelbert Vuzzquamski", "1", "0"]
    assert not dialog.erase_button.isEnabled()
    qtbot.keyClicks(dialog.confirm, "Qwyxxelbert")
    assert not dialog.erase_button.isEnabled()
    qtbot.keyClicks(dialog.confirm, " vuzzquamski")  # letter case does not matter
    assert dialog.erase_button.isEnabled()
    qtbot.mouseClick(dialog.erase_button, LEFT)
    qtbot.waitUntil(lambda: closed(dialog))
    settle(window)

    assert shown_names(window) == ["Nina Kept"]
    assert sql(ws, "SELECT count(*) FROM interaction") == [(0,)]
    assert sql(ws, "SELECT kind, count, detail FROM audit_entry") == [("erasure", 1, None)]
    assert "Erased 1 person permanently" in window.statusBar().currentMessage()
    assert not window.undo_stack.canUndo()
    assert window.candidate_pane.candidate_id is None
    assert found_in_files(ws.paths.database) == {}


def test_several_need_their_count_and_cancel_erases_nobody(
    qtbot, ws, add_candidate, open_window, settle
):
    for first in ("Anna", "Bartek", "Celina"):
        add_candidate(first, "Nowak")
    window = open_window()
    click_row(qtbot, window, "Anna Nowak")
    click_row(qtbot, window, "Bartek Nowak", CTRL)
    dialog = open_erase(qtbot, window)
    assert dialog.table.rowCount() == 2
    qtbot.keyClicks(dialog.confirm, "3")
    assert not dialog.erase_button.isEnabled()
    dialog.confirm.clear()
    qtbot.keyClicks(dialog.confirm, "2")
    assert dialog.erase_button.isEnabled()
    dialog.reject()
    qtbot.waitUntil(lambda: closed(dialog))
    settle(window)
    assert sorted(shown_names(window)) == ["Anna Nowak", "Bartek Nowak", "Celina Nowak"]

    dialog = open_erase(qtbot, window)
    qtbot.keyClicks(dialog.confirm, "2")
    qtbot.mouseClick(dialog.erase_button, LEFT)
    qtbot.waitUntil(lambda: closed(dialog))
    settle(window)
    assert shown_names(window) == ["Celina Nowak"]
    assert "Erased 2 people permanently" in window.statusBar().currentMessage()


def test_the_entry_is_in_the_candidate_menu_and_the_list_menu(open_window) -> None:
    window = open_window()
    assert window.erase_action in window.list_pane.table.actions()  # its right-click menu
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    assert window.erase_action in menus["&Candidate"].actions()
    assert window.erase_action.text() == "Erase &permanently…"


def test_the_confirmation_counts_mentions_in_other_peoples_records(
    qtbot, ws, add_candidate, open_window, settle
):
    anna = add_candidate("Anna", "Kowalska", email="anna@x.pl")
    jan = add_candidate("Jan", "Nowak", email="jan@y.pl")
    ola = add_candidate("Ola", "Lis", email="ola@z.pl")

    def mention() -> None:
        ws.interactions.log(jan, InteractionKind.NOTE, body="Referred by Anna Kowalska")
        ws.interactions.log(jan, InteractionKind.CALL, body="Mailed anna@x.pl")
        ws.interactions.log(ola, InteractionKind.NOTE, body="Met Anna Kowalska")
        ws.interactions.log(anna, InteractionKind.NOTE, body="Anna Kowalska's own")

    outside_the_window(mention)
    window = open_window()
    click_row(qtbot, window, "Anna Kowalska")
    dialog = open_erase(qtbot, window)
    assert dialog.redact.text().startswith("Looking for mentions")  # off the GUI thread

    qtbot.waitUntil(lambda: dialog.redact.text().startswith("Also mentioned"))
    assert dialog.redact.isVisible() and dialog.redact.isChecked()
    assert dialog.redact.text().startswith("Also mentioned in 3 records of 2 other people")
    assert "“[erased]”" in dialog.redact.text()
    qtbot.keyClicks(dialog.confirm, "Anna Kowalska")
    qtbot.mouseClick(dialog.erase_button, LEFT)
    qtbot.waitUntil(lambda: closed(dialog))
    settle(window)

    bodies = sql(ws, "SELECT body FROM interaction ORDER BY id")
    assert bodies == [("Referred by [erased]",), ("Mailed [erased]",), ("Met [erased]",)]
    assert "mentions replaced in 3 records of 2 other people" in (
        window.statusBar().currentMessage()
    )


def test_unticked_the_mentions_are_kept_and_none_hides_the_box(
    qtbot, ws, add_candidate, open_window, settle
):
    add_candidate("Anna", "Kowalska", email="anna@x.pl")
    jan = add_candidate("Jan", "Nowak", email="jan@y.pl")
    add_candidate("Nina", "Kept", email="nina@kept.example")
    outside_the_window(
        lambda: ws.interactions.log(jan, InteractionKind.NOTE, body="Referred by Anna Kowalska")
    )
    window = open_window()
    click_row(qtbot, window, "Nina Kept")
    dialog = open_erase(qtbot, window)
    qtbot.waitUntil(lambda: not dialog.redact.isVisible())  # nobody mentions Nina
    dialog.reject()
    qtbot.waitUntil(lambda: closed(dialog))

    click_row(qtbot, window, "Anna Kowalska")
    dialog = open_erase(qtbot, window)
    qtbot.waitUntil(lambda: dialog.redact.isEnabled())
    assert dialog.redact.text().startswith("Also mentioned in 1 record of 1 other person")
    dialog.redact.setChecked(False)
    qtbot.keyClicks(dialog.confirm, "Anna Kowalska")
    qtbot.mouseClick(dialog.erase_button, LEFT)
    qtbot.waitUntil(lambda: closed(dialog))
    settle(window)
    assert sql(ws, "SELECT body FROM interaction") == [("Referred by Anna Kowalska",)]
