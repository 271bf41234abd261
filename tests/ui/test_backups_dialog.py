"""File → Backups…: Back up now adds a row; Restore brings that state back into the window."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMessageBox

from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from talentdesk.ui.dialogs.backups_dialog import BackupsDialog
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.models.candidate_table import COLUMNS
from talentdesk.ui.single_instance import SingleInstance

LEFT = Qt.MouseButton.LeftButton
NAME = next(n for n, (_sort, title) in enumerate(COLUMNS) if title == "Name")


def shown_names(window: MainWindow) -> list[str]:
    model = window.list_pane.model
    return [model.index(row, NAME).data() for row in range(model.rowCount())]


def table_rows(dialog: BackupsDialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def open_backups(qtbot, window: MainWindow) -> BackupsDialog:
    [action] = [a for a in window.menuBar().actions() if a.text() == "&File"]
    assert window.backups_action in action.menu().actions()
    window.backups_action.trigger()
    dialog = window.findChild(BackupsDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def back_up_now(qtbot, dialog: BackupsDialog) -> None:
    rows = dialog.table.rowCount()
    qtbot.mouseClick(dialog.backup_button, LEFT)
    qtbot.waitUntil(lambda: dialog.job is None and dialog.table.rowCount() == rows + 1)


def test_back_up_now_adds_a_row(qtbot, add_candidate, open_window, paths) -> None:
    add_candidate("Anna", "Nowak")
    add_candidate("Bartek", "Nowak")
    window = open_window()
    dialog = open_backups(qtbot, window)
    assert table_rows(dialog) == []
    assert dialog.status.text() == "No backups yet."
    assert not dialog.restore_button.isEnabled()

    back_up_now(qtbot, dialog)

    [row] = table_rows(dialog)
    assert row[0] == "25 Nov 2026 09:30"
    assert row[1:] == ["Made by hand", row[2], "2"]
    assert row[2].endswith(" KB")
    [made] = paths.backups.iterdir()
    assert dialog.status.text() == f"Backed up to {made.name}."
    assert dialog.table.selectionModel().selectedRows()[0].row() == 0
    assert dialog.restore_button.isEnabled()
    dialog.close()


def test_restore_brings_back_the_state_of_that_backup(
    qtbot, ws: Workspace, add_candidate, open_window, modal, clock
) -> None:
    add_candidate("Anna", "Nowak")
    window = open_window()
    dialog = open_backups(qtbot, window)
    back_up_now(qtbot, dialog)
    clock.advance(hours=1)
    add_candidate("Bartek", "Nowak")  # the window hears of it from the write path
    qtbot.waitUntil(lambda: shown_names(window) == ["Anna Nowak", "Bartek Nowak"])
    window.undo_stack.push(QUndoCommand("edit"))  # history from before the restore must go

    dialog.table.selectRow(0)

    def confirm(box: QMessageBox) -> None:
        assert box.windowTitle() == "Restore this backup?"
        assert "(made by hand, 1 candidates)" in box.text()
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), LEFT)

    with qtbot.waitSignal(dialog.restored, timeout=20_000):
        modal.run(lambda: qtbot.mouseClick(dialog.restore_button, LEFT), confirm)

    qtbot.waitUntil(lambda: shown_names(window) == ["Anna Nowak"])
    assert window.count_label.text() == "1 of 1 candidate"
    assert not window.undo_action.isEnabled()
    assert window.statusBar().currentMessage() == "Backup restored."
    qtbot.waitUntil(lambda: dialog.job is None)
    rows = table_rows(dialog)
    assert [(r[0], r[1], r[3]) for r in rows] == [
        ("25 Nov 2026 10:30", "Before a restore", "2"),
        ("25 Nov 2026 09:30", "Made by hand", "1"),
    ]
    assert dialog.status.text().startswith("Restored 1 candidates from ")
    assert "What it held before is in talentdesk-20261125-103000-before-restore" in (
        dialog.status.text()
    )
    dialog.close()


def test_declining_the_confirmation_changes_nothing(
    qtbot, add_candidate, open_window, modal, paths
) -> None:
    add_candidate("Anna", "Nowak")
    window = open_window()
    dialog = open_backups(qtbot, window)
    back_up_now(qtbot, dialog)
    add_candidate("Bartek", "Nowak")
    dialog.table.selectRow(0)

    modal.run(
        lambda: qtbot.mouseClick(dialog.restore_button, LEFT),
        lambda box: qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), LEFT),
    )

    assert dialog.job is None
    assert len(list(paths.backups.iterdir())) == 1
    qtbot.waitUntil(lambda: shown_names(window) == ["Anna Nowak", "Bartek Nowak"])
    dialog.close()


PROBE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from talentdesk.core.folder_lock import FolderInUseError, FolderLock

    lock = FolderLock(Path(sys.argv[1]))
    try:
        lock.acquire()
    except FolderInUseError:
        print("in use", flush=True)
    else:
        print("free", flush=True)
        if sys.argv[2:] == ["hold"]:
            sys.stdin.readline()
    """
)


def probe(paths: AppPaths, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", PROBE, str(paths.data_dir), *extra],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_the_window_and_a_command_line_restore_keep_each_other_out(qtbot, paths) -> None:
    paths.ensure()
    instance = SingleInstance(paths)
    assert instance.acquire()
    try:
        assert probe(paths).communicate(timeout=60)[0] == "in use\n"
    finally:
        instance.release()
    assert probe(paths).communicate(timeout=60)[0] == "free\n"

    # A restore at work from the command line keeps a window from opening the folder.
    holder = probe(paths, "hold")
    try:
        assert holder.stdout.readline() == "free\n"
        assert not SingleInstance(paths).acquire()
    finally:
        holder.communicate("\n", timeout=60)
    second = SingleInstance(paths)
    assert second.acquire()
    second.release()
