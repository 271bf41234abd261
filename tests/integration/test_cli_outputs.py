"""`export -o FILE` and `reminders --ics FILE` never clobber the database, the data folder or
anything that is not a regular file, and a full disk leaves the old file as it was."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from talentdesk.core.demo import seed_demo
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.integration.conftest import run_cli

COMMANDS = {
    "export": lambda out: ["export", "-o", str(out)],
    "reminders": lambda out: ["reminders", "--ics", str(out)],
}


@pytest.fixture
def filled(data_dir: Path) -> Iterator[AppPaths]:
    """A data folder with candidates and reminders, and a connection holding it open with a
    write in the WAL, so the database's -wal and -shm exist while the command runs."""
    paths = AppPaths(data_dir)
    ws = Workspace.open(paths)
    try:
        seed_demo(ws.db, 30, datetime.now(UTC) - timedelta(days=1))
    finally:
        ws.close()
    (paths.backups / "talentdesk-20261125-093000-before-0009.sqlite3").write_bytes(b"a backup")
    holder = sqlite3.connect(paths.database)
    holder.execute("PRAGMA journal_mode = WAL")
    holder.execute("CREATE TABLE IF NOT EXISTS test_holder (x)")
    holder.execute("INSERT INTO test_holder VALUES (1)")
    holder.commit()
    yield paths
    holder.close()


def _fifo(tmp: Path) -> Path:
    os.mkfifo(tmp / "pipe")
    return tmp / "pipe"


def _folder(tmp: Path) -> Path:
    (tmp / "folder").mkdir()
    return tmp / "folder"


def _link_to_database(tmp: Path) -> Path:
    (tmp / "export.csv").symlink_to(tmp / "data" / "talentdesk.sqlite3")
    return tmp / "export.csv"


TARGETS: dict[str, Callable[[Path], Path]] = {
    "database": lambda tmp: tmp / "data" / "talentdesk.sqlite3",
    "wal": lambda tmp: tmp / "data" / "talentdesk.sqlite3-wal",
    "shm": lambda tmp: tmp / "data" / "talentdesk.sqlite3-shm",
    "backup": lambda tmp: (
        tmp / "data" / "backups" / "talentdesk-20261125-093000-before-0009.sqlite3"
    ),
    "fifo": _fifo,
    "folder": _folder,
    "dev-full": lambda tmp: Path("/dev/full"),
    "link-to-database": _link_to_database,
}
SAYS = {
    "database": "it is TalentDesk's database.",
    "wal": "it belongs to TalentDesk's database.",
    "shm": "it belongs to TalentDesk's database.",
    "backup": "it is inside TalentDesk's data folder",
    "fifo": "it is a named pipe (FIFO)",
    "folder": "it is a folder.",
    "dev-full": "it is a device",
    "link-to-database": "(a link to {data}/talentdesk.sqlite3): it is TalentDesk's database.",
}


def _state(path: Path) -> tuple[bool, int, bytes | None]:
    """What a refusal must leave as it was: link or not, file type, content (regular files)."""
    is_link = path.is_symlink()
    mode = path.stat().st_mode
    content = path.read_bytes() if stat.S_ISREG(mode) else None
    if path.name.endswith("-shm") and content is not None:
        # Every reader updates the shared-memory index; it stays one (version, size).
        content = content[:4] + len(content).to_bytes(8, "big")
    return is_link, stat.S_IFMT(mode), content


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("target", list(TARGETS))
def test_an_output_that_would_clobber_is_refused(
    filled: AppPaths, tmp_path: Path, command: str, target: str
) -> None:
    out = TARGETS[target](tmp_path)
    before = _state(out)
    database_before = filled.database.read_bytes()

    result = run_cli("--data-dir", str(filled.data_dir), *COMMANDS[command](out))

    assert result.returncode == 2, result.stdout
    assert result.stdout == ""
    first, *rest = result.stderr.splitlines()
    assert first.startswith(f"error: Refused to write {out}")
    assert SAYS[target].format(data=filled.data_dir) in first
    assert first.endswith("Nothing was changed.")
    assert len(rest) == 1 and "Traceback" not in result.stderr  # the hint
    assert _state(out) == before
    assert filled.database.read_bytes() == database_before
    for folder in {tmp_path, filled.data_dir, out.resolve().parent}:
        assert not list(folder.glob(".*.part"))  # no temporary file left


def test_a_link_to_a_regular_file_is_followed_and_said_so(filled: AppPaths, tmp_path: Path) -> None:
    real = tmp_path / "exports" / "candidates.csv"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "latest.csv"
    link.symlink_to(real)

    result = run_cli("--data-dir", str(filled.data_dir), "export", "-o", str(link))

    assert result.returncode == 0, result.stderr
    assert result.stdout == f"exported 30 candidates to {real} (through the link {link})\n"
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("First name,Last name,")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 16 KiB tmpfs: a real disk that fills up (needs root to mount)."""
    disk = tmp_path / "small"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    yield disk
    subprocess.run(["umount", str(disk)], check=True)


def test_an_export_onto_a_full_disk_says_so_and_keeps_the_old_file(
    filled: AppPaths, small_disk: Path
) -> None:
    dest = small_disk / "candidates.csv"
    dest.write_text("the previous export")
    (small_disk / "other").write_bytes(b"x" * 8192)  # one 4 KiB page is left: the CSV needs 3

    result = run_cli("--data-dir", str(filled.data_dir), "export", "-o", str(dest))

    assert result.returncode == 2, result.stdout
    assert f"error: The disk is full: {dest} was not written." in result.stderr
    assert "Traceback" not in result.stderr
    assert dest.read_text() == "the previous export"
    assert sorted(p.name for p in small_disk.iterdir()) == ["candidates.csv", "other"]
