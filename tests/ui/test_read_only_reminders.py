"""A database that cannot be written: the reminders can be read, and no key or double-click
opens an editor whose Save could only fail."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from talentdesk.core.workspace import Workspace
from talentdesk.ui.main_window import MainWindow


@pytest.fixture
def dialogs_opened() -> Iterator[list[str]]:
    """The titles of modal dialogs opened meanwhile; each is closed at once, so that a
    dialog opened by mistake fails the test instead of hanging it."""
    titles: list[str] = []

    def close_modal() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            titles.append(dialog.windowTitle())
            dialog.close()

    poll = QTimer(interval=10)
    poll.timeout.connect(close_modal)
    poll.start()
    yield titles
    poll.stop()


def focus(qtbot, widget: QWidget) -> None:
    window = widget.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def test_read_only_enter_does_not_open_the_reminder_editor(
    qtbot, ws: Workspace, clock, add_candidate, open_window, dialogs_opened
):
    anna = add_candidate("Anna", "Kowalska")
    reminder = ws.reminders.add(anna, clock.now + timedelta(days=2), note="Call back")
    window: MainWindow = open_window()
    window.go_read_only("the data folder is on a read-only drive")

    pane = window.reminders_pane
    assert pane.reminder_actions.writable is False
    assert not pane.reminder_actions.edit_action.isEnabled()
    qtbot.waitUntil(lambda: pane.select_reminder(reminder))
    focus(qtbot, pane.tree)
    qtbot.keyClick(pane.tree, Qt.Key.Key_Return)  # Enter edits (when writable)

    window.open_candidate(anna)
    candidate = window.candidate_pane
    qtbot.waitUntil(lambda: candidate.reminders.topLevelItemCount() == 1)
    candidate.tabs.setCurrentIndex(3)
    candidate.reminders.setCurrentItem(candidate.reminders.topLevelItem(0))
    focus(qtbot, candidate.reminders)
    qtbot.keyClick(candidate.reminders, Qt.Key.Key_Return)  # activating a row edits it

    assert dialogs_opened == []
    assert window.statusBar().currentMessage() == "Read-only: reminders cannot be changed."
    assert ws.reminders.get(reminder).note == "Call back"
