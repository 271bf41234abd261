"""File → Backups… after an erasure: the older backups listed as holding erased people with
their expiry, the expiry setting, and Purge older backups now (confirmed)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from talentdesk.core.backups.auto import manual_backup
from tests.ui.conftest import outside_the_window
from tests.ui.test_backups_dialog import open_backups, shown_names, table_rows
from tests.ui.window_driver import sql

LEFT = Qt.MouseButton.LeftButton


def test_listed_with_expiry_then_purged(
    qtbot, ws, clock, paths, add_candidate, open_window, modal, settle
) -> None:
    erased = add_candidate("Qwyxxelbert", "Vuzzquamski", email="q@erasure.example")
    add_candidate("Nina", "Kept")
    manual_backup(paths, clock())
    clock.advance(days=1)
    outside_the_window(lambda: ws.erasure.erase([erased]))
    clock.advance(hours=1)
    manual_backup(paths, clock())
    window = open_window()
    dialog = open_backups(qtbot, window)

    newer, older = table_rows(dialog)
    assert newer[1] == "Made by hand"
    assert older[1] == "Made by hand · holds erased people, expires 25 Dec 2026"
    assert dialog.erased.summary.text().startswith("1 backup was made before an erasure")
    assert dialog.erased.purge_button.isEnabled()

    dialog.erased.expiry.setValue(7)
    dialog.erased.expiry.editingFinished.emit()
    settle(window)
    assert sql(ws, "SELECT value FROM app_setting WHERE key = 'backups_expire_days'") == [(7,)]
    dialog.reload()
    assert table_rows(dialog)[1][1].endswith("expires 02 Dec 2026")

    dialog.table.selectRow(1)

    def decline(box: QMessageBox) -> None:
        assert "made before an erasure: the people erased since are erased again" in box.text()
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), LEFT)

    modal.run(lambda: qtbot.mouseClick(dialog.restore_button, LEFT), decline)
    modal.run(
        lambda: qtbot.mouseClick(dialog.erased.purge_button, LEFT),
        lambda box: qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), LEFT),
    )
    qtbot.waitUntil(lambda: dialog.job is None and dialog.table.rowCount() == 1)
    assert dialog.status.text() == "Deleted 1 backup."
    assert dialog.erased.summary.text() == "No backup holds anyone erased."
    assert not dialog.erased.purge_button.isEnabled()
    assert len(list(paths.backups.iterdir())) == 1
    dialog.close()


def test_restoring_an_older_backup_leaves_the_erased_out(
    qtbot, ws, clock, paths, add_candidate, open_window, modal
) -> None:
    erased = add_candidate("Qwyxxelbert", "Vuzzquamski", email="q@erasure.example")
    add_candidate("Nina", "Kept")
    manual_backup(paths, clock())
    clock.advance(days=1)
    outside_the_window(lambda: ws.erasure.erase([erased]))
    window = open_window()
    dialog = open_backups(qtbot, window)
    dialog.table.selectRow(0)

    def confirm(box: QMessageBox) -> None:
        assert "the people erased since are erased again as it is restored" in box.text()
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), LEFT)

    with qtbot.waitSignal(dialog.restored, timeout=20_000):
        modal.run(lambda: qtbot.mouseClick(dialog.restore_button, LEFT), confirm)
    qtbot.waitUntil(lambda: dialog.job is None)
    assert dialog.status.text().startswith(
        "Restored 1 candidates from talentdesk-20261125-093000-manual.sqlite3."
        " 1 erased person removed again."
    )
    qtbot.waitUntil(lambda: shown_names(window) == ["Nina Kept"])
    assert sql(ws, "SELECT count(*) FROM candidate WHERE first_name = 'Qwyxxelbert'") == [(0,)]
    dialog.close()
