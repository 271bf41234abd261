"""`talentdesk search` with filters, `talentdesk lists` and `talentdesk list NAME`, run as a
user would."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from talentdesk.core.db.enums import TagCategory
from talentdesk.core.lists.syntax import parse
from talentdesk.core.records import CandidateRecord, TagRef
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.integration.conftest import run_cli


def cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("--data-dir", str(data_dir), *args)


def people(data_dir: Path) -> dict[str, int]:
    ws = Workspace.open(AppPaths(data_dir))
    try:
        kotlin = TagRef(TagCategory.SKILL, "Kotlin")
        made = {
            "anna": ws.candidates.create(
                CandidateRecord("Anna", "Nowak", city="Kraków", tags=[kotlin])
            ),
            "ben": ws.candidates.create(
                CandidateRecord("Ben", "Nowak", city="Berlin", tags=[kotlin])
            ),
            "cleo": ws.candidates.create(CandidateRecord("Cleo", "Nowak", city="Kraków")),
        }
        ws.lists.create("Kotlin in Kraków", parse("skill:kotlin city:krakow"))
        return made
    finally:
        ws.close()


def test_search_with_filters(data_dir: Path) -> None:
    made = people(data_dir)
    result = cli(data_dir, "search", "tag:kotlin city:krakow", "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["total"] == 1
    assert [row["id"] for row in payload["rows"]] == [made["anna"]]
    assert payload["filters"] == ["Tag: kotlin", "City: krakow"]
    text = cli(data_dir, "search", "nowak -tag:kotlin")
    assert "Cleo Nowak" in text.stdout
    assert text.stdout.strip().endswith("1 candidate found")


def test_a_search_that_matches_nothing_says_so(data_dir: Path) -> None:
    people(data_dir)
    result = cli(data_dir, "search", "tag:cobol since:12m")
    assert result.returncode == 0, result.stderr
    assert "no candidate matches: Tag: cobol · Last contact · last 12 months" in result.stdout
    assert result.stdout.strip().endswith("0 candidates found")


def test_a_bad_filter_is_one_error_line(data_dir: Path) -> None:
    people(data_dir)
    result = cli(data_dir, "search", "since:2026-06-01..2026-01-01")
    assert result.returncode == 2
    assert result.stderr.startswith("error: ")
    assert "after it ends" in result.stderr
    assert "Traceback" not in result.stderr


def test_lists_with_counts(data_dir: Path) -> None:
    people(data_dir)
    result = cli(data_dir, "lists", "--json")
    assert result.returncode == 0, result.stderr
    lists = {entry["name"]: entry for entry in json.loads(result.stdout)["lists"]}
    assert lists["Kotlin in Kraków"]["count"] == 1
    assert lists["Kotlin in Kraków"]["search"] == "skill:kotlin city:krakow"
    assert lists["No contact in 6 months"]["count"] == 3
    text = cli(data_dir, "lists").stdout.splitlines()
    assert "        1  Kotlin in Kraków" in text
    assert "        3  No contact in 6 months" in text


def test_list_members(data_dir: Path) -> None:
    made = people(data_dir)
    result = cli(data_dir, "list", "kotlin in krakow", "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["list"]["name"] == "Kotlin in Kraków"
    assert [row["id"] for row in payload["rows"]] == [made["anna"]]
    empty = cli(data_dir, "list", "Withdrawn")
    assert empty.returncode == 0
    assert "no candidate matches: Ever reached Withdrawn" in empty.stdout


def test_an_unknown_list_suggests_the_lists_command(data_dir: Path) -> None:
    people(data_dir)
    result = cli(data_dir, "list", "Nope")
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == "error: there is no list named “Nope”."
    assert "talentdesk lists" in result.stderr
