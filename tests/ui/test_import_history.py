"""File ▸ Import history…: the imports listed with their counts, and "Undo this import"
removing the people an untouched import added; refused, with the reason, when touched."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from talentdesk.core.csvio.importer import run_import
from talentdesk.core.csvio.mapping import guess_mapping
from talentdesk.core.csvio.options import ImportOptions
from talentdesk.core.csvio.reader import sniff
from talentdesk.core.db.enums import InteractionKind
from talentdesk.core.workspace import Workspace
from talentdesk.ui.dialogs.import_history import ImportHistoryDialog
from talentdesk.ui.main_window import MainWindow
from tests.ui.conftest import ModalDriver, outside_the_window
from tests.ui.import_wizard_helpers import write_people

LEFT = Qt.MouseButton.LeftButton


def _imported(ws: Workspace, path: Path) -> int:
    layout = sniff(path)
    options = ImportOptions(mapping=guess_mapping(layout.header))
    report = outside_the_window(lambda: run_import(ws.db, path, layout, options, ws.clock))
    assert report.import_id is not None
    return report.import_id


def _open(window: MainWindow) -> ImportHistoryDialog:
    window.import_history_action.trigger()
    dialogs = window.findChildren(ImportHistoryDialog)
    assert len(dialogs) == 1
    return dialogs[0]


def _cells(dialog: ImportHistoryDialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(r, c).text() for c in range(1, table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_an_untouched_import_is_undone_from_the_history(
    qtbot, window: MainWindow, ws: Workspace, modal: ModalDriver, tmp_path: Path, settle
) -> None:
    rows = [["Anna", "Nowak", "anna@e.com", "", ""], ["Piotr", "Lis", "piotr@e.com", "", ""]]
    path = write_people(tmp_path / "people.csv", rows)
    _imported(ws, path)
    qtbot.waitUntil(lambda: window.count_label.text() == "2 of 2 candidates")
    dialog = _open(window)
    assert _cells(dialog) == [["people.csv", "2", "0", "0", "", ""]]
    assert not dialog.undo_button.isEnabled()  # nothing chosen yet
    dialog.table.selectRow(0)
    assert dialog.undo_button.isEnabled()

    def confirm(box: object) -> None:
        assert isinstance(box, QMessageBox)
        assert "Delete the 2 people the import of people.csv added" in box.text()
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), LEFT)

    modal.run(lambda: qtbot.mouseClick(dialog.undo_button, LEFT), confirm)
    settle(window)
    qtbot.waitUntil(lambda: "2 people removed" in dialog.status.text())
    qtbot.waitUntil(lambda: _cells(dialog)[0][-1].startswith("Undone"))
    assert not dialog.undo_button.isEnabled()
    qtbot.waitUntil(lambda: window.count_label.text() == "0 of 0 candidates")
    dialog.close()


def test_a_touched_import_is_refused_with_the_reason(
    qtbot, window: MainWindow, ws: Workspace, modal: ModalDriver, tmp_path: Path, settle
) -> None:
    path = write_people(tmp_path / "people.csv", [["Anna", "Nowak", "anna@e.com", "", ""]])
    _imported(ws, path)
    [anna] = [r[0] for r in ws.reader.execute("SELECT id FROM candidate")]
    outside_the_window(lambda: ws.interactions.log(anna, InteractionKind.CALL, subject="Hi"))
    dialog = _open(window)
    dialog.table.selectRow(0)
    modal.run(
        lambda: qtbot.mouseClick(dialog.undo_button, LEFT),
        lambda box: qtbot.mouseClick(
            box.button(QMessageBox.StandardButton.Yes),
            LEFT,  # type: ignore[attr-defined]
        ),
    )
    settle(window)

    def refusals() -> list[QMessageBox]:
        found = dialog.findChildren(QMessageBox)
        return [b for b in found if b.isVisible() and "changed since" in b.text()]

    qtbot.waitUntil(lambda: bool(refusals()))
    assert [r[0] for r in ws.reader.execute("SELECT id FROM candidate")] == [anna]
    for box in refusals():
        box.close()
    assert dialog.undo_button.isEnabled()  # nothing was undone: it may be tried again
    dialog.close()


def _confirm(qtbot, modal: ModalDriver, dialog: ImportHistoryDialog) -> None:
    modal.run(
        lambda: qtbot.mouseClick(dialog.undo_button, LEFT),
        lambda box: qtbot.mouseClick(
            box.button(QMessageBox.StandardButton.Yes),
            LEFT,  # type: ignore[attr-defined]
        ),
    )


def _answer_yes(dialog: ImportHistoryDialog) -> None:
    """Click Undo and answer Yes, and return with the undo queued (not waiting for it)."""
    asked: list[QMessageBox] = []

    def attempt() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            poll.stop()
            asked.append(box)
            box.button(QMessageBox.StandardButton.Yes).click()

    poll = QTimer(interval=10)
    poll.timeout.connect(attempt)
    poll.start()
    try:
        dialog.undo_button.click()
    finally:
        poll.stop()
    assert asked


def test_the_undo_shows_its_progress(
    qtbot, window: MainWindow, ws: Workspace, modal: ModalDriver, tmp_path: Path, settle
) -> None:
    rows = [[f"Anna{i}", "Nowak", f"anna{i}@e.com", "", ""] for i in range(3)]
    _imported(ws, write_people(tmp_path / "people.csv", rows))
    dialog = _open(window)
    seen: list[tuple[int, bool, str]] = []
    dialog.progress.valueChanged.connect(
        lambda value: seen.append((value, dialog.cancel_button.isVisible(), dialog.status.text()))
    )
    dialog.table.selectRow(0)
    _confirm(qtbot, modal, dialog)
    settle(window)
    qtbot.waitUntil(lambda: "3 people removed" in dialog.status.text())
    assert seen[-1] == (3, True, "Deleting the people the import added: 3 of 3…")
    assert dialog.progress.maximum() == 3
    assert not dialog.progress.isVisible() and not dialog.cancel_button.isVisible()
    dialog.close()


def test_a_cancelled_undo_deletes_nobody(
    qtbot, window: MainWindow, ws: Workspace, modal: ModalDriver, tmp_path: Path, settle
) -> None:
    rows = [["Anna", "Nowak", "anna@e.com", "", ""], ["Piotr", "Lis", "piotr@e.com", "", ""]]
    _imported(ws, write_people(tmp_path / "people.csv", rows))
    qtbot.waitUntil(lambda: window.count_label.text() == "2 of 2 candidates")
    dialog = _open(window)
    dialog.table.selectRow(0)
    gate = threading.Event()  # the write path is busy with something else meanwhile
    window.events.ops.run("Holding the write path", lambda: gate.wait(60))
    _answer_yes(dialog)
    assert dialog.undoing and dialog.cancel_button.isEnabled()
    dialog.close()  # refused while the undo is under way
    assert dialog.isVisible()
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    gate.set()
    qtbot.waitUntil(lambda: dialog.status.text() == "Cancelled: nothing was undone.")
    settle(window)
    assert not dialog.undoing and dialog.undo_button.isEnabled()
    assert ws.reader.execute("SELECT count(*) FROM candidate").fetchone() == (2,)
    assert _cells(dialog)[0][-1] == ""
    dialog.close()
