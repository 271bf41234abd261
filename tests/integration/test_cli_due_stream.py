"""`talentdesk due` writes its rows as it reads them: the JSON is still exactly what one
`json.dumps(..., ensure_ascii=False, indent=2)` of the whole answer printed."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.integration.conftest import run_cli


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("due") / "data"
    seeded = run_cli("--data-dir", str(data_dir), "seed", "--demo", "60")
    assert seeded.returncode == 0, seeded.stderr
    return data_dir


def open_due(data_dir: Path) -> int:
    con = sqlite3.connect(data_dir / "talentdesk.sqlite3")
    try:
        now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        sql = "SELECT count(*) FROM reminder WHERE done_at IS NULL AND"
        sql += " coalesce(snoozed_until, due_at) < ?"
        return int(con.execute(sql, (now,)).fetchone()[0])
    finally:
        con.close()


def test_the_streamed_json_is_what_json_dumps_wrote(filled: Path) -> None:
    result = run_cli("--data-dir", str(filled), "due", "--json")
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    assert result.stdout == json.dumps(parsed, ensure_ascii=False, indent=2) + "\n"
    due = parsed["due"]
    assert len(due) >= open_due(filled) > 1  # overdue ones, and those due later today
    assert list(due[0]) == [
        "id", "candidate_id", "candidate", "kind", "origin", "due_at", "overdue", "note",
        "reason",
    ]  # fmt: skip
    assert [d["due_at"] for d in due] == sorted(d["due_at"] for d in due)
    now = datetime.fromisoformat(parsed["now"])
    assert all(d["overdue"] == (datetime.fromisoformat(d["due_at"]) < now) for d in due)


def test_the_text_lists_the_same_reminders(filled: Path) -> None:
    as_json = json.loads(run_cli("--data-dir", str(filled), "due", "--json").stdout)["due"]
    text = run_cli("--data-dir", str(filled), "due").stdout.splitlines()
    assert len(text) == len(as_json) + 1
    overdue = sum(d["overdue"] for d in as_json)
    assert text[-1] == f"{len(as_json):,} due ({overdue:,} overdue)"
    for line, d in zip(text[:-1], as_json, strict=True):
        state = "overdue" if d["overdue"] else "today"
        assert f" {state:<7}  {d['candidate']}  " in line


def test_nothing_due_is_an_empty_array(tmp_path: Path) -> None:
    result = run_cli("--data-dir", str(tmp_path / "data"), "due", "--json")
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    assert parsed["due"] == []
    assert result.stdout == json.dumps(parsed, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize(
    "stored",
    [
        "2026-12-05 09:30:00.000000",
        "2026-12-05 09:30:00.123000",
        "2026-12-05 09:30:00",  # written without a fraction by hand or by an old version
        "2026-12-05 09:30:00.5",
    ],
)
def test_due_times_are_written_as_isoformat_writes_them(stored: str) -> None:
    from talentdesk.cli_due_output import _iso
    from talentdesk.core.db.datetimes import from_db

    assert _iso(stored) == from_db(stored).isoformat()
