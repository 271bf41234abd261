"""`talentdesk due` writes its rows as it reads them: the JSON is laid out as `json.dumps(...,
indent=2)` would, but each reminder is one compact object on a line (`layout` below)."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from talentdesk.core.db.datetimes import from_db
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


def layout(parsed: dict[str, Any]) -> str:
    """The answer as `due --json` lays it out, each object as `json.dumps` writes it compact."""
    objects = [json.dumps(d, ensure_ascii=False, separators=(",", ":")) for d in parsed["due"]]
    due = "\n    " + ",\n    ".join(objects) + "\n  ]" if objects else "]"
    return f'{{\n  "now": {json.dumps(parsed["now"])},\n  "due": [{due}\n}}\n'


def test_the_streamed_json_has_a_reminder_a_line(filled: Path) -> None:
    result = run_cli("--data-dir", str(filled), "due", "--json")
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    assert result.stdout == layout(parsed)
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


# Written without a fraction by hand or by an old version, or with a short one: formatted in
# Python, the others by SQLite.
STORED = [
    "2026-02-05 09:30:00.000000",
    "2026-02-05 09:30:00.123000",
    "2026-02-05 09:30:00",
    "2026-02-05 09:30:00.5",
]
TRICKY = 'say "hi"\\ on\nMonday\t\x01\x1f \u2028 Ł 😀'


def test_odd_times_and_text_are_written_as_python_writes_them(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    assert run_cli("--data-dir", str(data_dir), "seed", "--demo", "20").returncode == 0
    con = sqlite3.connect(data_dir / "talentdesk.sqlite3")
    with con:
        ids = [r[0] for r in con.execute("SELECT id FROM reminder WHERE done_at IS NULL LIMIT 4")]
        for rid, stored in zip(ids, STORED, strict=True):
            con.execute(
                "UPDATE reminder SET due_at = ?, snoozed_until = NULL, note = ? WHERE id = ?",
                [stored, TRICKY, rid],
            )
    con.close()
    result = run_cli("--data-dir", str(data_dir), "due", "--json")
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    assert result.stdout == layout(parsed)  # SQLite's escapes are Python's
    by_id = {d["id"]: d for d in parsed["due"]}
    for rid, stored in zip(ids, STORED, strict=True):
        assert by_id[rid]["due_at"] == from_db(stored).isoformat()
        assert by_id[rid]["overdue"] is True
        assert by_id[rid]["note"] == TRICKY
