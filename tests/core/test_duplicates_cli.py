"""`talentdesk duplicates [--json] [--limit N]`, run as a user would."""

from __future__ import annotations

import json
from pathlib import Path

from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.integration.conftest import run_cli


def people(data_dir: Path, *records: CandidateRecord) -> list[int]:
    ws = Workspace.open(AppPaths(data_dir))
    try:
        return [ws.candidates.create(record) for record in records]
    finally:
        ws.close()


def test_no_duplicates_says_so(tmp_path: Path) -> None:
    people(tmp_path, CandidateRecord(first_name="Anna", last_name="Nowak", email="a@x.pl"))
    result = run_cli("--data-dir", str(tmp_path), "duplicates")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "No duplicates found among 1 candidate.\n"
    data = json.loads(run_cli("--data-dir", str(tmp_path), "duplicates", "--json").stdout)
    assert (data["groups"], data["total_groups"], data["candidates"]) == ([], 0, 1)


def test_groups_with_confidence_and_reasons(tmp_path: Path) -> None:
    anna, anna_again, marek, marek_again = people(
        tmp_path,
        CandidateRecord(first_name="Anna", last_name="Nowak", email="anna@x.pl", company="Acme"),
        CandidateRecord(first_name="Anna", last_name="Nowak", email="ANNA@x.pl", company="Acme"),
        CandidateRecord(first_name="Marek", last_name="Lis", city="Kraków"),
        CandidateRecord(first_name="Marek", last_name="Lis", city="Krakow"),
    )
    result = run_cli("--data-dir", str(tmp_path), "duplicates", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["total_groups"] == 2
    first, second = data["groups"]
    assert first["confidence"] == "high"
    assert [(m["id"], m["name"]) for m in first["members"]] == [
        (anna, "Anna Nowak"),
        (anna_again, "Anna Nowak"),
    ]
    (pair,) = first["pairs"]
    assert pair["ids"] == [anna, anna_again]
    assert {r["kind"] for r in pair["reasons"]} == {"email", "name_company"}
    assert second["confidence"] == "low"
    assert second["pairs"][0]["ids"] == [marek, marek_again]
    assert second["pairs"][0]["reasons"] == [
        {"kind": "name_city", "value": "Kraków", "text": "same name in Kraków", "name_score": 100}
    ]

    limited = json.loads(
        run_cli("--data-dir", str(tmp_path), "duplicates", "--json", "--limit", "1").stdout
    )
    assert (len(limited["groups"]), limited["total_groups"]) == (1, 2)

    text = run_cli("--data-dir", str(tmp_path), "duplicates", "--limit", "1").stdout
    assert "HIGH (100) · 2 people" in text
    assert f"{anna} + {anna_again}: same e-mail anna@x.pl; same name at Acme" in text
    assert "2 groups of possible duplicates among 4 candidates (the first 1 shown)." in text


def test_a_bad_limit_is_refused(tmp_path: Path) -> None:
    result = run_cli("--data-dir", str(tmp_path), "duplicates", "--limit", "many")
    assert result.returncode == 2
    assert "--limit" in result.stderr
