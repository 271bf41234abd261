"""File ▸ Import history…: the imports listed with their counts, and "Undo this import"
removing the people an untouched import added; refused, with the reason, when touched."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

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
