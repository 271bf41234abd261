"""Candidates → Find duplicates…: the real window over a real database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from talentdesk.core.records import CandidateRecord
from talentdesk.ui.duplicates.merge_dialog import MergeDialog
from talentdesk.ui.duplicates.window import DuplicatesWindow
from tests.ui.conftest import outside_the_window

CTRL = Qt.KeyboardModifier.ControlModifier


def open_duplicates(qtbot, window) -> DuplicatesWindow:
    window.find_duplicates_action.trigger()
    found = window.findChild(DuplicatesWindow, "duplicatesWindow")
    assert found is not None
    qtbot.waitExposed(found)
    qtbot.waitUntil(lambda: found.report is not None and not found.searching)
    found.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is found)
    return found


def groups(found: DuplicatesWindow) -> list[tuple[str, str]]:
    """Each group's row as shown: who, and the confidence."""
    tree = found.tree
    return [
        (tree.topLevelItem(i).text(0), tree.topLevelItem(i).text(1))
        for i in range(tree.topLevelItemCount())
    ]


def pair_rows(found: DuplicatesWindow) -> list[str]:
    """Every pair's reasons as shown, group by group."""
    tree = found.tree
    return [
        tree.topLevelItem(i).child(j).text(2)
        for i in range(tree.topLevelItemCount())
        for j in range(tree.topLevelItem(i).childCount())
    ]


def compared(found: DuplicatesWindow) -> list[list[str]]:
    table = found.table
    return [
        [table.item(row, column).text() for row in range(table.rowCount())]
        for column in range(table.columnCount())
    ]


def test_groups_listed_most_likely_first_with_reasons_and_fields(qtbot, add_candidate, window):
    anna = add_candidate("Anna", "Nowak", email="anna@x.pl", phone="+48 601 234 567",
                         company="Acme", city="Kraków")  # fmt: skip
    anna_again = add_candidate("Anna", "Nowak-Lis", email="ANNA@x.pl", city="Kraków")
    add_candidate("Marek", "Lis", city="Gdańsk")
    add_candidate("Marek", "Lis", city="Gdansk")
    add_candidate("Ewa", "Zając", company="Acme")
    found = open_duplicates(qtbot, window)

    assert groups(found) == [
        ("Anna Nowak · Anna Nowak-Lis", "high (95)"),
        ("Marek Lis · Marek Lis", "low (45)"),
    ]
    assert pair_rows(found) == ["same e-mail anna@x.pl", "same name in Gdańsk"]
    assert "2 groups of possible duplicates among 5 candidates" in found.status.text()
    # The first group is selected: its people side by side, what they share in bold.
    assert compared(found) == [
        ["Anna Nowak", "anna@x.pl", "+48 601 234 567", "Acme", "Kraków", "25 Nov 2026"],
        ["Anna Nowak-Lis", "ANNA@x.pl", "", "", "Kraków", "25 Nov 2026"],
    ]
    assert found.table.item(1, 0).font().bold()  # the e-mail, whatever its case
    assert not found.table.item(0, 0).font().bold()
    assert "same e-mail anna@x.pl" in found.reasons.text()

    # Open shows the person of the current column in the main window.
    found.table.setCurrentCell(0, 1)
    qtbot.mouseClick(found.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.candidate_pane.candidate_id == anna_again)
    # Enter on the list opens the person of the current column: the first, once another row
    # is chosen.
    found.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is found)
    qtbot.keyClick(found.tree, Qt.Key.Key_Down)
    assert found.table.currentColumn() == 0
    qtbot.keyClick(found.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.candidate_pane.candidate_id == anna)


def test_not_duplicates_and_undo(qtbot, ws, add_candidate, window, settle):
    first = add_candidate("Jan", "Kowalski", company="Acme")
    second = add_candidate("Jan", "Kowalski", company="ACME S.A.")
    found = open_duplicates(qtbot, window)
    assert [name for name, _ in groups(found)] == ["Jan Kowalski · Jan Kowalski"]

    found.tree.setFocus()
    qtbot.keyClick(found.tree, Qt.Key.Key_Down)  # to the pair
    assert found.selected_pair() is not None
    qtbot.keyClick(found, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # &Not duplicates
    settle(window)
    qtbot.waitUntil(lambda: groups(found) == [])
    assert ws.duplicates.dismissed() == [(first, second)]
    assert found.status.text() == (
        "Jan Kowalski and Jan Kowalski are different people. Undo with Ctrl+Z."
    )

    qtbot.keyClick(found.tree, Qt.Key.Key_Z, CTRL)
    settle(window)
    qtbot.waitUntil(lambda: len(groups(found)) == 1)
    assert ws.duplicates.dismissed() == []
    assert found.selected_pair() is not None
    assert found.selected_pair().ids == (first, second)

    # Dismissed again, the pair stays away when searching afresh.
    qtbot.mouseClick(found.dismiss_button, Qt.MouseButton.LeftButton)
    settle(window)
    qtbot.waitUntil(lambda: groups(found) == [])
    qtbot.mouseClick(found.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not found.searching)
    assert groups(found) == []
    assert "No duplicates found among 2 candidates." in found.status.text()


def test_an_edit_elsewhere_refreshes_the_list(qtbot, ws, add_candidate, window):
    anna = add_candidate("Anna", "Nowak", email="anna@x.pl")
    add_candidate("Anna", "Nowakowska", email="anna@x.pl")
    found = open_duplicates(qtbot, window)
    assert len(groups(found)) == 1

    record = ws.candidates.get(anna)
    record.email = "anna.nowak@y.pl"
    outside_the_window(lambda: ws.candidates.update(anna, record))
    qtbot.waitUntil(lambda: groups(found) == [] and not found.searching)


def test_the_window_is_one_and_says_when_nothing_is_found(qtbot, ws, window):
    outside_the_window(
        lambda: ws.candidates.create(CandidateRecord(first_name="Solo", last_name="Person"))
    )
    found = open_duplicates(qtbot, window)
    assert found.status.text() == "No duplicates found among 1 candidate."
    assert not found.dismiss_button.isEnabled()
    assert not found.merge_button.isEnabled()
    qtbot.keyClick(found, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not found.isVisible())
    assert open_duplicates(qtbot, window) is found


def test_merge_from_the_window_then_undo_there(qtbot, ws, add_candidate, window):
    add_candidate("Jan", "Kowalski", email="jan@x.pl")
    add_candidate("Jan", "Kowalski", email="JAN@x.pl", phone="601 234 567")
    found = open_duplicates(qtbot, window)
    found.tree.setCurrentItem(found.tree.topLevelItem(0))
    qtbot.mouseClick(found.merge_button, Qt.MouseButton.LeftButton)
    dialog = found.findChild(MergeDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ws.candidates.count() == 1)
    qtbot.waitUntil(lambda: groups(found) == [] and not found.searching)
    found.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is found)
    qtbot.keyClick(found, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: ws.candidates.count() == 2)
    qtbot.waitUntil(lambda: len(groups(found)) == 1)
