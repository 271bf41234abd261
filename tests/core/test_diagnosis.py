"""A database that cannot be opened is diagnosed for what it is: "not a TalentDesk database,
move it away" only when that is true; a full disk, a folder, a permission each say their own."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from talentdesk.core.backups.auto import manual_backup
from talentdesk.core.db.diagnose import from_sqlite
from talentdesk.core.errors import (
    DatabaseDamagedError,
    DatabaseNotReadableError,
    DatabasePathNotAFileError,
    DiskFullError,
    NotADatabaseError,
)
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.backup_files import damage_the_schema, sha
from tests.conftest import TravelClock, fill_disk

NOT_OURS = "not a TalentDesk database"


def a_database(paths: AppPaths, clock: TravelClock) -> None:
    ws = Workspace.open(paths, clock)
    ws.candidates.create(CandidateRecord(first_name="Anna", last_name="Nowak"))
    ws.close()


def test_a_folder_at_the_database_path_is_called_a_folder(paths: AppPaths) -> None:
    paths.ensure()
    paths.database.mkdir()
    (paths.database / "inside.txt").write_text("mine")

    with pytest.raises(DatabasePathNotAFileError) as raised:
        Workspace.open(paths)

    error = raised.value
    assert error.message == f"{paths.database} is a folder, not a database file."
    assert NOT_OURS not in str(error)
    assert "--data-dir" in error.hint
    assert (paths.database / "inside.txt").read_text() == "mine"
    assert sorted(p.name for p in paths.database.iterdir()) == ["inside.txt"]


def test_a_full_disk_at_start_is_a_full_disk(tiny_disk: Path, clock: TravelClock) -> None:
    paths = AppPaths(tiny_disk / "data")
    a_database(paths, clock)
    before = sha(paths.database)
    fill_disk(tiny_disk)

    with pytest.raises(DiskFullError) as raised:
        Workspace.open(paths, clock)

    error = raised.value
    assert error.message == f"The disk holding {paths.database} is full."
    assert "Free some disk space" in error.hint
    assert NOT_OURS not in str(error) and "move" not in error.hint
    assert sha(paths.database) == before


def test_sqlite_full_is_a_full_disk(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(sqlite3.OperationalError) as raised:
        conn.execute("INSERT INTO t VALUES (randomblob(100000))")
    conn.close()
    assert raised.value.sqlite_errorname == "SQLITE_FULL"  # a real one, from SQLite

    error = from_sqlite(path, raised.value)

    assert isinstance(error, DiskFullError)
    assert NOT_OURS not in str(error)


@pytest.mark.parametrize("with_backup", [True, False], ids=["a-backup", "no-backup"])
def test_a_garbage_file_is_not_a_database_and_the_hint_names_the_newest_backup(
    paths: AppPaths, clock: TravelClock, with_backup: bool
) -> None:
    paths.ensure()
    newest = None
    if with_backup:
        a_database(paths, clock)
        manual_backup(paths, clock())
        clock.advance(hours=2)
        newest = manual_backup(paths, clock())
    paths.database.write_bytes(b"PK\x03\x04 a spreadsheet, saved over the database" * 100)
    before = sha(paths.database)

    with pytest.raises(NotADatabaseError) as raised:
        Workspace.open(paths, clock)

    error = raised.value
    assert error.message == f"{paths.database} is {NOT_OURS} (file is not a database)."
    assert "move the file away" in error.hint
    if newest is not None:
        assert f"The newest backup is {newest.name} (25 Nov 2026 11:30 UTC)" in error.hint
        assert f"talentdesk --data-dir {paths.data_dir} restore {newest}" in error.hint
    else:
        assert f"There is no backup in {paths.backups} to restore it from." in error.hint
    assert sha(paths.database) == before


def test_a_damaged_database_is_damaged_not_foreign(paths: AppPaths, clock: TravelClock) -> None:
    a_database(paths, clock)
    newest = manual_backup(paths, clock())
    damage_the_schema(paths.database)
    before = sha(paths.database)

    with pytest.raises(DatabaseDamagedError) as raised:
        Workspace.open(paths, clock)

    error = raised.value
    assert error.message == f"{paths.database} is damaged (database disk image is malformed)."
    assert newest.name in error.hint and "talentdesk check" in error.hint
    assert "move" not in error.hint
    assert sha(paths.database) == before


PROBE = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from talentdesk.core.db.preflight import inspect_file
    from talentdesk.core.errors import TalentDeskError
    try:
        inspect_file(Path(sys.argv[1]))
    except TalentDeskError as exc:
        print(json.dumps([type(exc).__name__, exc.message, exc.hint]))
    """
)


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder another user may enter (pytest's own temporary folders are private)."""
    folder = Path(tempfile.mkdtemp(prefix="talentdesk-perm-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


def test_a_database_the_user_may_not_read_is_a_permission_problem(
    shared_folder: Path, clock: TravelClock
) -> None:
    paths = AppPaths(shared_folder / "data")
    a_database(paths, clock)
    paths.data_dir.chmod(0o755)
    paths.database.chmod(0o600)
    before = sha(paths.database)
    if os.geteuid() == 0:  # root reads everything: ask as a user who may not
        command = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
    else:
        paths.database.chmod(0o000)
        command = []
    done = subprocess.run(
        [*command, sys.executable, "-c", PROBE, str(paths.database)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        check=False,
    )
    if done.returncode != 0 and not done.stdout:
        pytest.skip(f"cannot run as another user here: {done.stderr.strip()[-300:]}")

    kind, message, hint = json.loads(done.stdout)

    assert kind == DatabaseNotReadableError.__name__
    assert message == f"{paths.database} cannot be opened (Permission denied)."
    assert "readable and writable by you" in hint
    assert NOT_OURS not in message
    paths.database.chmod(0o600)
    assert sha(paths.database) == before
