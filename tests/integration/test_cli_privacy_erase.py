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


def _mentioned(data_dir: Path) -> tuple[int, int]:
    ws = Workspace.open(AppPaths(data_dir))
    try:
        anna = ws.candidates.create(CandidateRecord("Anna", "Kowalska", email="anna@x.pl"))
        jan = ws.candidates.create(
            CandidateRecord("Jan", "Nowak", notes="Referred by Anna Kowalska, anna@x.pl")
        )
        return anna, jan
    finally:
        ws.close()


def _notes(data_dir: Path, candidate_id: int) -> str | None:
    ws = Workspace.open(AppPaths(data_dir))
    try:
        return ws.candidates.get(candidate_id).notes
    finally:
        ws.close()


def test_erase_says_where_they_are_mentioned_and_replaces_it(data_dir: Path) -> None:
    anna, jan = _mentioned(data_dir)
    data = ("--data-dir", str(data_dir))

    refused = run_cli(*data, "privacy", "erase", str(anna))
    assert "also mentioned in 1 record of 1 other person: replaced with [erased]" in (
        refused.stderr
    )
    done = run_cli(*data, "privacy", "erase", str(anna), "--yes")
    assert done.returncode == 0, done.stderr
    assert "Their mentions were replaced with [erased] in 1 record of 1 other person." in (
        done.stdout
    )
    assert _notes(data_dir, jan) == "Referred by [erased], [erased]"


def test_erase_keeps_mentions_when_asked(data_dir: Path) -> None:
    anna, jan = _mentioned(data_dir)
    data = ("--data-dir", str(data_dir))

    refused = run_cli(*data, "privacy", "erase", str(anna), "--keep-mentions")
    assert "1 record of 1 other person: kept (--keep-mentions)" in refused.stderr
    done = run_cli(*data, "privacy", "erase", str(anna), "--yes", "--keep-mentions")
    assert done.returncode == 0, done.stderr
    assert "[erased]" not in done.stdout
    assert _notes(data_dir, jan) == "Referred by Anna Kowalska, anna@x.pl"
