"""The command line on the one write path: two imports at once (both succeed; a write that
meets another's lock waits and says what for), a disk that fills up during an import, a
database that cannot be written. Each is a clear message and exit code 2; nothing is
half-written."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import tiny_disk  # noqa: F401  (a fixture)
from tests.integration.conftest import run_cli

ROWS = 20_000


def people(path: Path, rows: int, domain: str) -> Path:
    with path.open("w", encoding="utf-8") as f:
        f.write("First Name,Last Name,Email,Company,Notes\n")
        for i in range(rows):
            f.write(f"Person{i},Nowak,p{i}@{domain},Company {i % 50},{'note ' * 20}\n")
    return path


def count(database: Path) -> int:
    with sqlite3.connect(database) as conn:
        return int(conn.execute("SELECT count(*) FROM candidate").fetchone()[0])


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "talentdesk", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_second_import_beside_the_first_succeeds(data_dir: Path, tmp_path: Path):
    assert run_cli("--data-dir", str(data_dir), "info").returncode == 0
    first_file = people(tmp_path / "first.csv", ROWS, "first.example.com")
    second_file = people(tmp_path / "second.csv", 100, "second.example.com")

    first = start("--data-dir", str(data_dir), "import", str(first_file))
    try:
        # An import holds the database only while it moves its rows in at the end: the
        # second reads its file beside the first and, if their moves meet, waits and says so.
        second = run_cli("--data-dir", str(data_dir), "import", str(second_file))
    finally:
        _out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    assert second.returncode == 0, second.stderr
    if "Waiting" in second.stderr:
        assert "Waiting: another TalentDesk is importing first.csv…" in second.stderr
    assert "Traceback" not in second.stderr
    assert count(data_dir / "talentdesk.sqlite3") == ROWS + 100


def test_a_full_disk_during_an_import_is_a_message_and_changes_nothing(
    tiny_disk: Path,  # noqa: F811
    tmp_path: Path,
):
    data_dir = tiny_disk / "data"
    small = people(tmp_path / "small.csv", 10, "small.example.com")
    assert run_cli("--data-dir", str(data_dir), "import", str(small)).returncode == 0
    big = people(tmp_path / "big.csv", ROWS, "big.example.com")  # far more than 2 MiB

    done = run_cli("--data-dir", str(data_dir), "import", str(big))

    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert errors and "full" in errors[0], done.stderr
    assert "Free some disk space" in done.stderr
    assert count(data_dir / "talentdesk.sqlite3") == 10  # as it was before
    assert run_cli("--data-dir", str(data_dir), "check").returncode == 0


def test_a_database_that_cannot_be_written_is_said_so_and_read_still_works(
    data_dir: Path, tmp_path: Path
):
    small = people(tmp_path / "small.csv", 3, "small.example.com")
    assert run_cli("--data-dir", str(data_dir), "import", str(small)).returncode == 0
    database = data_dir / "talentdesk.sqlite3"
    flag = subprocess.run(["chattr", "+i", str(database)], capture_output=True, check=False)
    if flag.returncode != 0:
        pytest.skip(f"chattr +i is not possible here: {flag.stderr!r}")
    try:
        found = run_cli("--data-dir", str(data_dir), "search", "person")
        assert found.returncode == 0, found.stderr
        assert "3 candidates found" in found.stdout

        done = run_cli("--data-dir", str(data_dir), "import", str(small))
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith("error: The database cannot be written: the file ")
        assert "read-only" in done.stderr and "Traceback" not in done.stderr
    finally:
        subprocess.run(["chattr", "-i", str(database)], check=True)
    assert count(database) == 3


def test_another_processs_write_lock_held_past_the_wait_is_a_message(
    data_dir: Path, tmp_path: Path
):
    small = people(tmp_path / "small.csv", 3, "small.example.com")
    assert run_cli("--data-dir", str(data_dir), "info").returncode == 0
    holder = sqlite3.connect(data_dir / "talentdesk.sqlite3", isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        done = run_cli("--data-dir", str(data_dir), "--wait", "1", "import", str(small))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode == 2, done.stderr
    assert "Waiting: another program is writing to the database…" in done.stderr
    assert "error: The database stayed busy for 1 s" in done.stderr
    assert "Traceback" not in done.stderr
    assert count(data_dir / "talentdesk.sqlite3") == 0
