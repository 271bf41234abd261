"""Small controls that did the wrong thing: Esc in the search box, a search carried to another
pool, Mark done with nothing selected, Ctrl+Enter in the Log call dialog, a snooze earlier than
the reminder, and candidate actions with nobody listed."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from talentdesk.core.db.enums import InteractionKind
from talentdesk.core.ops.changes import Changes
from talentdesk.core.reminders.snooze import SnoozePreset
from talentdesk.ui.dialogs.interaction_dialog import InteractionDialog
from talentdesk.ui.main_window import MainWindow
from tests.ui.conftest import outside_the_window
from tests.ui.window_driver import (
    CTRL,
    LEFT,
    click_pool,
    click_row,
    search_for,
    shown_names,
    type_text,
)


def test_esc_in_the_search_box_clears_it(qtbot, add_candidate, open_window):
    add_candidate("Anna", "Kowalska")
    add_candidate("Bartek", "Nowak")
    window: MainWindow = open_window()
    search_for(qtbot, window, "anna")
    assert shown_names(window) == ["Anna Kowalska"]

    qtbot.keyClick(window.list_pane.search, Qt.Key.Key_Escape)

    assert window.list_pane.search.text() == ""
    qtbot.waitUntil(lambda: len(shown_names(window)) == 2)


def test_another_pool_starts_without_the_search(qtbot, ws, add_candidate, open_window):
    anna = add_candidate("Anna", "Kowalska")
    bartek = add_candidate("Bartek", "Nowak")
    pool = outside_the_window(lambda: ws.pools.create("Backend"))
    outside_the_window(lambda: ws.pools.add_members(pool, [anna, bartek]))
    window: MainWindow = open_window()
    qtbot.waitUntil(lambda: window.pool_pane.model.rowCount() == 2)
    search_for(qtbot, window, "anna")

    click_pool(qtbot, window, "Backend")

    qtbot.waitUntil(lambda: window.list_pane.model.query.pool_id == pool)
    assert window.list_pane.search.text() == ""
    assert sorted(shown_names(window)) == ["Anna Kowalska", "Bartek Nowak"]


def test_mark_done_is_off_with_no_reminder_selected(
    qtbot, ws, clock, add_candidate, open_window, settle
):
    anna = add_candidate("Anna", "Kowalska")
    ws.reminders.add(anna, clock.now - timedelta(days=1), note="Send feedback")
    ws.reminders.add(anna, clock.now - timedelta(hours=2), note="Call back")
    window: MainWindow = open_window()
    pane = window.reminders_pane
    done = pane.findChild(QPushButton, "markDoneButton")
    qtbot.waitUntil(lambda: len(pane.group_items("overdue")) == 2)
    assert not done.isEnabled()

    tree = pane.tree
    first = pane.group_items("overdue")[0]
    qtbot.mouseClick(tree.viewport(), LEFT, pos=tree.visualItemRect(first).center())
    assert done.isEnabled()
    # Ctrl+click unselects it: the focus frame stays on the row, but nothing is selected.
    qtbot.mouseClick(tree.viewport(), LEFT, CTRL, tree.visualItemRect(first).center())
    assert not tree.selectedItems()
    assert not done.isEnabled()
    assert pane.selected_reminder_id() is None


def test_ctrl_enter_saves_the_log_call_dialog(qtbot, ws, add_candidate, open_window, modal, settle):
    anna = add_candidate("Anna", "Kowalska")
    window: MainWindow = open_window()
    click_row(qtbot, window, "Anna Kowalska")
    pane = window.candidate_pane
    qtbot.waitUntil(lambda: pane.candidate_id == anna)

    def write_and_press_ctrl_enter(dialog: QWidget) -> None:
        assert isinstance(dialog, InteractionDialog)
        body = dialog.body
        body.setFocus()
        type_text(qtbot, body, "Open to hybrid.")
        qtbot.keyClick(body, Qt.Key.Key_Return, CTRL)

    modal.run(pane.quick_buttons[InteractionKind.CALL].click, write_and_press_ctrl_enter)
    settle(window)
    assert [e.body for e in ws.interactions.timeline(anna)] == ["Open to hybrid."]


def test_snooze_offers_nothing_earlier_than_the_reminder(
    qtbot, ws, clock, add_candidate, open_window
):
    anna = add_candidate("Anna", "Kowalska")
    # Due the day after tomorrow at 15:00 (the test clock is a Wednesday morning).
    due = (clock.now + timedelta(days=2)).replace(hour=15, minute=0)
    reminder = ws.reminders.add(anna, due, note="Check in")
    window: MainWindow = open_window()
    pane = window.reminders_pane
    qtbot.waitUntil(lambda: pane.select_reminder(reminder))

    menu = pane.reminder_actions.snooze_menu
    menu.aboutToShow.emit()  # as when it opens
    offered = {p: a.isEnabled() for p, a in menu.preset_actions.items()}
    assert offered == {
        SnoozePreset.ONE_HOUR: False,
        SnoozePreset.THIS_EVENING: False,
        SnoozePreset.TOMORROW_MORNING: False,
        SnoozePreset.NEXT_MONDAY: True,
    }
    assert menu.not_before() == due


def test_add_to_pool_and_delete_are_off_with_nobody_listed(qtbot, ws, add_candidate, open_window):
    window: MainWindow = open_window()
    assert not window.add_to_pool_action.isEnabled()
    assert not window.delete_action.isEnabled()

    outside_the_window(lambda: ws.pools.create("Backend"))
    add_candidate("Anna", "Kowalska")
    window.events.touch(Changes.everything(external=True))
    qtbot.waitUntil(lambda: window.list_pane.model.rowCount() == 1)
    assert window.add_to_pool_action.isEnabled()
    assert window.delete_action.isEnabled()

    click_pool(qtbot, window, "Backend")  # an empty pool
    qtbot.waitUntil(lambda: window.list_pane.model.rowCount() == 0)
    assert not window.add_to_pool_action.isEnabled()
    assert not window.delete_action.isEnabled()
