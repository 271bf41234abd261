"""`talentdesk privacy erase ID --yes`, then a re-import that reports the person suppressed,
run as a user would."""

from __future__ import annotations

import json
from pathlib import Path

from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.integration.conftest import run_cli


def _people(data_dir: Path) -> tuple[int, int]:
    ws = Workspace.open(AppPaths(data_dir))
    try:
        erased = ws.candidates.create(
            CandidateRecord(
                "Qwyxxelbert",
                "Vuzzquamski",
                email="qwyxx@erasure.example",
                linkedin_url="linkedin.com/in/qwyxx-v",
            )
        )
        kept = ws.candidates.create(CandidateRecord("Nina", "Kept", email="nina@kept.example"))
        return erased, kept
    finally:
        ws.close()


def test_erase_asks_for_yes_then_erases_and_an_import_reports_them_suppressed(
    data_dir: Path, tmp_path: Path
) -> None:
    erased, kept = _people(data_dir)
    data = ("--data-dir", str(data_dir))
    refused = run_cli(*data, "privacy", "erase", str(erased))
    assert refused.returncode == 2
    assert "cannot be undone" in refused.stderr and "--yes" in refused.stderr
    missing = run_cli(*data, "privacy", "erase", str(erased), "999", "--yes")
    assert missing.returncode == 2 and "#999" in missing.stderr

    done = run_cli(*data, "privacy", "erase", str(erased), "--yes")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Erased 1 person permanently on ")
    assert "2 suppression entries" in done.stdout

    again = tmp_path / "again.csv"
    again.write_text(
        "First name,Last name,Email,LinkedIn\n"
        "Q,V,QWYXX@Erasure.example,\n"
        "Q,V,,https://de.linkedin.com/in/QWYXX-V/\n"
        "Ola,New,ola@new.example,\n",
        encoding="utf-8",
    )
    imported = run_cli(*data, "import", str(again))
    assert imported.returncode == 0, imported.stderr
    assert "2 suppressed (erased on " in imported.stdout
    assert "  row 1: suppressed (erased on " in imported.stdout
    as_json = run_cli(*data, "import", str(again), "--dry-run", "--json")
    payload = json.loads(as_json.stdout)
    assert payload["suppressed"] == 2
    assert [r["row"] for r in payload["suppressed_rows"]] == [1, 2]

    ws = Workspace.open(AppPaths(data_dir))
    try:
        names = ws.reads.candidate_names([kept, erased])
    finally:
        ws.close()
    assert names == {kept: "Nina Kept"}
