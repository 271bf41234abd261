"""Files the user asked for are written whole or not at all, and never over TalentDesk's own
files or anything that is not a regular file."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from talentdesk.core.csvio.exporter import ExportOptions, export_candidates
from talentdesk.core.csvio.rejected import save_rejected_rows
from talentdesk.core.csvio.report import ImportReport
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.files import check_output_path, written_whole
from talentdesk.core.records import CandidateRecord
from talentdesk.core.reminders.calendar import write_ics
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_the_new_content_replaces_the_file_only_when_complete(
    tmp_path: Path, paths: AppPaths
) -> None:
    path = tmp_path / "out.csv"
    path.write_text("old")
    with written_whole(path, paths) as temp:
        temp.write_text("new")
        assert path.read_text() == "old"  # not yet
    assert path.read_text() == "new"
    assert names(tmp_path) == ["out.csv"]


def test_a_failure_leaves_the_old_file_and_no_temporary_one(
    tmp_path: Path, paths: AppPaths
) -> None:
    path = tmp_path / "out.csv"
    path.write_text("old")
    with pytest.raises(ValueError, match="half-way"), written_whole(path, paths) as temp:
        temp.write_text("half")
        raise ValueError("half-way")
    assert path.read_text() == "old"
    assert names(tmp_path) == ["out.csv"]


def test_a_folder_that_does_not_exist_is_named_in_the_error(
    tmp_path: Path, paths: AppPaths
) -> None:
    path = tmp_path / "missing" / "out.csv"
    with pytest.raises(TalentDeskError) as caught, written_whole(path, paths) as temp:
        temp.write_text("x")
    assert str(path) in caught.value.message
    assert caught.value.hint == "Choose another folder or file name."


def test_the_file_is_synced_before_the_rename_and_the_folder_after(
    tmp_path: Path, paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "out.csv"
    path.write_text("old")
    synced: list[tuple[str, str]] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        kind = "folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"
        synced.append((kind, path.read_text()))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with written_whole(path, paths) as temp:
        temp.write_text("new")
    assert synced == [("file", "old"), ("folder", "new")]


def test_a_new_file_is_private_and_a_replaced_one_keeps_its_mode(
    tmp_path: Path, paths: AppPaths
) -> None:
    new = tmp_path / "new.csv"
    with written_whole(new, paths) as temp:
        temp.write_text("x")
    assert stat.S_IMODE(new.stat().st_mode) == 0o600
    shared = tmp_path / "shared.csv"
    shared.write_text("old")
    shared.chmod(0o644)
    with written_whole(shared, paths) as temp:
        temp.write_text("new")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o644


# -- refusals ---------------------------------------------------------------------------------


def refused(path: Path, data: AppPaths) -> TalentDeskError:
    """Try to write `path`; the error, once it is known nothing was written."""
    with pytest.raises(TalentDeskError) as caught, written_whole(path, data) as temp:
        temp.write_text("clobbered")
    assert "\n" not in caught.value.message
    return caught.value


@pytest.fixture
def live(ws: Workspace) -> Workspace:
    """An open database with a write in its WAL, so -wal and -shm exist beside it."""
    ws.candidates.create(CandidateRecord(first_name="Anna", last_name="Kowalska"))
    for end in ("-wal", "-shm"):
        assert Path(f"{ws.paths.database}{end}").exists()
    return ws


@pytest.mark.parametrize("end", ["", "-wal", "-shm"])
def test_the_database_and_its_wal_and_shm_are_refused(live: Workspace, end: str) -> None:
    target = Path(f"{live.paths.database}{end}")
    before = target.read_bytes()
    error = refused(target, live.paths)
    assert error.message.startswith(f"Refused to write {target}: it ")
    assert "TalentDesk's database" in error.message
    assert str(live.paths.data_dir) in error.hint
    assert target.read_bytes() == before
    assert live.reads.total_candidates() == 1


@pytest.mark.parametrize(
    "inside", ["backups/talentdesk-20261125.sqlite3", "logs/talentdesk.log", "settings.ini", "new"]
)
def test_anything_inside_the_data_folder_is_refused(live: Workspace, inside: str) -> None:
    target = live.paths.data_dir / inside
    if inside != "new":
        target.write_text("keep me")
    error = refused(target, live.paths)
    assert "inside TalentDesk's data folder" in error.message
    if inside == "new":
        assert not target.exists()
    else:
        assert target.read_text() == "keep me"


def test_every_writer_of_a_chosen_file_refuses_the_database(live: Workspace) -> None:
    database = live.paths.database
    before = database.read_bytes()
    now = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
    data, options = live.paths, ExportOptions()
    writers = {
        "csv": lambda: export_candidates(live.reader, [1], database, options, data_dir=data),
        "ics": lambda: write_ics([], database, now, "TalentDesk", data_dir=data),
        "rejected rows": lambda: save_rejected_rows(database, ["a"], ImportReport(), data_dir=data),
    }
    for name, write in writers.items():
        with pytest.raises(TalentDeskError, match="it is TalentDesk's database"):
            write()
            pytest.fail(f"the {name} writer wrote over the database")
    assert database.read_bytes() == before


def test_the_data_folder_reached_another_way_is_refused(live: Workspace, tmp_path: Path) -> None:
    alias = tmp_path / "alias"
    alias.symlink_to(live.paths.data_dir)
    assert "TalentDesk's database" in refused(alias / "talentdesk.sqlite3", live.paths).message
    # Given as a relative path, or with "..": the same file.
    sideways = live.paths.backups / ".." / "talentdesk.sqlite3"
    assert "TalentDesk's database" in refused(sideways, live.paths).message
    assert "data folder" in refused(live.paths.data_dir, live.paths).message


@pytest.fixture
def bind_mounted(live: Workspace, tmp_path: Path) -> Iterator[Path]:
    """The data folder bind-mounted elsewhere: another path, the same folder."""
    other = tmp_path / "mounted"
    other.mkdir()
    if subprocess.run(["mount", "--bind", str(live.paths.data_dir), str(other)]).returncode:
        pytest.skip("cannot bind-mount here (needs root)")
    yield other
    subprocess.run(["umount", str(other)], check=True)


def test_the_data_folder_mounted_elsewhere_is_refused(live: Workspace, bind_mounted: Path) -> None:
    before = live.paths.database.read_bytes()
    assert (
        "TalentDesk's database" in refused(bind_mounted / "talentdesk.sqlite3", live.paths).message
    )
    assert live.paths.database.read_bytes() == before


def test_a_fifo_a_folder_a_socket_and_devices_are_refused(tmp_path: Path, paths: AppPaths) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    sock_path = tmp_path / "sock"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    try:
        assert "named pipe (FIFO)" in refused(fifo, paths).message
        assert "is a folder" in refused(folder, paths).message
        assert "is a socket" in refused(sock_path, paths).message
        for device in (Path("/dev/full"), Path("/dev/null")):
            assert "is a device" in refused(device, paths).message
            assert stat.S_ISCHR(device.stat().st_mode)
    finally:
        sock.close()
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert stat.S_ISSOCK(sock_path.stat().st_mode)
    assert names(tmp_path) == ["folder", "pipe", "sock"]
    assert names(folder) == []


def test_a_link_is_followed_its_target_written_and_the_link_kept(
    tmp_path: Path, paths: AppPaths
) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "latest.csv"
    link.symlink_to(real)
    output = check_output_path(link, paths)
    assert (output.target, output.link) == (real, link)
    assert str(output) == f"{real} (through the link {link})"
    with written_whole(link, paths) as temp:
        temp.write_text("new")
    assert link.is_symlink() and real.read_text() == "new"
    assert check_output_path(real, paths).link is None


def test_a_link_to_the_database_is_refused(live: Workspace, tmp_path: Path) -> None:
    link = tmp_path / "export.csv"
    link.symlink_to(live.paths.database)
    before = live.paths.database.read_bytes()
    error = refused(link, live.paths)
    assert error.message.startswith(f"Refused to write {link} (a link to {live.paths.database})")
    assert link.is_symlink() and live.paths.database.read_bytes() == before


def test_a_link_to_a_device_and_a_link_loop_are_refused(tmp_path: Path, paths: AppPaths) -> None:
    to_device = tmp_path / "out.csv"
    to_device.symlink_to("/dev/full")
    assert "is a device" in refused(to_device, paths).message
    loop = tmp_path / "loop.csv"
    loop.symlink_to(loop)
    assert "cannot be followed" in refused(loop, paths).message
    assert to_device.is_symlink() and loop.is_symlink()


# -- a full disk ------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs: a real disk that fills up (needs root to mount)."""
    disk = tmp_path / "small"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    yield disk
    subprocess.run(["umount", str(disk)], check=True)


def test_a_full_disk_says_so_and_leaves_the_file_as_it_was(
    small_disk: Path, paths: AppPaths
) -> None:
    path = small_disk / "out.csv"
    path.write_text("old")
    with (
        pytest.raises(TalentDeskError) as caught,
        written_whole(path, paths) as temp,
        temp.open("wb") as fh,
    ):
        for _ in range(100):
            fh.write(b"x" * 4096)  # 400 KiB into 64
    assert caught.value.message == f"The disk is full: {path} was not written."
    assert "Free some space" in caught.value.hint
    assert path.read_text() == "old"
    assert names(small_disk) == ["out.csv"]
