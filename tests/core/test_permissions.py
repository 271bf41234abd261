"""Private by default: the data folder is its owner's alone (0700), and so are the database,
its -wal/-shm, backups and logs (0600), whatever the umask; older, looser ones are tightened."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from talentdesk import log
from talentdesk.core.backups.make import backup_into
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o022, 0o000], ids=["umask-022", "umask-000"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    before = os.umask(request.param)
    yield request.param
    os.umask(before)


@pytest.fixture
def logging_to(paths: AppPaths) -> Iterator[Path]:
    """Room for TalentDesk's log handler on the test's data folder (setup_logging adds none
    while one is there); the handlers are as they were afterwards."""
    root = logging.getLogger()
    before = list(root.handlers)
    for handler in before:
        if getattr(handler, "talentdesk", False):
            root.removeHandler(handler)
    yield paths.logs
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    for handler in before:
        if handler not in root.handlers:
            root.addHandler(handler)


def test_a_new_data_folder_is_private(paths: AppPaths, umask: int, logging_to: Path) -> None:
    ws = Workspace.open(paths)
    try:
        ws.candidates.create(CandidateRecord(first_name="Anna"))  # the WAL now holds a write
        log.setup_logging(paths.logs)
        logging.getLogger("talentdesk.test").info("written")
        folders = [paths.data_dir, paths.backups, paths.logs]
        files = [paths.database, *(Path(f"{paths.database}{end}") for end in ("-wal", "-shm"))]
        files.append(paths.logs / "talentdesk.log")
        assert {str(p): oct(mode(p)) for p in folders} == {str(p): "0o700" for p in folders}
        assert {str(p): oct(mode(p)) for p in files} == {str(p): "0o600" for p in files}
    finally:
        ws.close()


def test_a_looser_existing_folder_is_tightened_at_start(
    paths: AppPaths, clock, umask: int, logging_to: Path
) -> None:
    Workspace.open(paths, clock).close()
    copy = backup_into(paths.backups, paths.database, "by-hand", clock())
    old_log = paths.logs / "talentdesk.log.1"
    old_log.write_text("yesterday")
    for folder in (paths.data_dir, paths.backups, paths.logs):
        folder.chmod(0o755)
    for file in (paths.database, copy, old_log):
        file.chmod(0o644)

    ws = Workspace.open(paths, clock)
    ws.close()

    assert [oct(mode(p)) for p in (paths.data_dir, paths.backups, paths.logs)] == ["0o700"] * 3
    assert [oct(mode(p)) for p in (paths.database, copy, old_log)] == ["0o600"] * 3


def test_a_backup_is_private_when_made(paths: AppPaths, umask: int) -> None:
    Workspace.open(paths).close()
    copy = backup_into(paths.backups, paths.database, "test", datetime.now(UTC))
    assert oct(mode(copy)) == "0o600"


def test_checking_the_folder_leaves_another_instance_s_probe_alone(tmp_path: Path) -> None:
    # Two TalentDesks starting together (two imports) each check that the folder can be
    # written; one must not delete the other's probe file, which made the other report the
    # folder as read-only ("No such file or directory").
    paths = AppPaths(tmp_path / "data")
    paths.ensure()
    theirs = paths.data_dir / ".write-test"
    theirs.write_bytes(b"")
    clash = paths.data_dir / f".write-test-{os.getpid()}-0"  # the first name ours would take
    clash.write_bytes(b"")

    paths.ensure()

    assert theirs.exists() and clash.exists()
    assert [p.name for p in paths.data_dir.glob(".write-test-*")] == [clash.name]  # ours is gone


def test_paths_are_a_value_that_never_shows_a_team_password(tmp_path: Path) -> None:
    local = AppPaths(tmp_path / "data")
    team = local.with_database_url("postgresql://ann:s3cret@db.example/desk")
    assert team == AppPaths(tmp_path / "data", "postgresql://ann:s3cret@db.example/desk")
    assert len({local, team, AppPaths(tmp_path / "data")}) == 2
    assert "s3cret" not in repr(team) and str(tmp_path) in repr(team)
    with pytest.raises(AttributeError):
        team.database_url = None
