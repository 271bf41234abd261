"""Restoring a backup made before an erasure: the erased people do not come back — the live
database's suppression entries and key are carried into the restored one, and whoever they
match in it is erased again (the bytes too), with an audit entry."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from talentdesk.core.backups.auto import manual_backup
from talentdesk.core.backups.listing import list_backups
from talentdesk.core.backups.restore import restore
from talentdesk.core.privacy.suppression import KEY_SETTING, PersonKeys, SuppressionList
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.backup_files import first_names
from tests.conftest import TravelClock
from tests.core.erased_person import EMAIL, FIRST, found_in_files, make_person
from tests.integration.conftest import run_cli

KEY_SQL = f"SELECT value FROM app_setting WHERE key = '{KEY_SETTING}'"


def _query(database: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(database)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _backup_then_erase(ws: Workspace, clock: TravelClock) -> tuple[Path, int]:
    person = make_person(ws, others=40)
    backup = manual_backup(ws.paths, clock())
    clock.advance(days=1)
    ws.candidates.create(CandidateRecord("Added", "Afterwards"))  # lost by the restore
    assert ws.erasure.erase([person.id]).count == 1
    clock.advance(hours=1)
    manual_backup(ws.paths, clock())  # made after the erasure: holds nobody erased
    clock.advance(hours=1)
    return backup, person.id


def test_restoring_an_older_backup_erases_the_erased_again(
    ws: Workspace, paths: AppPaths, clock: TravelClock
) -> None:
    backup, person = _backup_then_erase(ws, clock)
    key = _query(paths.database, KEY_SQL)
    entries = _query(paths.database, "SELECT kind, key_hash, erased_at FROM suppression")
    assert _query(backup, "SELECT count(*) FROM suppression") == [(0,)]  # made before

    result = restore(paths, backup, clock())

    assert result.erased_again == 1
    # Backups made after the first erasure do not hold them: only the restored one does.
    [newest, made_after, restored_from] = list_backups(paths)
    assert newest.path.name.endswith("-before-restore.sqlite3") and not newest.holds_erased
    assert (made_after.holds_erased, restored_from.holds_erased) == (False, True)
    assert result.erased_again_text() == "1 erased person removed again"
    assert result.candidates == 40
    names = first_names(paths.database)
    assert FIRST not in names and "Added" not in names and len(names) == 40
    assert _query(paths.database, f"SELECT count(*) FROM candidate WHERE id = {person}") == [(0,)]
    # The suppression entries and their key came along: a later import still skips them.
    restored = _query(paths.database, "SELECT kind, key_hash, erased_at FROM suppression")
    assert set(entries) <= set(restored)
    assert _query(paths.database, KEY_SQL) == key
    conn = sqlite3.connect(paths.database)
    try:
        suppressed = SuppressionList.read(conn)
    finally:
        conn.close()
    assert suppressed.erased_on(PersonKeys((EMAIL.upper(),))) is not None
    # The audit log: the first erasure (carried), the one again, and the restore.
    audit = _query(paths.database, "SELECT kind, count, detail FROM audit_entry ORDER BY id")
    assert ("erasure", 1, None) in audit
    assert ("erasure", 1, "again, after restoring a backup") in audit
    assert audit[-1] == ("restore", 40, f"from {backup.name}")
    assert _query(paths.database, "PRAGMA foreign_key_check") == []
    # Nothing of theirs reached the live files: the copy was cleaned before it was written in.
    assert found_in_files(paths.database) == {}
    ws.close()
    assert found_in_files(paths.database) == {}


def test_the_command_line_says_how_many_were_erased_again(
    ws: Workspace, paths: AppPaths, clock: TravelClock
) -> None:
    backup, _person = _backup_then_erase(ws, clock)
    ws.close()
    done = run_cli("--data-dir", str(paths.data_dir), "restore", str(backup), "--yes")
    assert done.returncode == 0, done.stderr
    assert "Restored 40 candidates from" in done.stdout
    assert "1 erased person removed again: erased since the backup was made." in done.stdout
    assert FIRST not in first_names(paths.database)
    assert found_in_files(paths.database) == {}


def test_a_restore_without_any_erasure_changes_nothing_of_the_kind(
    ws: Workspace, paths: AppPaths, clock: TravelClock
) -> None:
    ws.candidates.create(CandidateRecord("Anna", "Nowak"))
    backup = manual_backup(paths, clock())
    ws.candidates.create(CandidateRecord("Bartek", "Nowak"))
    result = restore(paths, backup, clock())
    assert (result.erased_again, result.erased_again_text()) == (0, "")
    assert first_names(paths.database) == ["Anna"]
    assert _query(paths.database, KEY_SQL) == []
    assert _query(paths.database, "SELECT kind FROM audit_entry") == [("restore",)]


def test_a_backup_made_after_the_erasure_keeps_everyone_it_holds(
    ws: Workspace, paths: AppPaths, clock: TravelClock
) -> None:
    _backup, _person = _backup_then_erase(ws, clock)
    later = manual_backup(paths, clock())
    ws.candidates.create(CandidateRecord("Zofia", "Later"))
    result = restore(paths, later, clock())
    assert result.erased_again == 0
    assert "Added" in first_names(paths.database) and "Zofia" not in first_names(paths.database)
    assert _query(paths.database, "SELECT count(*) FROM audit_entry WHERE kind = 'erasure'") == [
        (1,)
    ]
