"""`talentdesk COMMAND`: info, seed, search, and clear failures that leave files alone."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from talentdesk.core.csvio import saved_mappings
from talentdesk.core.db.migrate import head_revision
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
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


def _rows(data_dir: Path, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(data_dir / "talentdesk.sqlite3")
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_import_saves_its_mapping_and_a_later_file_reuses_it(
    data_dir: Path, tmp_path: Path
) -> None:
    first = tmp_path / "agency-march.csv"
    first.write_text("Imię;Nazwisko;E-mail;Umiejętności\nOla;Nowak;ola@example.com;Go\n")
    dry = run_cli(
        "--data-dir", str(data_dir), "import", str(first), "--save-mapping", "Agency", "--dry-run"
    )
    assert dry.returncode == 0, dry.stderr
    assert "Dry run — the mapping was not saved as “Agency”." in dry.stdout
    assert _rows(data_dir, "SELECT count(*) FROM import_mapping") == [(0,)]

    done = run_cli("--data-dir", str(data_dir), "import", str(first), "--save-mapping", "Agency")
    assert done.returncode == 0, done.stderr
    assert "Saved the mapping as “Agency”." in done.stdout
    [(name, columns, preset)] = _rows(data_dir, "SELECT name, columns, preset FROM import_mapping")
    assert (name, preset) == ("Agency", "auto")
    assert json.loads(str(columns)) == [
        {"header": "Imię", "target": "first_name"},
        {"header": "Nazwisko", "target": "last_name"},
        {"header": "E-mail", "target": "email"},
        {"header": "Umiejętności", "target": "tags:skill"},
    ]

    # Next month's file: columns reordered and respelled. The saved mapping wins over --preset.
    second = tmp_path / "agency-april.csv"
    second.write_text("UMIEJĘTNOŚCI,e-mail,nazwisko,imie\nRust,jan@example.com,Kowalski,Jan\n")
    again = run_cli(
        "--data-dir", str(data_dir), "import", str(second), "--mapping", "agency",
        "--preset", "google",
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert "agency-april.csv: utf-8, delimiter ',', mapping “Agency”" in again.stdout
    assert "created 1, updated 0, skipped 0, 0 with problems" in again.stdout
    assert _rows(
        data_dir,
        "SELECT c.first_name, c.last_name, c.email, t.category, t.name FROM candidate c"
        " JOIN candidate_tag ct ON ct.candidate_id = c.id JOIN tag t ON t.id = ct.tag_id"
        " ORDER BY c.id",
    ) == [
        ("Ola", "Nowak", "ola@example.com", "skill", "Go"),
        ("Jan", "Kowalski", "jan@example.com", "skill", "Rust"),
    ]


def test_import_with_a_mapping_saved_in_the_window(data_dir: Path, tmp_path: Path) -> None:
    ws = Workspace.open(AppPaths(data_dir))
    # Headers no guess knows: only the saved mapping says what they are.
    saved_mappings.save(
        ws.db, "Meetup list", ["Kto", "Kontakt", "Stack"], ["full_name", "email", "tags:skill"]
    )
    ws.close()
    path = tmp_path / "meetup.csv"
    path.write_text("Kto,Kontakt,Stack,Miasto\nEwa Maria Zając,ewa@example.com,Java; SQL,Gdańsk\n")
    result = run_cli(
        "--data-dir", str(data_dir), "import", str(path), "--mapping", "MEETUP LIST", "--json"
    )
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["saved_mapping"] == "Meetup list"
    assert payload["mapping"] == {
        "Kto": "full_name", "Kontakt": "email", "Stack": "tags:skill", "Miasto": "city",
    }  # fmt: skip
    assert _rows(data_dir, "SELECT first_name, last_name, email, city FROM candidate") == [
        ("Ewa Maria", "Zając", "ewa@example.com", "Gdańsk")
    ]
    assert _rows(data_dir, "SELECT name FROM tag ORDER BY name") == [("Java",), ("SQL",)]


def test_an_unknown_or_blank_mapping_name_is_refused_before_importing(
    data_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "people.csv"
    path.write_text("First name,Last name\nOla,Nowak\n")
    none_saved = run_cli("--data-dir", str(data_dir), "import", str(path), "--mapping", "Agency")
    assert none_saved.returncode == 2
    assert none_saved.stderr.splitlines() == [
        "error: There is no saved mapping named “Agency”.",
        "No mapping has been saved yet.",
    ]
    ws = Workspace.open(AppPaths(data_dir))
    saved_mappings.save(ws.db, "Outlook contacts", ["E-mail Address"], ["email"], "outlook")
    saved_mappings.save(ws.db, "agency (old)", ["Mail"], ["email"])
    ws.close()
    unknown = run_cli("--data-dir", str(data_dir), "import", str(path), "--mapping", "Agency")
    assert unknown.returncode == 2
    assert unknown.stderr.splitlines() == [
        "error: There is no saved mapping named “Agency”.",
        "Saved mappings: agency (old), Outlook contacts.",
    ]
    blank = run_cli("--data-dir", str(data_dir), "import", str(path), "--save-mapping", " ")
    assert blank.returncode == 2
    assert "a saved mapping needs a name" in blank.stderr
    assert _rows(data_dir, "SELECT count(*) FROM candidate") == [(0,)]
    assert _rows(data_dir, "SELECT count(*) FROM import_mapping") == [(2,)]
