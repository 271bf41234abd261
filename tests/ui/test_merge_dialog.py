"""The merge dialog, reached from the list's "Merge 2 candidates…": pick, merge, undo."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from talentdesk.core.db.enums import InteractionKind
from talentdesk.ui.duplicates.merge_dialog import MergeDialog, merge_candidates
from talentdesk.ui.main_window import MainWindow
from tests.ui.conftest import outside_the_window
from tests.ui.window_driver import CTRL, click_row, shown_names, sql

LEFT = Qt.MouseButton.LeftButton


def closed(dialog: MergeDialog) -> bool:
    """Closed, and deleted (it deletes itself on closing)."""
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def open_merge(qtbot, window: MainWindow) -> MergeDialog:
    window.merge_action.trigger()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), MergeDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, MergeDialog)
    return dialog


def two_annas(ws, clock, add_candidate) -> tuple[int, int]:
    keep = add_candidate("Anna", "Kowalska", email="anna@example.com", city="Kraków")
    clock.advance(days=1)
    other = add_candidate(
        "Anna", "Kowalska-Nowak", email="anna.nowak@example.org", city="Warszawa", phone="601"
    )
    pool = ws.pools.create("Backend")
    ws.pools.add_members(pool, [other])
    ws.interactions.log(other, InteractionKind.CALL, subject="Intro call")
    return keep, other


def test_pick_a_field_merge_then_undo(qtbot, ws, clock, add_candidate, open_window, settle):
    keep, other = two_annas(ws, clock, add_candidate)
    window = open_window()
    click_row(qtbot, window, "Anna Kowalska")
    click_row(qtbot, window, "Anna Kowalska-Nowak", CTRL)
    dialog = open_merge(qtbot, window)

    city_keep = dialog.fields.buttons[("city", "keep")]
    assert city_keep.text() == "Kraków" and not city_keep.isChecked()  # the newer by default
    assert dialog.fields.buttons[("notes", "keep")].isEnabled() is False  # both empty: greyed
    assert "1 interaction" in dialog.summary.text()
    qtbot.mouseClick(city_keep, LEFT)
    qtbot.mouseClick(dialog.merge_button, LEFT)
    qtbot.waitUntil(lambda: closed(dialog))
    settle(window)

    assert shown_names(window) == ["Anna Kowalska-Nowak"]
    assert sql(ws, "SELECT id, city, email FROM candidate") == [
        (keep, "Kraków", "anna.nowak@example.org")
    ]
    assert sql(ws, "SELECT email FROM candidate_email") == [("anna@example.com",)]
    assert sql(ws, "SELECT candidate_id, subject FROM interaction ORDER BY id") == [
        (keep, "Intro call"),
        (keep, "Merged with Anna Kowalska-Nowak"),
    ]
    assert sql(ws, "SELECT candidate_id FROM pool_membership") == [(keep,)]
    assert window.candidate_pane.candidate_id == keep
    assert window.undo_action.text() == "&Undo merge Anna Kowalska-Nowak into Anna Kowalska"

    window.activateWindow()  # no window manager under test to hand it back from the dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.list_pane.table, Qt.Key.Key_Z, CTRL)
    settle(window)
    qtbot.waitUntil(lambda: sorted(shown_names(window)) == ["Anna Kowalska", "Anna Kowalska-Nowak"])
    assert sql(ws, "SELECT id, city FROM candidate ORDER BY id") == [
        (keep, "Kraków"),
        (other, "Warszawa"),
    ]
    assert sql(ws, "SELECT candidate_id FROM interaction") == [(other,)]
    assert sql(ws, "SELECT candidate_id FROM pool_membership") == [(other,)]
    assert window.statusBar().currentMessage() == "Restored Anna Kowalska-Nowak and Anna Kowalska."

    window.redo_action.trigger()  # the same merge again, the dialog long gone
    settle(window)
    assert sql(ws, "SELECT id, city FROM candidate") == [(keep, "Kraków")]
    assert window.statusBar().currentMessage().startswith("Merged Anna Kowalska-Nowak into")


def test_swap_keeps_the_other_record(qtbot, ws, clock, add_candidate, open_window, settle):
    keep, other = two_annas(ws, clock, add_candidate)
    window = open_window()
    dialog = merge_candidates(window, keep, other)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    qtbot.mouseClick(dialog.swap_button, LEFT)
    assert (dialog.preview.keep_id, dialog.preview.other_id) == (other, keep)
    # The same values stay picked: the newer record's, now on the kept side.
    assert dialog.fields.buttons[("city", "keep")].isChecked()
    qtbot.mouseClick(dialog.merge_button, LEFT)
    qtbot.waitUntil(lambda: closed(dialog))
    settle(window)
    assert sql(ws, "SELECT id, city FROM candidate") == [(other, "Warszawa")]


def test_merge_needs_exactly_two_selected(qtbot, ws, clock, add_candidate, open_window):
    two_annas(ws, clock, add_candidate)
    window = open_window()
    click_row(qtbot, window, "Anna Kowalska")
    window.merge_action.trigger()
    assert window.statusBar().currentMessage() == "Select exactly two candidates to merge them."
    assert QApplication.activeModalWidget() is None


def test_someone_merged_away_meanwhile_is_refused_with_the_reason(
    qtbot, ws, clock, add_candidate, open_window
):
    keep, other = two_annas(ws, clock, add_candidate)
    window = open_window()
    outside_the_window(lambda: ws.merging.merge(keep, other, {"name": "keep"}))
    assert merge_candidates(window, keep, other) is None
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None
    assert box.text().startswith("Anna Kowalska-Nowak was merged into Anna Kowalska on ")
    box.close()


def test_the_candidate_menu_and_the_list_menu_offer_it(ws, clock, add_candidate, open_window):
    two_annas(ws, clock, add_candidate)
    window = open_window()
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Candidate")
    assert window.merge_action in menu.actions()
    assert window.merge_action in window.list_pane.table.actions()
    assert window.merge_action.text() == "&Merge 2 candidates…"
