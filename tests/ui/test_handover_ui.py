"""Selection → Hand over to… driven like a user on a database two recruiters share: select,
hand over to a colleague, see them leave "My candidates" and the profile name the new owner;
one Ctrl+Z gives them back."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from sqlalchemy import text

from talentdesk.core.workspace import Workspace
from talentdesk.ui.bulk.command import BulkCommand
from talentdesk.ui.bulk.handover_dialog import HandOverDialog
from talentdesk.ui.main_window import MainWindow
from tests.conftest import written_outside
from tests.ui.conftest import outside_the_window
from tests.ui.test_bulk_progress import busy_writer, small_chunks
from tests.ui.test_bulk_ui import CTRL, click_row, press_ok, selection_menu_action, shown_names

HAND_OVER = "&Hand over to…"
__all__ = ["small_chunks"]  # a fixture used here
ALL = ["Ewa Nowak", "Ola Kowalska", "Piotr Zieliński"]


def _to_bob(qtbot):  # type: ignore[no-untyped-def]
    def handle(dialog: QWidget) -> None:
        assert isinstance(dialog, HandOverDialog)
        assert dialog.user.currentText() == "Bob"  # a colleague first, oneself last
        assert dialog.follow_ups.isChecked()  # the follow-ups go along unless unticked
        press_ok(qtbot, dialog)

    return handle


def _owner_shown(window: MainWindow) -> str:
    return window.candidate_pane.subtitle.text().rsplit(" · ", 1)[-1]


def test_a_single_user_is_offered_no_hand_over(window: MainWindow, ws, qtbot) -> None:
    action = selection_menu_action(window, HAND_OVER)
    assert not action.isVisible()
    outside_the_window(lambda: ws.users.find_or_add("Bob"))  # a colleague connects
    qtbot.waitUntil(action.isVisible)


def test_hand_over_the_selection_and_take_it_back_with_ctrl_z(
    qtbot, ws, clock, add_candidate, open_window, modal, settle
) -> None:
    ola = add_candidate("Ola", "Kowalska")
    add_candidate("Ewa", "Nowak")
    add_candidate("Piotr", "Zieliński")
    call_back = outside_the_window(
        lambda: ws.reminders.add(ola, clock() + timedelta(days=1), note="call back")
    )
    me, my_name = ws.users.current_id, ws.users.current().name
    bob = outside_the_window(lambda: ws.users.find_or_add("Bob"))
    window = open_window()
    toggle = window.pool_pane.owner_toggle
    assert not toggle.isHidden()
    qtbot.mouseClick(toggle.mine_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown_names(window) == ALL)
    click_row(qtbot, window, "Ewa Nowak")
    click_row(qtbot, window, "Ola Kowalska", CTRL)
    pane = window.candidate_pane
    qtbot.waitUntil(lambda: _owner_shown(window) == f"Owner: {my_name}")
    modal.run(selection_menu_action(window, HAND_OVER).trigger, _to_bob(qtbot))
    settle(window)
    assert window.statusBar().currentMessage() == (
        "Handed 2 candidates over to Bob · 1 follow-up went along. Undo with Ctrl+Z."
    )
    qtbot.waitUntil(lambda: shown_names(window) == ["Piotr Zieliński"])  # mine: Piotr only
    assert ws.candidates.get(ola).owner_name == "Bob"
    assert _reminder_owners(ws, ola) == [(call_back, bob)]
    qtbot.mouseClick(toggle.everyone_button, Qt.MouseButton.LeftButton)  # gone from mine:
    qtbot.waitUntil(lambda: len(shown_names(window)) == 3)  # everyone's still has them
    click_row(qtbot, window, "Ola Kowalska")
    qtbot.waitUntil(lambda: pane.candidate_id == ola and _owner_shown(window) == "Owner: Bob")

    window.list_pane.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    settle(window)
    assert window.statusBar().currentMessage() == "Undid: handed 2 candidates over to Bob"
    qtbot.waitUntil(lambda: _owner_shown(window) == f"Owner: {my_name}")  # the profile shown
    assert ws.candidates.get(ola).owner_name == my_name
    assert _reminder_owners(ws, ola) == [(call_back, me)]
    qtbot.mouseClick(toggle.mine_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown_names(window) == ALL)
    settle(window)  # no read left in flight (a team database's server stops after the test)


def _reminder_owners(ws: Workspace, candidate_id: int) -> list[tuple[int, int]]:
    with written_outside(ws.paths.database) as connection:
        found = connection.execute(
            text("SELECT id, owner_id FROM reminder WHERE candidate_id = :c"), {"c": candidate_id}
        )
        return [(int(i), int(o)) for i, o in found]


def test_a_large_hand_over_shows_progress_in_the_status_bar(
    qtbot, ws, add_candidate, open_window, modal, settle, small_chunks
) -> None:
    ids = [add_candidate(f"P{i}", "Big") for i in range(3)]
    outside_the_window(lambda: ws.users.find_or_add("Bob"))
    window = open_window()
    qtbot.waitUntil(lambda: len(shown_names(window)) == 3)
    window.list_pane.table.selectAll()
    release = busy_writer(ws)  # the hand-over waits in line, as behind an import
    seen: list[tuple[int, int]] = []
    pushed: list[BulkCommand] = []

    def watch(index: int) -> None:  # pushed, waiting for the writer: watch it, then let go
        handing = window.undo_stack.command(index - 1)
        assert isinstance(handing, BulkCommand) and handing.progress is not None
        handing.progress.progressed.connect(lambda done, total: seen.append((done, total)))
        pushed.append(handing)
        release.set()

    window.undo_stack.indexChanged.connect(watch)
    modal.run(selection_menu_action(window, HAND_OVER).trigger, _to_bob(qtbot))
    window.undo_stack.indexChanged.disconnect(watch)
    settle(window)
    assert seen[-1] == (3, 3) and pushed[0].progress is None  # shown, and closed
    assert window.statusBar().currentMessage() == (
        "Handed 3 candidates over to Bob. Undo with Ctrl+Z."
    )
    assert {ws.candidates.get(i).owner_name for i in ids} == {"Bob"}
