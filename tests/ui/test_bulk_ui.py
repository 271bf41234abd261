"""Bulk actions driven like a user: select rows, pick an action from the Selection menu, see
the result in the list and the candidate pane, and take it back with one Ctrl+Z."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox, QMenu, QWidget

from talentdesk.core.db.enums import CandidateStatus, TagCategory
from talentdesk.core.records import TagRef
from talentdesk.ui.bulk.dialogs import StatusDialog, TagsDialog
from talentdesk.ui.dialogs.interaction_dialog import InteractionDialog
from talentdesk.ui.dialogs.reminder_dialog import ReminderDialog
from talentdesk.ui.main_window import MainWindow
from tests.ui.conftest import outside_the_window

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
LEFT = Qt.MouseButton.LeftButton
KOTLIN = TagRef(TagCategory.SKILL, "Kotlin")


def shown_names(window: MainWindow) -> list[str]:
    model = window.list_pane.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def click_row(qtbot, window: MainWindow, name: str, modifier=Qt.KeyboardModifier.NoModifier):
    table = window.list_pane.table
    row = shown_names(window).index(name)
    center = table.visualRect(table.model().index(row, 0)).center()
    qtbot.mouseClick(table.viewport(), LEFT, modifier, center)


def selection_menu_action(window: MainWindow, text: str) -> QAction:
    """An entry of the menu bar's Selection menu."""
    [menu_action] = [a for a in window.menuBar().actions() if a.text() == "&Selection"]
    menu = menu_action.menu()
    assert isinstance(menu, QMenu)
    [found] = [a for a in menu.actions() if a.text() == text]
    return found


def press_ok(qtbot, dialog: QWidget) -> None:
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), LEFT)


def tag_kotlin(qtbot):  # type: ignore[no-untyped-def]
    def handle(dialog: QWidget) -> None:
        assert isinstance(dialog, TagsDialog)
        qtbot.keyClicks(dialog.editor.input, "Kotlin")  # not added with Enter: OK takes it
        press_ok(qtbot, dialog)

    return handle


def tags_of(ws, candidate_id: int) -> list[TagRef]:  # type: ignore[no-untyped-def]
    return ws.candidates.get(candidate_id).tags


def test_tag_the_selection_from_the_menu_and_undo_with_ctrl_z(
    qtbot, ws, add_candidate, open_window, modal, settle
):
    anna = add_candidate("Anna", "Test")
    bartek = add_candidate("Bartek", "Test")
    celina = add_candidate("Celina", "Test")
    window = open_window()
    click_row(qtbot, window, "Anna Test")
    click_row(qtbot, window, "Celina Test", CTRL)
    assert window.bulk_ui.banner.text() == (
        '<b>2</b> selected. <a href="all">Select all 3 in this list</a>'
    )

    modal.run(selection_menu_action(window, "&Tag…").trigger, tag_kotlin(qtbot))
    settle(window)
    assert window.statusBar().currentMessage() == (
        "Tagged 2 candidates Kotlin · skill. Undo with Ctrl+Z."
    )
    assert (tags_of(ws, anna), tags_of(ws, bartek), tags_of(ws, celina)) == ([KOTLIN], [], [KOTLIN])
    pane = window.candidate_pane  # shows Celina, the row clicked last
    qtbot.waitUntil(lambda: pane.tags.tags() == [KOTLIN])
    qtbot.keyClicks(window.list_pane.search, "kotlin")
    qtbot.waitUntil(lambda: shown_names(window) == ["Anna Test", "Celina Test"])

    window.list_pane.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    settle(window)
    assert window.statusBar().currentMessage() == "Undid: tagged 2 candidates Kotlin · skill"
    assert tags_of(ws, anna) == tags_of(ws, celina) == []
    qtbot.waitUntil(lambda: shown_names(window) == [])  # the search finds no one now
    window.list_pane.clear_search()
    click_row(qtbot, window, "Celina Test")
    qtbot.waitUntil(lambda: pane.tags.tags() == [])

    window.redo_action.trigger()  # Ctrl+Shift+Z tags them again
    settle(window)
    assert tags_of(ws, anna) == tags_of(ws, celina) == [KOTLIN]
    qtbot.waitUntil(lambda: pane.tags.tags() == [KOTLIN])


def test_select_all_in_this_list_tags_everyone_of_the_pool_only(
    qtbot, ws, add_candidate, open_window, modal, settle
):
    ids = [add_candidate(f"P{i}", "Pool") for i in range(4)]
    outsider = add_candidate("Olga", "Outside")
    pool = outside_the_window(lambda: ws.pools.create("Backend"))
    outside_the_window(lambda: ws.pools.add_members(pool, ids))
    window = open_window()
    window.pool_pane.select_pool(pool)
    qtbot.waitUntil(lambda: window.list_pane.model.rowCount() == 4)
    click_row(qtbot, window, "P0 Pool")
    click_row(qtbot, window, "P1 Pool", SHIFT)
    banner = window.bulk_ui.banner
    assert banner.isVisible()
    banner.linkActivated.emit("all")  # "Select all 4 in this list"
    assert banner.text().startswith("All <b>4</b> in this list are selected.")

    modal.run(selection_menu_action(window, "&Tag…").trigger, tag_kotlin(qtbot))
    settle(window)
    assert window.statusBar().currentMessage().startswith("Tagged 4 candidates Kotlin · skill")
    assert all(tags_of(ws, i) == [KOTLIN] for i in ids)
    assert tags_of(ws, outsider) == []


def test_set_status_to_do_not_contact_drops_check_ins_and_undo_brings_them_back(
    qtbot, ws, clock, add_candidate, open_window, modal, settle
):
    anna = add_candidate("Anna", "Test")
    pool = outside_the_window(lambda: ws.pools.create("Backend"))
    outside_the_window(lambda: ws.pools.add_members(pool, [anna]))
    outside_the_window(lambda: ws.pools.set_cadence(pool, 10))
    clock.advance(days=11)
    outside_the_window(ws.refresh_generated_reminders)
    assert [r.kind.value for r in ws.reminders.for_candidate(anna)] == ["check_in"]
    window = open_window()
    click_row(qtbot, window, "Anna Test")

    def do_not_contact(dialog: QWidget) -> None:
        assert isinstance(dialog, StatusDialog)
        dialog.status.setCurrentIndex(dialog.status.findData(CandidateStatus.DO_NOT_CONTACT))
        press_ok(qtbot, dialog)

    modal.run(selection_menu_action(window, "Set stat&us…").trigger, do_not_contact)
    settle(window)
    assert window.statusBar().currentMessage() == (
        "Set 1 candidate to Do not contact. Undo with Ctrl+Z."
    )
    assert ws.candidates.get(anna).status is CandidateStatus.DO_NOT_CONTACT
    assert ws.reminders.for_candidate(anna) == []

    window.undo_action.trigger()
    settle(window)
    assert ws.candidates.get(anna).status is CandidateStatus.PASSIVE
    assert [r.kind.value for r in ws.reminders.for_candidate(anna)] == ["check_in"]


def test_the_list_menu_offers_the_bulk_actions(ws, window):
    entries = [a for a in window.list_pane.table.actions() if a.menu() is not None]
    [selection] = [a for a in entries if a.text() == "&Selection"]
    menu = selection.menu()
    assert isinstance(menu, QMenu)
    assert window.bulk_ui.tag_action in menu.actions()
    assert window.bulk_ui.status_action in menu.actions()


def test_log_a_touchpoint_for_everyone_in_the_list_and_undo(
    qtbot, ws, clock, add_candidate, open_window, modal, settle
):
    ids = [add_candidate("Anna", "Test"), add_candidate("Bartek", "Test")]
    window = open_window()
    window.list_pane.table.setFocus()
    qtbot.keyClick(window.list_pane.table, Qt.Key.Key_A, CTRL)

    def log(dialog: QWidget) -> None:
        assert isinstance(dialog, InteractionDialog)
        assert dialog.windowTitle() == "Call — all 2 in this list"
        qtbot.keyClicks(dialog.subject, "Catch-up call")
        qtbot.mouseClick(dialog.save_button, LEFT)

    modal.run(selection_menu_action(window, "&Log a touchpoint for each…").trigger, log)
    settle(window)
    assert window.statusBar().currentMessage() == (
        "Logged call for 2 candidates. Undo with Ctrl+Z."
    )
    for cid in ids:
        assert [t.subject for t in ws.interactions.timeline(cid)] == ["Catch-up call"]
        assert ws.candidates.get(cid).last_contact_at is not None
    window.undo_action.trigger()
    settle(window)
    for cid in ids:
        assert ws.interactions.timeline(cid) == []
        assert ws.candidates.get(cid).last_contact_at is None


def test_a_reminder_for_each_of_the_selection(qtbot, ws, add_candidate, open_window, modal, settle):
    anna = add_candidate("Anna", "Test")
    bartek = add_candidate("Bartek", "Test")
    window = open_window()
    click_row(qtbot, window, "Bartek Test")

    def remind(dialog: QWidget) -> None:
        assert isinstance(dialog, ReminderDialog)
        qtbot.keyClicks(dialog.note, "Ask about Q1")
        qtbot.mouseClick(dialog.save_button, LEFT)

    modal.run(selection_menu_action(window, "Add a &reminder for each…").trigger, remind)
    settle(window)
    assert window.statusBar().currentMessage() == (
        "Added a reminder for 1 candidate. Undo with Ctrl+Z."
    )
    assert [r.note for r in ws.reminders.for_candidate(bartek)] == ["Ask about Q1"]
    assert ws.reminders.for_candidate(anna) == []


def test_remind_everyone_in_the_list_whatever_is_selected(
    qtbot, ws, add_candidate, open_window, modal, settle
):
    anna = add_candidate("Anna", "Test")
    bartek = add_candidate("Bartek", "Test")
    window = open_window()
    click_row(qtbot, window, "Bartek Test")  # one selected; the action is for everyone

    def remind(dialog: QWidget) -> None:
        assert isinstance(dialog, ReminderDialog)
        qtbot.keyClicks(dialog.note, "New year check-in")
        qtbot.mouseClick(dialog.save_button, LEFT)

    modal.run(selection_menu_action(window, "Remind &everyone in this list…").trigger, remind)
    settle(window)
    assert window.statusBar().currentMessage() == (
        "Added a reminder for 2 candidates. Undo with Ctrl+Z."
    )
    for person in (anna, bartek):
        assert [r.note for r in ws.reminders.for_candidate(person)] == ["New year check-in"]


def test_bulk_actions_are_off_in_read_only_mode(ws, add_candidate, open_window):
    add_candidate("Anna", "Test")
    window = open_window()
    assert window.bulk_ui.tag_action.isEnabled()
    window.go_read_only("the file is read-only")
    assert not any(a.isEnabled() for a in window.bulk_ui.write_actions())
    window.list_pane.refresh()  # a refreshed list does not switch them back on
    assert not window.bulk_ui.status_action.isEnabled()
