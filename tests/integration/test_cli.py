"""`talentdesk COMMAND`: info, seed, search, and clear failures that leave files alone."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from talentdesk.core.db.migrate import head_revision
from tests.integration.conftest import run_cli


def test_info_on_a_new_folder_creates_the_database_at_head(data_dir: Path) -> None:
    result = run_cli("--data-dir", str(data_dir), "info", "--json")
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["database"] == str(data_dir / "talentdesk.sqlite3")
    assert info["schema_revision"] == head_revision()
    assert info["at_head"] is True
    assert info["counts"] == {"candidates": 0, "pools": 0, "interactions": 0, "reminders": 0}
    assert (data_dir / "talentdesk.sqlite3").exists()
    assert (data_dir / "logs" / "talentdesk.log").exists()

    text = run_cli("--data-dir", str(data_dir), "info")
    assert "up to date" in text.stdout


def test_seed_then_search(data_dir: Path) -> None:
    seeded = run_cli("--data-dir", str(data_dir), "seed", "--demo", "300")
    assert seeded.returncode == 0, seeded.stderr
    assert "added 300 candidates" in seeded.stdout
    info = json.loads(run_cli("--data-dir", str(data_dir), "info", "--json").stdout)
    assert info["counts"]["candidates"] == 300
    assert 2400 <= info["counts"]["interactions"] <= 3600
    assert info["counts"]["reminders"] == 300

    con = sqlite3.connect(data_dir / "talentdesk.sqlite3")
    last_name, expected = con.execute(
        "SELECT last_name, count(*) FROM candidate GROUP BY last_name ORDER BY 2 DESC LIMIT 1"
    ).fetchone()
    con.close()
    found = run_cli("--data-dir", str(data_dir), "search", last_name, "--json", "--limit", "5")
    assert found.returncode == 0, found.stderr
    payload = json.loads(found.stdout)
    assert payload["total"] >= expected
    assert len(payload["rows"]) == min(5, payload["total"])
    assert all(last_name in row["name"] for row in payload["rows"][:expected])

    plain = run_cli("--data-dir", str(data_dir), "search", "zzzqqq")
    assert plain.stdout.strip().endswith("0 candidates found")


def test_the_environment_variable_points_at_the_data_folder(data_dir: Path) -> None:
    env = {**os.environ, "TALENTDESK_DATA_DIR": str(data_dir)}
    result = run_cli("info", "--json", env=env)
    assert json.loads(result.stdout)["data_dir"] == str(data_dir)


def test_a_corrupt_database_is_reported_and_left_alone(data_dir: Path) -> None:
    data_dir.mkdir()
    db = data_dir / "talentdesk.sqlite3"
    garbage = b"PK\x03\x04 this is a zip file, not a database" * 200
    db.write_bytes(garbage)
    result = run_cli("--data-dir", str(data_dir), "info")
    assert result.returncode == 2
    assert "is not a TalentDesk database" in result.stderr
    assert "left untouched" in result.stderr
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == garbage
    assert sorted(p.name for p in data_dir.iterdir() if p.is_file()) == ["talentdesk.sqlite3"]


def test_a_database_from_a_newer_version_is_refused(data_dir: Path) -> None:
    assert run_cli("--data-dir", str(data_dir), "info").returncode == 0
    db = data_dir / "talentdesk.sqlite3"
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = 'ffff_next_year'")
    con.commit()
    con.close()
    before = db.read_bytes()
    result = run_cli("--data-dir", str(data_dir), "search", "anna")
    assert result.returncode == 2
    assert "newer version of TalentDesk" in result.stderr
    assert db.read_bytes() == before


def test_a_folder_that_cannot_be_written_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_cli("--data-dir", str(blocker / "data"), "info")
    assert result.returncode == 2
    assert "cannot be written" in result.stderr
    assert "--data-dir" in result.stderr


def test_bad_arguments_exit_non_zero(data_dir: Path) -> None:
    assert run_cli("--data-dir", str(data_dir), "seed", "--demo", "0").returncode == 2
    assert run_cli("--data-dir", str(data_dir), "frobnicate").returncode == 2
