"""`talentdesk import` killed (SIGKILL) while its final step writes the rows leaves the database
as it was: no candidate of the file, the search triggers the step drops back in place, the
search index whole; the next import deletes the stage file the killed one left, and works."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from talentdesk.core.csvio.bulk import SUSPENDED_TRIGGERS
from talentdesk.core.csvio.stage import stage_folder
from talentdesk.paths import AppPaths
from tests.integration.conftest import run_cli
from tests.polling import poll

ROWS = 60_000  # enough for the final step to take a while (well over a second here)
WAIT_S = 300


def people(path: Path, rows: int, first: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as f:
        f.write("First Name,Last Name,Email,Company,City,Skills\n")
        for i in range(first, first + rows):
            f.write(f'Łucja{i},Nowak,p{i}@example.com,Company {i % 7},Kraków,"Java, SQL"\n')
    return path


def state(database: Path) -> dict[str, object]:
    con = sqlite3.connect(database)
    try:
        found: dict[str, object] = {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("candidate", "candidate_tag", "import_record", "import_person", "consent")
        }
        found["triggers"] = sorted(
            name
            for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            if name in SUSPENDED_TRIGGERS
        )
        found["integrity"] = con.execute("PRAGMA integrity_check").fetchone()[0]
        con.execute("INSERT INTO candidate_fts(candidate_fts, rank) VALUES ('integrity-check', 1)")
        return found
    finally:
        con.close()


def writing(note: Path, pid: int) -> bool:
    """Whether process `pid` has begun its import's final step (the writer's activity note,
    written once its write transaction has begun)."""
    try:
        return bool(json.loads(note.read_text(encoding="utf-8"))["pid"] == pid)
    except (OSError, ValueError, KeyError):
        return False


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_an_import_killed_while_it_writes_leaves_the_database_as_it_was(
    data_dir: Path, tmp_path: Path
) -> None:
    first = run_cli("--data-dir", str(data_dir), "import", str(people(tmp_path / "a.csv", 3)))
    assert first.returncode == 0, first.stderr
    database = AppPaths(data_dir).database
    before = state(database)
    assert before["candidate"] == 3
    assert before["triggers"] == sorted(SUSPENDED_TRIGGERS)
    big = people(tmp_path / "big.csv", ROWS, first=3)
    note = database.with_name(database.name + ".writing")

    command = [sys.executable, "-m", "talentdesk", "--data-dir", str(data_dir), "import"]
    child = subprocess.Popen([*command, str(big)], stdout=subprocess.DEVNULL)
    try:

        def still_running() -> None:
            assert child.poll() is None, "the import ended before its final step was seen"

        # Another process's file: there is nothing to wait on but polling.
        seen = poll(
            lambda: writing(note, child.pid), seconds=WAIT_S, every=0.005, check=still_running
        )
        assert seen, "the import's final step was not seen in time"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
    assert child.returncode == -signal.SIGKILL

    assert state(database) == before
    left = list(stage_folder(database).iterdir())
    assert len(left) >= 1  # the killed import's stage file (and perhaps its journal)

    done = run_cli("--data-dir", str(data_dir), "import", str(people(tmp_path / "b.csv", 2, 9)))
    assert done.returncode == 0, done.stderr
    after = state(database)
    assert after["candidate"] == 5 and after["triggers"] == before["triggers"]
    assert list(stage_folder(database).iterdir()) == []
