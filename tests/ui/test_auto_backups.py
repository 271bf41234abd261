"""The backups the window takes by itself: once a day while it runs, on quit, and before a
bulk delete (and before an import: see the import wizard's tests)."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt

from talentdesk.core.backups.names import backups_in
from talentdesk.core.workspace import Workspace
from talentdesk.ui.backup_schedule import BackupSchedule, backup_on_quit
from talentdesk.ui.ops import all_idle

CTRL = Qt.KeyboardModifier.ControlModifier


def reasons(ws: Workspace) -> list[str]:
    return sorted(b.reason for b in backups_in(ws.paths.backups))


def test_a_bulk_delete_is_backed_up_first(qtbot, ws, add_candidate, open_window):
    for name in ("Anna", "Bartek", "Celina"):
        add_candidate(name, "Nowak")
    window = open_window()
    table = window.list_pane.table
    window.list_pane.select_candidate(window.list_pane.model.candidate_id(0))
    table.selectAll()
    qtbot.keyClick(table, Qt.Key.Key_Delete, CTRL)
    qtbot.waitUntil(all_idle)
    assert ws.candidates.count() == 0
    [backup] = backups_in(ws.paths.backups)
    assert backup.reason == "before-bulk-delete"
    with sqlite3.connect(backup.path) as conn:  # the backup holds the three of them
        assert conn.execute("SELECT count(*) FROM candidate").fetchone() == (3,)


def test_deleting_one_candidate_takes_no_backup(qtbot, ws, add_candidate, open_window):
    add_candidate("Anna", "Nowak")
    window = open_window()
    window.list_pane.select_candidate(window.list_pane.model.candidate_id(0))
    qtbot.keyClick(window.list_pane.table, Qt.Key.Key_Delete, CTRL)
    qtbot.waitUntil(all_idle)
    assert ws.candidates.count() == 0
    assert reasons(ws) == []  # Undo (Ctrl+Z) is the way back for one


def test_the_daily_backup_is_made_once_a_day(qtbot, ws, clock, add_candidate):
    add_candidate("Anna", "Nowak")
    schedule = BackupSchedule(ws)
    for _ in range(2):  # the second look, the same day, makes none
        assert schedule.daily() is not None
        qtbot.waitUntil(lambda: not schedule.busy)
        assert reasons(ws) == ["daily"]
    clock.advance(days=1)
    assert schedule.daily() is not None
    qtbot.waitUntil(lambda: not schedule.busy)
    assert reasons(ws) == ["daily", "daily"]
    schedule.stop()


def test_quitting_takes_a_backup(ws, add_candidate):
    add_candidate("Anna", "Nowak")
    made = backup_on_quit(ws)
    assert made is not None and reasons(ws) == ["quit"]
