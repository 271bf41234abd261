"""`talentdesk privacy export`, `privacy audit` and `privacy due`, run as a user would."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

from talentdesk.core.db.enums import InteractionKind
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.integration.conftest import run_cli


def cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("--data-dir", str(data_dir), *args)


def people(data_dir: Path) -> dict[str, int]:
    ws = Workspace.open(AppPaths(data_dir))
    try:
        anna = ws.candidates.create(CandidateRecord("Anna", "Nowak", email="anna@example.com"))
        ws.interactions.log(anna, InteractionKind.CALL, subject="Intro call")
        ben = ws.candidates.create(CandidateRecord("Ben", "Lis"))
        return {"anna": anna, "ben": ben}
    finally:
        ws.close()


def test_export_writes_the_zip_and_the_audit_log_says_so(data_dir: Path, tmp_path: Path) -> None:
    made = people(data_dir)
    dest = tmp_path / "anna.zip"
    result = cli(data_dir, "privacy", "export", str(made["anna"]), "-o", str(dest))
    assert result.returncode == 0, result.stderr
    assert f"Wrote {dest}" in result.stdout and "Anna Nowak" in result.stdout
    with zipfile.ZipFile(dest) as zf:
        data = json.loads(zf.read("data.json"))
    assert data["tables"]["candidate"][0]["email"] == "anna@example.com"
    assert [i["subject"] for i in data["tables"]["interaction"]] == ["Intro call"]

    audit = cli(data_dir, "privacy", "audit", "--json")
    assert audit.returncode == 0, audit.stderr
    entries = json.loads(audit.stdout)
    assert [(e["kind"], e["count"]) for e in entries] == [("export", 1)]
    assert "Anna" not in audit.stdout
    text = cli(data_dir, "privacy", "audit")
    assert "export" in text.stdout and text.stdout.strip().endswith("1 entry")


def test_export_of_no_one_is_one_error_line(data_dir: Path, tmp_path: Path) -> None:
    people(data_dir)
    result = cli(data_dir, "privacy", "export", "999", "-o", str(tmp_path / "x.zip"))
    assert result.returncode == 2
    assert result.stderr.startswith("error: there is no candidate #999")
    assert not (tmp_path / "x.zip").exists()


def test_due_lists_no_one_in_a_fresh_database(data_dir: Path) -> None:
    people(data_dir)
    result = cli(data_dir, "privacy", "due", "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["due"] == []
    assert payload["policy"]["after_rejection_months"] == 6
    assert payload["policy"]["after_contact_months"]["consent"] == 24
    text = cli(data_dir, "privacy", "due")
    assert text.stdout.strip() == "0 candidates due for deletion"


def test_a_backup_from_the_command_line_is_audited(data_dir: Path) -> None:
    people(data_dir)
    made = cli(data_dir, "backup")
    assert made.returncode == 0, made.stderr
    entries = json.loads(cli(data_dir, "privacy", "audit", "--json", "--kind", "backup").stdout)
    assert [(e["kind"], e["detail"]) for e in entries] == [("backup", "by hand")]
