"""Lists → Due for deletion, "Select all N in this list", then Erase permanently…: the whole
list is erased (not only the rows loaded), reviewed, with the count typed."""

from __future__ import annotations

from PySide6.QtCore import Qt

from talentdesk.core.lists.periods import months_before
from talentdesk.core.records import CandidateRecord
from talentdesk.ui.models.candidate_table import CandidateTableModel
from tests.conftest import START
from tests.ui.conftest import outside_the_window
from tests.ui.test_erase_dialog import closed, open_erase
from tests.ui.window_driver import click_row, shown_names, sql

LEFT = Qt.MouseButton.LeftButton
SHIFT = Qt.KeyboardModifier.ShiftModifier
# More than the ids the list reads before it first paints, and many pages of rows.
DUE = CandidateTableModel.FIRST_IDS + 3 * CandidateTableModel.PAGE_SIZE + 7


def test_select_all_then_erase_takes_the_whole_due_list(
    qtbot, ws, clock, add_candidate, open_window, settle
) -> None:
    clock.now = months_before(START, 30)

    def add_due() -> None:
        for n in range(DUE):
            ws.candidates.create(CandidateRecord(f"Old{n:04}", "Due", email=f"o{n}@due.example"))

    outside_the_window(add_due)
    clock.now = START
    add_candidate("Yann", "Young")
    window = open_window()
    window.privacy_ui.due_action.trigger()
    model = window.list_pane.model
    qtbot.waitUntil(lambda: model.rowCount() == DUE)
    click_row(qtbot, window, "Old0000 Due")
    click_row(qtbot, window, "Old0001 Due", SHIFT)
    banner = window.bulk_ui.banner
    assert banner.text() == f'<b>2</b> selected. <a href="all">Select all {DUE:,} in this list</a>'
    banner.linkActivated.emit("all")
    assert banner.text().startswith(f"All <b>{DUE:,}</b> in this list are selected.")

    dialog = open_erase(qtbot, window)
    assert dialog.table.rowCount() == DUE  # everyone reviewed, not the rows loaded
    assert dialog.prompt.text().endswith(f"<b>{DUE}</b>, to confirm:")
    qtbot.keyClicks(dialog.confirm, "2")
    assert not dialog.erase_button.isEnabled()
    dialog.confirm.clear()
    qtbot.keyClicks(dialog.confirm, f"{DUE:,}")
    assert dialog.erase_button.isEnabled()
    qtbot.mouseClick(dialog.erase_button, LEFT)
    qtbot.waitUntil(lambda: closed(dialog), timeout=30_000)
    settle(window)

    assert sql(ws, "SELECT first_name FROM candidate") == [("Yann",)]
    assert sql(ws, "SELECT kind, count FROM audit_entry") == [("erasure", DUE)]
    assert sql(ws, "SELECT count(*) FROM suppression WHERE kind = 'email'") == [(DUE,)]
    assert f"Erased {DUE:,} people permanently" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: model.rowCount() == 0)
    window.list_pane.show_search("")
    qtbot.waitUntil(lambda: shown_names(window) == ["Yann Young"])
