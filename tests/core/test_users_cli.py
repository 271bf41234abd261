"""`talentdesk users`, `talentdesk search --mine` and `talentdesk team connect --name`, run as
a user runs them."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from talentdesk.cli import main
from talentdesk.core.records import CandidateRecord
from talentdesk.core.team.remembered import remembered_user_name
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import written_outside
from tests.core.test_mail_credentials import MemoryKeyring
from tests.core.test_team_cli import system_keyring
from tests.core.test_team_connection import URL, keyring_double, own_log

__all__ = ["keyring_double", "own_log", "system_keyring"]  # fixtures used here


@pytest.fixture(autouse=True)
def _login(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.setenv(name, "anna")
    monkeypatch.delenv("TALENTDESK_USER", raising=False)


def _cli(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *args])
    out, err = capsys.readouterr()
    return code, out, err


def _two_owners(data: Path) -> None:
    ws = Workspace.open(AppPaths(data))
    try:
        ws.candidates.create(CandidateRecord(first_name="Ola", last_name="Nowak"))
        ewa = ws.candidates.create(CandidateRecord(first_name="Ewa", last_name="Nowak"))
        bob = ws.users.find_or_add("Bob")
        with written_outside(ws.paths.database) as connection:
            connection.execute(
                text("UPDATE candidate SET owner_id = :b WHERE id = :e"), {"b": bob, "e": ewa}
            )
    finally:
        ws.close()


def test_users_and_my_candidates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    _two_owners(data)
    code, out, err = _cli(capsys, data, "users", "--json")
    assert code == 0, err
    assert json.loads(out)["users"] == [
        {"id": 1, "name": "anna", "current": True, "candidates": 1},
        {"id": 2, "name": "Bob", "current": False, "candidates": 1},
    ]
    code, out, err = _cli(capsys, data, "search", "nowak", "--mine", "--json")
    assert code == 0, err
    assert [row["name"] for row in json.loads(out)["rows"]] == ["Ola Nowak"]
    code, out, err = _cli(capsys, data, "search", "nowak", "--json")
    assert [row["name"] for row in json.loads(out)["rows"]] == ["Ewa Nowak", "Ola Nowak"]

    code, out, err = _cli(capsys, data, "users", "rename", "Anna Kowalska")
    assert code == 0 and out == "You are now Anna Kowalska.\n"
    code, out, err = _cli(capsys, data, "users")
    assert out.splitlines()[0].split() == ["*", "Anna", "Kowalska", "1", "candidates"]
    code, out, err = _cli(capsys, data, "users", "rename", "bob")
    assert code == 2 and "already a user of this database" in err

    code, out, err = _cli(capsys, data, "users", "assign", "BOB", "ola")
    assert code == 0 and out == "1 of 1 candidates handed over to Bob.\n"
    code, out, err = _cli(capsys, data, "users", "--json")
    assert [u["candidates"] for u in json.loads(out)["users"]] == [0, 2]
    code, out, err = _cli(capsys, data, "users", "assign", "Zoe", "ola")
    assert code == 2 and "Users: Anna Kowalska, Bob." in err


def test_connect_remembers_who_connects(
    system_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["team", "connect", URL, "--no-test", "--name", " Anna  K "])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "You are Anna K on it." in out and remembered_user_name() == "Anna K"
    main(["team", "status", "--json"])
    assert json.loads(capsys.readouterr().out)["user_name"] == "Anna K"
    assert main(["team", "connect", URL, "--no-test", "--name", "   "]) == 2
    assert "--name: give a name" in capsys.readouterr().err


def test_assign_hands_the_follow_ups_over_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    ws = Workspace.open(AppPaths(data))
    try:
        ola = ws.candidates.create(CandidateRecord(first_name="Ola", last_name="Nowak"))
        ws.reminders.add(ola, ws.clock() + timedelta(days=1), note="call back")
        bob = ws.users.find_or_add("Bob")
    finally:
        ws.close()
    code, out, err = _cli(capsys, data, "users", "assign", "bob", "ola")
    assert code == 0 and out == "1 of 1 candidates handed over to Bob.\n", err
    with written_outside(AppPaths(data).database) as connection:
        assert connection.execute(text("SELECT owner_id FROM reminder")).scalar_one() == bob
