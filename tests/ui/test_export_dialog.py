"""File → Export CSV… driven like a user: scope, columns, format, file, progress and errors."""

from __future__ import annotations

import csv
import os
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox, QRadioButton

from talentdesk.core.csvio.exporter import EXPORT_COLUMNS
from talentdesk.core.workspace import Workspace
from talentdesk.ui.dialogs.export_dialog import ExportDialog, Scope
from talentdesk.ui.main_window import MainWindow
from tests.conftest import START
from tests.ui.window_driver import CTRL, LEFT, click_row, search_for, shown_names

HEADER_KEY = {header: key for key, header in EXPORT_COLUMNS.items()}


def read_csv(path: Path, delimiter: str = ",") -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter=delimiter))


def set_path(qtbot, dialog: ExportDialog, path: Path) -> None:
    """Type the file name over the suggested one, as a user would."""
    dialog.path_edit.selectAll()
    qtbot.keyClicks(dialog.path_edit, str(path))
    assert dialog.destination() == path


def menu_actions(window: MainWindow, title: str) -> list[QAction]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == title)
    return menu.actions()


def choose(qtbot, radio: QRadioButton) -> None:
    """Click the radio button's circle (its widget may be wider than circle and text)."""
    qtbot.mouseClick(radio, LEFT, pos=QPoint(radio.height() // 2, radio.height() // 2))
    assert radio.isChecked()


def tick_only(dialog: ExportDialog, headers: list[str]) -> None:
    """ "None", then tick `headers` and move them, in that order, to the top."""
    dialog.none_button.click()
    for target, header in enumerate(headers):
        item = dialog.columns.findItems(header, Qt.MatchFlag.MatchExactly)[0]
        item.setCheckState(Qt.CheckState.Checked)
        dialog.columns.setCurrentItem(item)
        while dialog.columns.currentRow() > target:
            dialog.move_up_button.click()


def export(qtbot, dialog: ExportDialog) -> tuple[int, Path]:
    """Click Export and wait for the file; the dialog closes itself."""
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as blocker:
        qtbot.mouseClick(dialog.export_button, LEFT)
    result = blocker.args[0]
    return result.rows, result.path


def wait_job(qtbot, dialog: ExportDialog) -> None:
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20_000)


@pytest.fixture
def people(add_candidate) -> dict[str, int]:
    return {
        "Anna Kowalska": add_candidate(
            "Anna", "Kowalska", email="anna@example.com", city="Kraków", salary_min=Decimal(18000)
        ),
        "Jan Nowak": add_candidate("Jan", "Nowak", email="jan@example.com", city="Gdańsk"),
        "Piotr Zieliński": add_candidate("Piotr", "Zieliński", city="Kraków"),
        "Ewa Wójcik": add_candidate("Ewa", "Wójcik", phone="+48 600 100 200"),
    }


def test_ctrl_e_exports_the_selection_with_the_chosen_columns_in_order(
    qtbot, people, open_window, tmp_path: Path
) -> None:
    window: MainWindow = open_window()
    click_row(qtbot, window, "Jan Nowak")
    click_row(qtbot, window, "Anna Kowalska", CTRL)
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ExportDialog)

    # Two selected: the selection is what the user most likely wants.
    assert dialog.scope() is Scope.SELECTION
    assert dialog.selection_scope.text() == "Selected candidates (2)"
    assert dialog.list_scope.text() == "Current list: All candidates (4)"
    assert dialog.everyone_scope.text() == "Everyone (4)"
    assert dialog.chosen_columns() == list(EXPORT_COLUMNS)  # the default: all
    assert Path(dialog.path_edit.text()).name == f"talentdesk-selection-{START.date()}.csv"

    tick_only(dialog, ["E-mail", "Last name", "City"])
    assert dialog.chosen_columns() == ["email", "last_name", "city"]
    assert dialog.columns_count.text() == f"3 of {len(EXPORT_COLUMNS)} columns"
    dest = tmp_path / "selected.csv"
    set_path(qtbot, dialog, dest)
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)  # Enter exports

    # In the list's order (by name), only the two, only those columns.
    assert read_csv(dest) == [
        ["E-mail", "Last name", "City"],
        ["anna@example.com", "Kowalska", "Kraków"],
        ["jan@example.com", "Nowak", "Gdańsk"],
    ]
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.statusBar().currentMessage() == f"Exported 2 candidates to {dest}"


def test_the_current_list_is_exported_as_shown_searched_and_sorted(
    qtbot, people, open_window, tmp_path: Path
) -> None:
    window = open_window()
    search_for(qtbot, window, "krak")
    window.list_pane.model.sort(0, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not window.list_pane.model.searching)  # read on a thread
    assert shown_names(window) == ["Piotr Zieliński", "Anna Kowalska"]

    dialog = window.export_csv()
    assert dialog.scope() is Scope.LIST
    assert dialog.list_scope.text() == "Current list: All candidates, matching “krak” (2)"
    assert Path(dialog.path_edit.text()).name == f"talentdesk-all-{START.date()}.csv"
    tick_only(dialog, ["First name", "Last name"])
    set_path(qtbot, dialog, tmp_path / "krak.csv")
    rows, path = export(qtbot, dialog)

    assert rows == 2
    assert read_csv(path) == [
        ["First name", "Last name"],
        ["Piotr", "Zieliński"],
        ["Anna", "Kowalska"],
    ]


def test_export_pool_from_the_pool_pane_preselects_that_pool(
    qtbot, ws: Workspace, people, open_window, tmp_path: Path
) -> None:
    java = ws.pools.create("Java – Kraków")
    ws.pools.create("Designers")
    ws.pools.add_members(java, [people["Piotr Zieliński"], people["Anna Kowalska"]])
    window = open_window()
    pane = window.pool_pane
    assert not pane.export_action.isEnabled()  # "All candidates" is not a pool
    pane.select_pool(java)
    assert pane.export_action.isEnabled()
    assert pane.export_action in menu_actions(window, "&Pool")

    pane.export_action.trigger()
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ExportDialog)
    assert dialog.scope() is Scope.POOL
    assert dialog.pool_choice.currentText() == "Java – Kraków (2)"
    assert Path(dialog.path_edit.text()).name == f"talentdesk-java-kraków-{START.date()}.csv"

    # Choosing everyone changes the suggested name, and back.
    choose(qtbot, dialog.everyone_scope)
    assert Path(dialog.path_edit.text()).name == f"talentdesk-all-{START.date()}.csv"
    choose(qtbot, dialog.pool_scope)
    tick_only(dialog, ["Last name", "Pools", "Stage", "Near-fit"])
    set_path(qtbot, dialog, tmp_path / "pool.csv")
    rows, path = export(qtbot, dialog)

    assert rows == 2
    assert read_csv(path) == [
        ["Last name", "Pools", "Stage", "Near-fit"],
        ["Kowalska", "Java – Kraków", "Sourced", "No"],
        ["Zieliński", "Java – Kraków", "Sourced", "No"],
    ]


def test_excel_writes_a_bom_and_with_decimal_comma_semicolons(
    qtbot, people, window: MainWindow, tmp_path: Path
) -> None:
    dialog = window.export_csv()
    assert dialog.utf8_format.isChecked()
    assert not dialog.decimal_comma.isEnabled()  # only means something for Excel
    assert dialog.decimal_comma.isChecked() == (QLocale().decimalPoint() == ",")

    choose(qtbot, dialog.excel_format)
    assert dialog.decimal_comma.isEnabled()
    dialog.decimal_comma.setChecked(True)
    tick_only(dialog, ["Last name", "Salary min", "Phone"])
    set_path(qtbot, dialog, tmp_path / "excel.csv")
    _rows, path = export(qtbot, dialog)

    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data[3:].decode("utf-8").splitlines()
    assert lines[:2] == ["Last name;Salary min;Phone", "Kowalska;18000,00;"]
    assert "Wójcik;;'+48 600 100 200" in lines


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a named pipe")
def test_cancel_leaves_no_file_and_the_dialog_open(
    qtbot, people, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dest = tmp_path / "cancelled.csv"
    # The core writes a new temporary file first. Made a named pipe here, opening it blocks the
    # export until the test opens the other end: Cancel is pressed while it surely runs.
    part = tmp_path / f".{dest.name}.part"
    os.mkfifo(part)
    new_temporary = tempfile.mkstemp

    def mkstemp(prefix: str, suffix: str, dir: Path) -> tuple[int, str]:
        fd, name = new_temporary(prefix=prefix, suffix=suffix, dir=dir)
        Path(name).unlink()
        return fd, str(part)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    dialog = window.export_csv()
    set_path(qtbot, dialog, dest)
    pipe = None
    try:
        qtbot.mouseClick(dialog.export_button, LEFT)
        assert dialog.job is not None
        assert not dialog.export_button.isEnabled()
        assert dialog.close_button.text() == "Cancel"
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc cancels the export, not the dialog
        assert dialog.status.text() == "Cancelling…"
    finally:
        pipe = os.open(part, os.O_RDONLY | os.O_NONBLOCK)
    try:
        wait_job(qtbot, dialog)
    finally:
        os.close(pipe)

    assert dialog.isVisible()
    assert dialog.status.text() == "Export cancelled. No file was written."
    assert not dest.exists()
    assert not part.exists()
    assert dialog.export_button.isEnabled()
    assert dialog.close_button.text() == "Close"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # now Esc closes
    assert not dialog.isVisible()


def test_an_unwritable_destination_is_explained_and_the_dialog_stays(
    qtbot, people, window: MainWindow, tmp_path: Path
) -> None:
    dialog = window.export_csv()
    dest = tmp_path / "no such folder" / "out.csv"
    set_path(qtbot, dialog, dest)
    qtbot.mouseClick(dialog.export_button, LEFT)
    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "exportError") is not None)

    box = dialog.findChild(QMessageBox, "exportError")
    assert box.isVisible()
    assert box.text().startswith(f"{dest} cannot be written")
    assert box.informativeText() == "Choose another folder or file name."
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), LEFT)
    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "exportError") is None)
    assert dialog.isVisible()
    assert dialog.job is None
    assert dialog.export_button.isEnabled()
    assert not dest.parent.exists()


def test_a_file_in_the_data_folder_is_refused_and_the_dialog_stays(
    qtbot, people, window: MainWindow, ws: Workspace
) -> None:
    dialog = window.export_csv()
    dest = ws.paths.data_dir / "candidates.csv"
    set_path(qtbot, dialog, dest)
    qtbot.mouseClick(dialog.export_button, LEFT)
    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "exportError") is not None)

    box = dialog.findChild(QMessageBox, "exportError")
    assert box.isVisible()
    assert box.text() == (
        f"Refused to write {dest}: it is inside TalentDesk's data folder "
        "(the database, its backups and logs). Nothing was changed."
    )
    assert box.informativeText() == f"Choose a file outside the data folder {ws.paths.data_dir}."
    assert dialog.status.text() == box.text()  # still said once the box is closed
    assert dialog.job is None  # refused before any export started
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), LEFT)
    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "exportError") is None)
    assert dialog.isVisible()
    assert dialog.export_button.isEnabled()
    assert not dest.exists()
    assert sorted(p.name for p in ws.paths.data_dir.glob("*.csv*")) == []


def test_a_typed_path_to_an_existing_file_asks_before_replacing_it(
    qtbot, people, window: MainWindow, modal, tmp_path: Path
) -> None:
    dest = tmp_path / "existing.csv"
    dest.write_text("keep me\n", encoding="utf-8")
    dialog = window.export_csv()
    set_path(qtbot, dialog, dest)

    def answer(button: QMessageBox.StandardButton) -> object:
        def press(box: QMessageBox) -> None:
            assert "existing.csv already exists" in box.text()
            qtbot.mouseClick(box.button(button), LEFT)

        return press

    modal.run(
        lambda: qtbot.mouseClick(dialog.export_button, LEFT), answer(QMessageBox.StandardButton.No)
    )
    assert dialog.job is None
    assert dest.read_text(encoding="utf-8") == "keep me\n"

    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        modal.run(
            lambda: qtbot.mouseClick(dialog.export_button, LEFT),
            answer(QMessageBox.StandardButton.Yes),
        )
    assert read_csv(dest)[0] == list(EXPORT_COLUMNS.values())
    assert len(read_csv(dest)) == 1 + len(people)


def test_columns_order_and_format_are_remembered(
    qtbot, people, window: MainWindow, tmp_path: Path
) -> None:
    dialog = window.export_csv()
    tick_only(dialog, ["City", "First name"])
    order = [dialog.columns.item(row).text() for row in range(dialog.columns.count())]
    choose(qtbot, dialog.excel_format)
    set_path(qtbot, dialog, tmp_path / "first.csv")
    export(qtbot, dialog)

    again = window.export_csv()
    assert again.chosen_columns() == ["city", "first_name"]
    assert [again.columns.item(row).text() for row in range(again.columns.count())] == order
    assert again.excel_format.isChecked()
    # The next file is suggested in the folder used last.
    assert Path(again.path_edit.text()).parent == tmp_path

    # "All" ticks every column and keeps the order; "None" leaves nothing to export.
    again.all_button.click()
    assert again.chosen_columns() == [HEADER_KEY[text] for text in order]
    again.none_button.click()
    assert not again.export_button.isEnabled()
    qtbot.keyClick(again, Qt.Key.Key_Escape)
    assert not again.isVisible()


def test_export_is_on_the_file_menu_and_the_list_context_menu(qtbot, window: MainWindow) -> None:
    action = window.export_action
    assert action.shortcut().toString() == "Ctrl+E"
    assert action in menu_actions(window, "&File")
    table = window.list_pane.table
    assert table.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert action in table.actions()

    # With nobody selected the selection cannot be chosen.
    dialog = window.export_csv()
    assert not dialog.selection_scope.isEnabled()
    assert not dialog.pool_scope.isEnabled()  # no pools yet
    assert dialog.everyone_scope.text() == "Everyone (0)"
    dialog.reject()


def test_columns_added_since_the_choice_was_kept_start_ticked(
    qtbot, people, window: MainWindow
) -> None:
    """A choice kept before Stage and Near-fit existed: they are ticked (Pools no longer says
    the stage), the rest as chosen."""
    dialog = window.export_csv()
    settings = dialog._settings
    dialog.reject()
    older = [key for key in EXPORT_COLUMNS if key not in ("stage", "near_fit")]
    settings.setValue("export/order", ",".join(older))
    settings.setValue("export/columns", "first_name,pools")
    again = window.export_csv()
    assert again.chosen_columns() == ["first_name", "pools", "stage", "near_fit"]
    again.reject()
