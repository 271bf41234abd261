"""Several reminders at once in the reminders pane, driven like a user: select with Ctrl/Shift-
click or Ctrl+A, complete, complete and log, snooze; one Ctrl+Z puts each back.

The clock is Wednesday 25 November 2026, 09:30, and the user's zone is UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QTreeWidgetItem, QWidget

from talentdesk.core.db.enums import InteractionKind, ReminderKind
from talentdesk.ui.dialogs.complete_dialog import CompleteDialog
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.panes.reminders_pane import RemindersPane
from tests.ui.conftest import remind

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def focus(qtbot, widget: QWidget) -> None:
    window = widget.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def click(qtbot, pane: RemindersPane, item: QTreeWidgetItem, modifier=None) -> None:
    tree = pane.tree
    pos = tree.visualItemRect(item).center()
    qtbot.mouseClick(tree.viewport(), LEFT, modifier or Qt.KeyboardModifier.NoModifier, pos)


def texts(pane: RemindersPane, group: str) -> list[str]:
    return [f"{i.text(1)} — {i.text(2)}" for i in pane.group_items(group)]


def status(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


@pytest.fixture
def people(add_candidate) -> dict[str, int]:
    return {
        name: add_candidate(name, last)
        for name, last in (("Anna", "Kowalska"), ("Bartek", "Nowak"), ("Celina", "Zając"))
    }


@pytest.fixture
def overdue_four(ws, clock, people) -> dict[str, int]:
    """Four overdue reminders, oldest first: Anna's, Bartek's, Celina's, and Anna's second."""
    now = clock.now
    return {
        "anna": remind(ws, people["Anna"], now - timedelta(days=4), note="Send the brief"),
        "bartek": remind(ws, people["Bartek"], now - timedelta(days=3), note="Call back"),
        "celina": remind(ws, people["Celina"], now - timedelta(days=2), note="Ask about notice"),
        "anna2": remind(ws, people["Anna"], now - timedelta(days=1), ReminderKind.CHECK_IN),
    }


def open_pane(qtbot, open_window, overdue: int) -> tuple[MainWindow, RemindersPane]:
    window = open_window()
    pane = window.reminders_pane
    qtbot.waitUntil(lambda: len(pane.group_items("overdue")) == overdue)
    return window, pane


def test_complete_three_selected_then_one_ctrl_z_brings_them_back(
    qtbot, ws, clock, overdue_four, open_window, settle
):
    window, pane = open_pane(qtbot, open_window, 4)
    rows = pane.group_items("overdue")
    click(qtbot, pane, rows[0])
    click(qtbot, pane, rows[2], SHIFT)  # Anna's, Bartek's and Celina's
    done = pane.findChild(QPushButton, "markDoneButton")
    assert done.text() == "Complete 3"
    assert pane.reminder_actions.snooze_action.text() == "&Snooze 3"
    assert not pane.reminder_actions.edit_action.isEnabled()  # one at a time
    assert not pane.reminder_actions.delete_action.isEnabled()

    qtbot.mouseClick(done, LEFT)
    settle(window)

    assert texts(pane, "overdue") == ["Anna Kowalska — Check in"]
    assert pane.summary.text() == "1 overdue · 0 today · 0 this week"
    assert pane.selected_reminder_ids() == [overdue_four["anna2"]]  # the one now in their place
    assert status(window) == "Completed 3 reminders. Undo with Ctrl+Z."
    for key in ("anna", "bartek", "celina"):
        assert ws.reminders.get(overdue_four[key]).done_at == clock.now
    assert window.undo_action.text() == "&Undo complete 3 reminders"

    focus(qtbot, pane.tree)
    qtbot.keyClick(pane.tree, Qt.Key.Key_Z, CTRL)
    settle(window)

    assert texts(pane, "overdue") == [
        "Anna Kowalska — Follow-up: Send the brief",
        "Bartek Nowak — Follow-up: Call back",
        "Celina Zając — Follow-up: Ask about notice",
        "Anna Kowalska — Check in",
    ]
    assert status(window) == "Reopened 3 reminders."
    assert all(ws.reminders.get(r).done_at is None for r in overdue_four.values())


def test_ctrl_click_picks_and_ctrl_enter_completes(
    qtbot, ws, clock, overdue_four, open_window, settle
):
    window, pane = open_pane(qtbot, open_window, 4)
    rows = pane.group_items("overdue")
    click(qtbot, pane, rows[1])
    click(qtbot, pane, rows[3], CTRL)
    assert pane.selected_reminder_ids() == [overdue_four["bartek"], overdue_four["anna2"]]
    assert pane.done_button.text() == "Complete 2"

    focus(qtbot, pane.tree)
    qtbot.keyClick(pane.tree, Qt.Key.Key_Return, CTRL)
    settle(window)

    assert texts(pane, "overdue") == [
        "Anna Kowalska — Follow-up: Send the brief",
        "Celina Zając — Follow-up: Ask about notice",
    ]
    assert status(window) == "Completed 2 reminders. Undo with Ctrl+Z."
    # The one now where the first of them was is selected: the keyboard goes on from there.
    assert pane.selected_reminder_ids() == [overdue_four["celina"]]
    assert pane.done_button.text() == "Mark done"

    qtbot.keyClick(pane.tree, Qt.Key.Key_Escape)
    assert pane.selected_reminder_ids() == []
    assert not pane.done_button.isEnabled()


def test_ctrl_a_then_snooze_next_monday_moves_all_and_undo_restores(
    qtbot, ws, clock, overdue_four, people, open_window, settle
):
    later = remind(ws, people["Bartek"], clock.now + timedelta(days=40), note="Quarterly")
    window, pane = open_pane(qtbot, open_window, 4)
    focus(qtbot, pane.tree)
    pane.tree.setCurrentItem(pane.group_items("overdue")[-1])
    qtbot.keyClick(pane.tree, Qt.Key.Key_A, CTRL)
    assert len(pane.selected_reminder_ids()) == 5  # the group headings are not reminders
    assert pane.reminder_actions.snooze_action.text() == "&Snooze 5"
    assert pane.summary.text() == "4 overdue · 0 today · 0 this week · 1 later · 5 selected"

    qtbot.keyClick(pane.tree, Qt.Key.Key_S, CTRL | SHIFT)
    menu = pane.reminder_actions.snooze_menu
    qtbot.waitUntil(menu.isVisible)
    assert menu.preset_actions  # offered: the earliest selected one is overdue
    assert all(a.isEnabled() for a in menu.preset_actions.values())
    qtbot.keyClick(menu, Qt.Key.Key_M)  # Next Monday
    settle(window)

    monday = datetime(2026, 11, 30, 9, tzinfo=UTC)
    assert [ws.reminders.get(r).snoozed_until for r in overdue_four.values()] == [monday] * 4
    assert ws.reminders.get(later).snoozed_until is None  # due after Monday already
    assert pane.group_items("overdue") == []
    assert len(pane.group_items("week")) == 4
    assert status(window) == (
        "Snoozed 4 reminders until Mon 09:00. 1 reminder already due later was kept."
        " Undo with Ctrl+Z."
    )
    assert len(pane.selected_reminder_ids()) == 5  # still selected, in their new group

    window.undo_action.trigger()
    settle(window)
    assert len(pane.group_items("overdue")) == 4
    assert all(ws.reminders.get(r).snoozed_until is None for r in overdue_four.values())
    assert status(window) == "Snooze undone for 4 reminders."


def test_complete_and_log_several_logs_each_in_their_history(
    qtbot, ws, clock, overdue_four, people, open_window, modal, settle
):
    window, pane = open_pane(qtbot, open_window, 4)
    rows = pane.group_items("overdue")
    click(qtbot, pane, rows[1])
    click(qtbot, pane, rows[2], CTRL)  # Bartek's and Celina's
    focus(qtbot, pane.tree)

    def log(dialog: CompleteDialog) -> None:
        assert dialog.windowTitle() == "Mark 2 reminders done"
        summary = dialog.findChild(QLabel, "completeSummary")
        assert summary.text() == "<b>2 reminders</b><br>Bartek Nowak, Celina Zając"
        assert dialog.log.text() == "&Log what happened with each"
        assert dialog.kind.currentText() == "Call"
        dialog.kind.setCurrentIndex(dialog.kind.findData(InteractionKind.EMAIL_OUT))
        dialog.text.insert("Sent the update")
        focus(qtbot, dialog.text)
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return)

    modal.run(lambda: qtbot.keyClick(pane.tree, Qt.Key.Key_D, CTRL | SHIFT), log)
    settle(window)

    assert status(window) == (
        "Completed 2 reminders and logged “E-mail sent” for each. Undo with Ctrl+Z."
    )
    for who in ("Bartek", "Celina"):
        (entry,) = ws.interactions.timeline(people[who])
        assert (entry.kind, entry.subject) == (InteractionKind.EMAIL_OUT, "Sent the update")
    assert ws.interactions.timeline(people["Anna"]) == []

    window.open_candidate(people["Celina"])  # her history shows it
    candidate = window.candidate_pane
    qtbot.waitUntil(lambda: candidate.timeline.count() == 1)
    assert "Sent the update" in candidate.timeline.item(0).text()
    assert candidate.tabs.tabText(2) == "Timeline (1)"

    window.undo_action.trigger()
    settle(window)
    assert status(window) == "Reopened 2 reminders and removed 2 logged interactions."
    assert ws.interactions.timeline(people["Bartek"]) == []
    qtbot.waitUntil(lambda: candidate.tabs.tabText(2) == "Timeline (0)")
    assert len(pane.group_items("overdue")) == 4


def test_one_selected_reminder_still_reads_and_undoes_as_one(
    qtbot, ws, clock, overdue_four, open_window, settle
):
    window, pane = open_pane(qtbot, open_window, 4)
    click(qtbot, pane, pane.group_items("overdue")[0])
    assert pane.done_button.text() == "Mark done"
    assert pane.reminder_actions.edit_action.isEnabled()
    focus(qtbot, pane.tree)
    qtbot.keyClick(pane.tree, Qt.Key.Key_D, CTRL)
    settle(window)
    assert status(window) == "Marked done."
    assert ws.reminders.get(overdue_four["anna"]).done_at == clock.now

    window.undo_action.trigger()
    settle(window)
    assert status(window) == "Reopened 1 reminder."
    assert ws.reminders.get(overdue_four["anna"]).done_at is None


def test_done_twice_over_skips_what_is_done_and_leaves_nothing_to_undo(
    qtbot, ws, clock, overdue_four, open_window, settle
):
    window, pane = open_pane(qtbot, open_window, 4)
    rows = pane.group_items("overdue")
    click(qtbot, pane, rows[0])
    click(qtbot, pane, rows[1], SHIFT)
    done = pane.reminder_actions.done_action
    done.trigger()
    done.trigger()  # before the first has landed: the same two, done by then
    settle(window)

    assert status(window) == "Nothing changed: the 2 reminders are done or deleted already."
    assert window.undo_stack.count() == 1  # the second did nothing and is not to be undone
    window.undo_action.trigger()
    settle(window)
    assert status(window) == "Reopened 2 reminders."
    assert len(pane.group_items("overdue")) == 4
