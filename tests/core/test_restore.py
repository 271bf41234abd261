"""Restoring a backup: checked first, written into the live database beside its -wal, the
current state backed up first; refused (changing nothing) when it should be."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from talentdesk.core.backups import names
from talentdesk.core.backups.auto import manual_backup
from talentdesk.core.backups.restore import RestoreRefusedError, restore
from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.db.preflight import schema_head
from talentdesk.core.folder_lock import FolderInUseError, FolderLock
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.backup_files import (
    another_programs_database,
    empty_an_index,
    first_names,
    from_a_newer_version,
    integrity,
    old_database,
    sha,
)
from tests.conftest import TravelClock


def add(ws: Workspace, *first: str) -> list[int]:
    return [ws.candidates.create(CandidateRecord(first_name=n, last_name="Nowak")) for n in first]


def wal(paths: AppPaths) -> Path:
    return paths.database.with_name(paths.database.name + "-wal")


def test_restore_next_to_a_live_wal_gives_exactly_the_backups_data(
    ws: Workspace, paths: AppPaths, clock: TravelClock
) -> None:
    add(ws, "Anna")
    backup = manual_backup(paths, clock())
    clock.advance(minutes=5)
    add(ws, "Bartek", "Cezary")
    # What came after the backup sits in the -wal, which the open workspace keeps: copying the
    # backup over the database file by hand here gives "database disk image is malformed".
    assert wal(paths).stat().st_size > 0

    result = restore(paths, backup, clock())

    assert first_names(paths.database) == ["Anna"]
    assert integrity(paths.database) == ["ok"]
    assert ws.reads.total_candidates() == 1  # the open workspace reads the restored data
    assert [ws.listing.rows([i], None)[0].name for i in ws.listing.ids(ListQuery())] == [
        "Anna Nowak"
    ]
    add(ws, "Dorota")  # and writes on top of it
    assert first_names(paths.database) == ["Anna", "Dorota"]

    # What was there before is a backup of its own.
    assert result.saved_current is not None
    assert names.parse(result.saved_current).reason == "before-restore"  # type: ignore[union-attr]
    assert first_names(result.saved_current) == ["Anna", "Bartek", "Cezary"]
    assert result.candidates == 1 and result.upgraded_from is None
    ws.close()
    assert first_names(paths.database) == ["Anna", "Dorota"]  # after the last checkpoint too
    assert integrity(paths.database) == ["ok"]


def _damaged(backup: Path) -> None:
    empty_an_index(backup)


def _text(backup: Path) -> None:
    backup.write_text("name,email\nAnna,anna@example.com\n")


def _foreign(backup: Path) -> None:
    backup.unlink()
    another_programs_database(backup)


@pytest.mark.parametrize(
    ("spoil", "says"),
    [
        (_damaged, "it is damaged (row 1 missing from index ix_candidate_email"),
        (_text, "it is not a database"),
        (_foreign, "it is not a TalentDesk database"),
        (from_a_newer_version, "it was written by a newer TalentDesk (schema 9999)"),
    ],
    ids=["damaged", "not-a-database", "another-programs-database", "newer-schema"],
)
def test_a_backup_that_cannot_be_restored_is_refused_and_nothing_changes(
    ws: Workspace,
    paths: AppPaths,
    clock: TravelClock,
    spoil: Callable[[Path], None],
    says: str,
) -> None:
    add(ws, "Anna")
    backup = manual_backup(paths, clock())
    spoil(backup)
    add(ws, "Bartek")
    before = (sha(paths.database), sha(wal(paths)))
    listed = sorted(paths.backups.iterdir())

    with pytest.raises(RestoreRefusedError) as raised:
        restore(paths, backup, clock())

    assert raised.value.message.startswith(f"{backup} cannot be restored: {says}")
    assert raised.value.hint.startswith("Nothing was changed.")
    assert (sha(paths.database), sha(wal(paths))) == before
    assert first_names(paths.database) == ["Anna", "Bartek"]
    assert sorted(paths.backups.iterdir()) == listed  # no before-restore, no leftovers


def test_a_backup_from_an_older_version_is_upgraded_as_it_is_restored(
    ws: Workspace, paths: AppPaths, clock: TravelClock, tmp_path: Path
) -> None:
    add(ws, "Anna")
    old = tmp_path / "talentdesk-from-the-first-release.sqlite3"
    old_database(old, "0001", "Olga")
    before = sha(old)

    result = restore(paths, old, clock())

    assert result.upgraded_from == "0001"
    assert first_names(paths.database) == ["Olga"]
    conn = sqlite3.connect(paths.database)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(schema_head(),)]
    conn.close()
    assert integrity(paths.database) == ["ok"]
    assert sha(old) == before  # the chosen file itself is only read
    assert ws.listing.ids(ListQuery(search="olga")) != []  # the search index came along


def test_a_backup_with_another_page_size_is_restored(
    ws: Workspace, paths: AppPaths, clock: TravelClock
) -> None:
    add(ws, "Anna")
    backup = manual_backup(paths, clock())
    conn = sqlite3.connect(backup)
    conn.execute("PRAGMA page_size = 8192")
    conn.execute("VACUUM")
    assert conn.execute("PRAGMA page_size").fetchone() == (8192,)
    conn.close()
    add(ws, "Bartek")

    restore(paths, backup, clock())

    assert first_names(paths.database) == ["Anna"]
    assert integrity(paths.database) == ["ok"]


def test_a_database_that_cannot_be_read_is_set_aside_and_replaced(
    paths: AppPaths, clock: TravelClock
) -> None:
    ws = Workspace.open(paths, clock)
    add(ws, "Anna")
    backup = manual_backup(paths, clock())
    ws.close()
    garbage = b"\x00not a database" * 500
    paths.database.write_bytes(garbage)
    wal(paths).write_bytes(b"left over" * 100)  # renaming a file in beside it would be unsafe

    result = restore(paths, backup, clock())

    assert result.saved_current is None
    aside = "talentdesk-20261125-093000-unreadable.sqlite3"
    assert {p.name for p in result.set_aside} >= {aside, f"{aside}-wal"}  # and -shm, if made
    assert result.set_aside[0].read_bytes() == garbage
    assert not wal(paths).exists()
    assert first_names(paths.database) == ["Anna"]
    assert integrity(paths.database) == ["ok"]
    Workspace.open(paths, clock).close()  # opens as a TalentDesk database again


LOCK_HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from talentdesk.core.folder_lock import FolderLock

    with FolderLock(Path(sys.argv[1])):
        print("locked", flush=True)
        sys.stdin.readline()
    """
)


def test_restore_is_refused_while_another_talentdesk_has_the_folder_open(
    ws: Workspace, paths: AppPaths, clock: TravelClock
) -> None:
    add(ws, "Anna")
    backup = manual_backup(paths, clock())
    add(ws, "Bartek")
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(paths.data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline() == "locked\n"
        with pytest.raises(FolderInUseError) as raised:
            restore(paths, backup, clock())
        assert raised.value.message == f"Another TalentDesk has {paths.data_dir} open."
        assert first_names(paths.database) == ["Anna", "Bartek"]
        assert [b.reason for b in names.backups_in(paths.backups)] == ["manual"]
    finally:
        holder.stdin.close()
        holder.wait()
    restore(paths, backup, clock())  # once it has closed
    assert first_names(paths.database) == ["Anna"]


def test_the_window_holding_the_folder_may_restore_itself(
    ws: Workspace, paths: AppPaths, clock: TravelClock
) -> None:
    add(ws, "Anna")
    backup = manual_backup(paths, clock())
    add(ws, "Bartek")
    with FolderLock(paths.data_dir):  # as the window holds it while it runs
        restore(paths, backup, clock())
        assert first_names(paths.database) == ["Anna"]
        # ...and it still holds it afterwards: another process is kept out.
        probe = subprocess.run(
            [sys.executable, "-c", LOCK_HOLDER, str(paths.data_dir)],
            input="",
            capture_output=True,
            text=True,
        )
        assert "FolderInUseError" in probe.stderr


def test_the_database_itself_is_not_a_backup(ws: Workspace, paths: AppPaths) -> None:
    add(ws, "Anna")
    for path in (paths.database, wal(paths)):
        with pytest.raises(RestoreRefusedError, match="it is the database itself"):
            restore(paths, path, ws.clock())
    assert first_names(paths.database) == ["Anna"]


def test_a_backup_from_before_this_version_is_only_read(
    ws: Workspace, paths: AppPaths, clock: TravelClock, tmp_path: Path
) -> None:
    """Backups made before this version kept the database's WAL flag; reading one with SQLite
    left -wal and -shm files beside it (and would fail on a read-only stick)."""
    add(ws, "Anna")
    stick = tmp_path / "stick"
    stick.mkdir()
    old = stick / "talentdesk-20250101-000000-before-0004.sqlite3"
    src = sqlite3.connect(paths.database)
    dst = sqlite3.connect(old)
    src.backup(dst)
    dst.close()
    src.close()
    assert old.read_bytes()[18:20] == b"\x02\x02"  # WAL
    add(ws, "Bartek")
    before = sha(old)

    restore(paths, old, clock())

    assert first_names(paths.database) == ["Anna"]
    assert sorted(p.name for p in stick.iterdir()) == [old.name]
    assert sha(old) == before
