"""`talentdesk --database URL seed --demo N` on a team database (PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.integration.conftest import run_cli


def test_seed_demo_on_a_team_database(data_dir: Path, pg_url: str) -> None:
    on = ("--data-dir", str(data_dir), "--database", pg_url)
    seeded = run_cli(*on, "seed", "--demo", "50")
    assert seeded.returncode == 0, seeded.stderr
    assert seeded.stdout.startswith("added 50 candidates, ")
    info = run_cli(*on, "info", "--json")
    assert info.returncode == 0, info.stderr
    counts = json.loads(info.stdout)["counts"]
    assert counts["candidates"] == 50 and counts["reminders"] == 50
