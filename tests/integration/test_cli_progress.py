"""Long commands say how far they are on stderr through one progress line
(talentdesk/progress_line.py): live on a terminal, and nothing from a quick run into a pipe.
Restore, erase and an upgrade of the database, run as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from talentdesk.core.db.engine import make_engine, set_foreign_keys
from talentdesk.core.db.migrate import downgrade
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.integration.conftest import run_cli


def on_a_terminal(*args: str) -> tuple[int, str, str]:
    """Run the command with stderr on a terminal: (exit code, stdout, what the terminal got)."""
    controller, terminal = os.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "talentdesk", *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=terminal,
            text=True,
            timeout=120,
        )
    finally:
        os.close(terminal)
    seen = b""
    try:
        while chunk := os.read(controller, 65536):
            seen += chunk
    except OSError:  # the terminal's other end is closed: all of it is read
        pass
    finally:
        os.close(controller)
    return done.returncode, done.stdout, seen.decode()


def people(data_dir: Path, *first: str) -> list[int]:
    ws = Workspace.open(AppPaths(data_dir))
    try:
        return [ws.candidates.create(CandidateRecord(name, "Nowak")) for name in first]
    finally:
        ws.close()


def test_restore_shows_a_live_line_on_a_terminal_and_none_into_a_pipe(data_dir: Path) -> None:
    people(data_dir, "Anna")
    made = run_cli("--data-dir", str(data_dir), "backup")
    assert made.returncode == 0, made.stderr
    backup = made.stdout.split(" to ", 1)[1].rsplit(" (", 1)[0]

    code, out, terminal = on_a_terminal("--data-dir", str(data_dir), "restore", backup, "--yes")
    assert code == 0 and "Restored 1 candidates" in out
    assert "\rrestoring… 100 % copied" in terminal

    piped = run_cli("--data-dir", str(data_dir), "restore", backup, "--yes")
    assert piped.returncode == 0, piped.stderr
    assert "restoring" not in piped.stderr


def test_erase_shows_its_steps_on_one_live_line_and_none_into_a_pipe(data_dir: Path) -> None:
    anna, bartek = people(data_dir, "Anna", "Bartek")
    code, out, terminal = on_a_terminal(
        "--data-dir", str(data_dir), "privacy", "erase", str(anna), "--yes"
    )
    assert code == 0, terminal
    assert out.startswith("Erased 1 person permanently")
    assert "\rDeleting their records…" in terminal
    assert "\n" not in terminal.rstrip("\r\n")  # one line, rewritten in place

    piped = run_cli("--data-dir", str(data_dir), "privacy", "erase", str(bartek), "--yes")
    assert piped.returncode == 0, piped.stderr
    assert piped.stderr == ""


def test_an_upgrade_of_the_database_says_so_on_a_terminal(data_dir: Path) -> None:
    people(data_dir, "Anna")
    engine = make_engine(data_dir / "talentdesk.sqlite3")
    with engine.connect() as conn:
        set_foreign_keys(conn, False)
        with conn.begin():
            downgrade(conn, "0009")
    engine.dispose()

    code, out, terminal = on_a_terminal("--data-dir", str(data_dir), "info")
    assert code == 0, terminal
    assert "(up to date)" in out
    assert "\rupgrading the database to this version (backing it up first)…" in terminal

    again = run_cli("--data-dir", str(data_dir), "info")  # at the current schema: no line
    assert again.returncode == 0 and again.stderr == ""


def test_undoing_an_import_shows_a_live_line_on_a_terminal(data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("First name,Last name,E-mail\nAnna,Nowak,anna@e.com\nEwa,Lis,ewa@e.com\n")
    done = run_cli("--data-dir", str(data_dir), "import", str(path), "--json")
    assert done.returncode == 0, done.stderr
    code, out, terminal = on_a_terminal("--data-dir", str(data_dir), "import", "undo", "1", "--yes")
    assert code == 0 and "2 people removed" in out
    assert "\rUndoing the import of people.csv: 2 of 2 people deleted" in terminal
    assert terminal.endswith("\n")
