"""`talentdesk merge KEEP OTHER`, run as a user would."""

from __future__ import annotations

import json
from pathlib import Path

from talentdesk.core.db.enums import InteractionKind
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.integration.conftest import run_cli


def two_annas(data_dir: Path) -> tuple[int, int]:
    ws = Workspace.open(AppPaths(data_dir))
    try:
        keep = ws.candidates.create(
            CandidateRecord("Anna", "Kowalska", email="anna@example.com", city="Kraków")
        )
        other = ws.candidates.create(
            CandidateRecord("Anna", "Kowalska", email="anna@work.example", phone="601 234 567")
        )
        ws.interactions.log(other, InteractionKind.CALL, subject="Intro call")
        return keep, other
    finally:
        ws.close()


def test_merge_prints_what_moved_and_json_the_result(data_dir: Path) -> None:
    keep, other = two_annas(data_dir)
    result = run_cli("--data-dir", str(data_dir), "merge", str(keep), str(other), "--yes", "--json")
    assert result.returncode == 0, result.stderr
    merged = json.loads(result.stdout)
    assert merged["kept_id"] == keep and merged["merged_id"] == other
    assert merged["moved"]["interactions"] == 1 and merged["moved"]["emails"] == 1
    assert merged["picks"]["phone"] == "other"

    ws = Workspace.open(AppPaths(data_dir))
    try:
        kept = ws.candidates.get(keep)
        # The newest non-empty: the other was saved later.
        assert kept.phone == "601 234 567" and kept.email == "anna@work.example"
        assert kept.other_emails == ["anna@example.com"]
        assert ws.candidates.count() == 1
    finally:
        ws.close()

    again = run_cli("--data-dir", str(data_dir), "merge", str(keep), str(other), "--yes")
    assert again.returncode == 2
    assert again.stderr.startswith("error: Anna Kowalska was merged into Anna Kowalska on ")


def test_merge_in_plain_text_and_its_refusals(data_dir: Path) -> None:
    keep, other = two_annas(data_dir)
    unasked = run_cli("--data-dir", str(data_dir), "merge", str(keep), str(other))
    assert unasked.returncode == 2 and "Add --yes" in unasked.stderr
    itself = run_cli("--data-dir", str(data_dir), "merge", str(keep), str(keep), "--yes")
    assert itself.returncode == 2
    assert itself.stderr.splitlines()[0] == "error: A person cannot be merged with themself."
    missing = run_cli("--data-dir", str(data_dir), "merge", str(keep), "999", "--yes")
    assert missing.returncode == 2 and "There is no candidate #999" in missing.stderr
    done = run_cli("--data-dir", str(data_dir), "merge", str(keep), str(other), "--yes")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        "Merged Anna Kowalska into Anna Kowalska: moved 1 interaction, 1 e-mail address."
    )
