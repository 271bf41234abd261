"""`talentdesk --database URL privacy …` on a team database (PostgreSQL), run as a user would:
a person's data exported, their status shown, then erased, leaving an audit trail."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.integration.conftest import run_cli


def test_export_status_erase_and_audit_on_a_team_database(
    data_dir: Path, pg_url: str, tmp_path: Path
) -> None:
    ws = Workspace.open(AppPaths(data_dir).with_database_url(pg_url))
    try:
        erased = ws.candidates.create(
            CandidateRecord("Qwyxxelbert", "Vuzzquamski", email="qwyxx@erasure.example")
        )
        ws.candidates.create(CandidateRecord("Nina", "Kept", email="nina@kept.example"))
    finally:
        ws.close()
    on = ("--data-dir", str(data_dir), "--database", pg_url, "privacy")

    zipped = tmp_path / "qwyxx.zip"
    export = run_cli(*on, "export", str(erased), "-o", str(zipped), "--json")
    assert export.returncode == 0, export.stderr
    with zipfile.ZipFile(zipped) as zf:
        data = json.loads(zf.read("data.json"))
    assert data["tables"]["candidate"][0]["email"] == "qwyxx@erasure.example"
    status = run_cli(*on, "status", str(erased))
    assert status.returncode == 0, status.stderr
    due = run_cli(*on, "due")
    assert due.returncode == 0, due.stderr

    done = run_cli(*on, "erase", str(erased), "--yes")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Erased 1 person permanently on ")
    audit = run_cli(*on, "audit")
    assert audit.returncode == 0, audit.stderr
    assert "erasure" in audit.stdout and "export" in audit.stdout
    assert "Qwyxxelbert" not in audit.stdout
    gone = run_cli(*on, "export", str(erased), "-o", str(tmp_path / "again.zip"))
    assert gone.returncode == 2 and f"#{erased}" in gone.stderr
