"""`talentdesk backup`, `backups`, `restore` and `check`, run as a user runs them."""

from __future__ import annotations

import json
import os
import shlex
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.backup_files import first_names, integrity, sha
from tests.integration.conftest import run_cli


def cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("--data-dir", str(data_dir), *args)


def imported(data_dir: Path, tmp_path: Path, *first: str, dry_run: bool = False) -> None:
    csv = tmp_path / f"{'-'.join(first)}.csv"
    csv.write_text("First Name,Last Name\n" + "".join(f"{n},Nowak\n" for n in first))
    done = cli(data_dir, "import", str(csv), *(["--dry-run"] if dry_run else []))
    assert done.returncode == 0, done.stderr


def listed(data_dir: Path) -> list[dict[str, object]]:
    done = cli(data_dir, "backups", "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_back_up_list_restore_and_check(data_dir: Path, tmp_path: Path) -> None:
    imported(data_dir, tmp_path, "Anna")  # backs up the (empty) database first
    made = cli(data_dir, "backup")
    assert made.returncode == 0, made.stderr
    manual = Path(made.stdout.split(" to ", 1)[1].rsplit(" (", 1)[0])
    assert manual.parent == data_dir / "backups"
    assert stat.S_IMODE(manual.stat().st_mode) == 0o600
    imported(data_dir, tmp_path, "Bartek", "Cezary")
    imported(data_dir, tmp_path, "Dorota", dry_run=True)  # writes nothing: no backup

    backups = listed(data_dir)
    assert [(b["reason"], b["candidates"]) for b in backups] == [
        ("before-import", 1),
        ("manual", 1),
        ("before-import", 0),
    ]
    assert backups[1]["file"] == str(manual)
    assert backups[1]["label"] == "Made by hand"
    assert all(b["problem"] is None and b["size"] > 0 for b in backups)
    table = cli(data_dir, "backups").stdout
    assert "Made by hand" in table and manual.name in table
    assert table.strip().endswith(f"3 backups in {data_dir / 'backups'}")

    restored = cli(data_dir, "restore", str(manual), "--yes")

    assert restored.returncode == 0, restored.stderr
    lines = restored.stdout.splitlines()
    assert lines[0].startswith("Backed up the current database first, to ")
    saved = Path(lines[0].rsplit(" to ", 1)[1])
    assert saved.name.endswith("-before-restore.sqlite3")
    assert lines[-1] == f"Restored 1 candidates from {manual}."
    assert first_names(saved) == ["Anna", "Bartek", "Cezary"]
    assert first_names(data_dir / "talentdesk.sqlite3") == ["Anna"]
    assert listed(data_dir)[0]["reason"] == "before-restore"

    checked = cli(data_dir, "check")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.strip().endswith("ok (integrity and foreign keys checked)")


def test_restore_asks_on_a_terminal(data_dir: Path, tmp_path: Path) -> None:
    imported(data_dir, tmp_path, "Anna")
    manual = Path(cli(data_dir, "backup").stdout.split(" to ", 1)[1].rsplit(" (", 1)[0])
    imported(data_dir, tmp_path, "Bartek")

    restore = ("restore", str(manual))

    def answer(text: str) -> subprocess.CompletedProcess[str]:
        controller, terminal = os.openpty()
        os.write(controller, text.encode())
        try:
            return subprocess.run(
                [sys.executable, "-m", "talentdesk", "--data-dir", str(data_dir), *restore],
                stdin=terminal,
                capture_output=True,
                text=True,
                timeout=60,
            )
        finally:
            os.close(terminal)
            os.close(controller)

    declined = answer("n\n")
    assert declined.returncode == 1
    assert f"with {manual} (1 candidates)" in declined.stdout
    assert "Restore? [y/N]" in declined.stdout
    assert "Nothing was restored." in declined.stdout
    assert first_names(data_dir / "talentdesk.sqlite3") == ["Anna", "Bartek"]

    accepted = answer("y\n")
    assert accepted.returncode == 0, accepted.stderr
    assert first_names(data_dir / "talentdesk.sqlite3") == ["Anna"]


def test_restore_without_a_terminal_needs_yes(data_dir: Path, tmp_path: Path) -> None:
    imported(data_dir, tmp_path, "Anna")
    [backup] = listed(data_dir)
    database = data_dir / "talentdesk.sqlite3"
    before = first_names(database)
    done = cli(data_dir, "restore", str(backup["file"]))
    assert done.returncode == 2
    assert done.stderr.startswith("error: restore replaces everything in the database")
    assert "--yes" in done.stderr
    assert first_names(database) == before


WINDOW = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from talentdesk.core.folder_lock import FolderLock

    with FolderLock(Path(sys.argv[1])):  # as a running window holds it
        print("open", flush=True)
        sys.stdin.readline()
    """
)


def test_restore_is_refused_while_a_window_has_the_folder_open(
    data_dir: Path, tmp_path: Path
) -> None:
    imported(data_dir, tmp_path, "Anna")
    [backup] = listed(data_dir)
    window = subprocess.Popen(
        [sys.executable, "-c", WINDOW, str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert window.stdout.readline() == "open\n"
        done = cli(data_dir, "restore", str(backup["file"]), "--yes")
    finally:
        window.stdin.close()
        window.wait()
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: Another TalentDesk has {data_dir} open.")
    assert "Traceback" not in done.stderr
    assert first_names(data_dir / "talentdesk.sqlite3") == ["Anna"]
    assert len(listed(data_dir)) == 1


def test_the_hint_for_an_unreadable_database_restores_it(data_dir: Path, tmp_path: Path) -> None:
    imported(data_dir, tmp_path, "Anna")
    cli(data_dir, "backup")
    database = data_dir / "talentdesk.sqlite3"
    database.write_bytes(b"overwritten by another program" * 200)

    failed = cli(data_dir, "info")
    assert failed.returncode == 2
    command = failed.stderr.split("restore it with: ", 1)[1].split(" Otherwise", 1)[0]
    args = shlex.split(command)
    assert args[:3] == ["talentdesk", "--data-dir", str(data_dir)]

    restored = cli(data_dir, *args[3:], "--yes")

    assert restored.returncode == 0, restored.stderr
    assert "could not be read: set it aside as" in restored.stdout
    assert first_names(database) == ["Anna"]
    assert cli(data_dir, "info").returncode == 0


@pytest.mark.parametrize(
    "target",
    ["database", "wal", "in-data-folder", "folder", "fifo", "symlink"],
)
def test_backup_output_refuses_what_it_could_clobber(
    data_dir: Path, tmp_path: Path, target: str
) -> None:
    imported(data_dir, tmp_path, "Anna")
    database = data_dir / "talentdesk.sqlite3"
    outside = tmp_path / "outside"
    outside.mkdir()
    path = {
        "database": database,
        "wal": data_dir / "talentdesk.sqlite3-wal",
        "in-data-folder": data_dir / "logs" / "copy.sqlite3",
        "folder": outside,
        "fifo": outside / "pipe",
        "symlink": outside / "link.sqlite3",
    }[target]
    if target == "fifo":
        os.mkfifo(path)
    if target == "symlink":
        path.symlink_to(database)
    before = sha(database)

    done = cli(data_dir, "backup", "-o", str(path))

    assert done.returncode == 2
    assert done.stderr.startswith(f"error: Refused to write {path}")
    assert "Traceback" not in done.stderr
    assert sha(database) == before
    assert integrity(database) == ["ok"]
    if target == "fifo":
        assert stat.S_ISFIFO(path.lstat().st_mode)
    if target == "symlink":
        assert path.is_symlink()


def test_backup_output_to_a_file_outside(data_dir: Path, tmp_path: Path) -> None:
    imported(data_dir, tmp_path, "Anna")
    out = tmp_path / "usb" / "talentdesk-copy.sqlite3"
    out.parent.mkdir()
    done = cli(data_dir, "backup", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert first_names(out) == ["Anna"]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]


def test_check_exit_codes(data_dir: Path, tmp_path: Path) -> None:
    imported(data_dir, tmp_path, "Anna")
    database = data_dir / "talentdesk.sqlite3"
    conn = sqlite3.connect(database)
    conn.execute("INSERT INTO candidate_email (candidate_id, email) VALUES (999, 'x@example.com')")
    conn.commit()
    conn.close()

    problems = cli(data_dir, "check")
    assert problems.returncode == 1
    assert problems.stdout.splitlines()[0] == f"{database}: 1 problem found"
    assert (
        "broken link: table candidate_email, row 1: candidate_id = 999 points to a candidate"
        in (problems.stdout)
    )

    elsewhere = tmp_path / "folder-data"
    (elsewhere / "talentdesk.sqlite3").mkdir(parents=True)
    cannot = cli(elsewhere, "check")
    assert cannot.returncode == 2
    assert cannot.stderr.startswith(f"error: {elsewhere / 'talentdesk.sqlite3'} is a folder")
