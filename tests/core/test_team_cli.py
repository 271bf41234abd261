"""`talentdesk team connect|status|test|forget` as a user runs them: the password goes to the
keyring and is never printed, remembered or logged; a failed test remembers nothing."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import keyring
import pytest

from talentdesk.cli import main
from talentdesk.core.mail.credentials import SERVICE
from talentdesk.core.team.choice import DATABASE_URL_ENV
from talentdesk.core.team.remembered import remembered, remembered_file
from tests.core.test_mail_credentials import MemoryKeyring
from tests.core.test_team_connection import SECRET, URL, keyring_double, own_log
from tests.integration.conftest import run_cli
from tests.mail_server import free_port

__all__ = ["keyring_double", "own_log"]  # fixtures used here
KEY = "postgresql:ann@db.example.com:6543/talent"


@pytest.fixture
def system_keyring(
    keyring_double: MemoryKeyring, monkeypatch: pytest.MonkeyPatch, own_log: None
) -> MemoryKeyring:
    """The keyring the commands find, as the OS one; standard input not a terminal."""
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring_double)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    yield keyring_double  # type: ignore[misc]
    keyring.set_keyring(previous)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["team", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_connect_keeps_the_password_in_the_keyring_only(
    system_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "connect", URL, "--no-test")
    assert code == 0, err
    assert "moved to the keyring" in out
    assert "Saved the team database ann@db.example.com:6543/talent." in out
    assert system_keyring.entries == {(SERVICE, KEY): SECRET}
    assert remembered() is not None and remembered().label == "ann@db.example.com:6543/talent"  # type: ignore[union-attr]

    code, out, err = _run(capsys, "status", "--json")
    status = json.loads(out)
    assert status["kind"] == "team" and status["source"] == "remembered"
    assert status["password_stored"] is True and status["tls"] == "require"
    assert status["url"] == "postgresql+psycopg://ann@db.example.com:6543/talent?sslmode=require"
    code, text, err = _run(capsys, "status")
    assert "database:    team database ann@db.example.com:6543/talent" in text
    assert "password:    stored in the keyring" in text

    logs = Path(os.environ["TALENTDESK_DATA_DIR"]) / "logs" / "talentdesk.log"
    for written in (out, text, remembered_file().read_text(), logs.read_text()):
        assert "s3cr" not in written and "päss" not in written

    code, out, err = _run(capsys, "forget")
    assert code == 0 and "forgot the team database ann@db.example.com:6543/talent" in out
    assert system_keyring.entries == {} and remembered() is None
    code, out, err = _run(capsys, "status")
    assert out.startswith("database:    local database (")


def test_the_password_from_standard_input(
    system_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(SECRET + "\n"))
    url = "postgresql://ann@db.example.com:6543/talent?sslmode=require"
    code, out, err = _run(capsys, "connect", url, "--password-stdin", "--no-test")
    assert code == 0, err
    assert "unencrypted" not in err
    assert "moved to the keyring" not in out
    assert system_keyring.entries == {(SERVICE, KEY): SECRET}


def test_a_server_that_does_not_answer_is_not_remembered(
    system_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    port = free_port()
    url = f"postgresql://ann:s3cr%40t@127.0.0.1:{port}/talent?sslmode=disable"
    code, _out, err = _run(capsys, "connect", url)
    assert code == 2
    assert (
        f"error: Server not reachable: nothing answered at 127.0.0.1:{port} (Connection "
        "refused). Nothing was remembered." in err
    )
    assert "--no-test" in err
    assert remembered() is None and system_keyring.entries == {}


def test_the_environment_names_the_database_and_its_password_goes_to_the_keyring(
    system_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(DATABASE_URL_ENV, URL)
    code, out, _err = _run(capsys, "status")
    assert code == 0
    assert "chosen by:   TALENTDESK_DATABASE_URL" in out and "s3cr" not in out
    assert system_keyring.entries == {(SERVICE, KEY): SECRET}


def test_test_says_when_there_is_nothing_to_test(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = _run(capsys, "test")
    assert code == 2
    assert "error: No team database is set up: TalentDesk opens the local database." in err


def test_without_a_keyring_a_password_is_refused_and_nothing_remembered(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    result = run_cli("team", "connect", URL, "--no-test", env=env)
    assert result.returncode == 2
    assert "error: The keyring cannot keep the password" in result.stderr
    assert "s3cr" not in result.stdout + result.stderr
    assert remembered() is None


def test_a_missing_ca_file_is_said_before_connecting(tmp_path: Path) -> None:
    result = run_cli("team", "connect", "postgresql://ann@db/talent", "--ca-file", "/nowhere.pem")
    assert result.returncode == 2
    assert "error: The certificate authority file /nowhere.pem does not exist." in result.stderr


def test_an_unencrypted_connection_is_flagged(
    system_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "connect", "postgresql://ann@db/t?sslmode=disable", "--no-test")
    assert code == 0
    assert err.startswith("warning: unencrypted (sslmode=disable): names, notes and e-mails")
    code, out, err = _run(capsys, "status")
    assert "database:    team database ann@db/t, unencrypted" in out
    assert "encryption:  Unencrypted (disable)" in out


def test_connect_and_test_against_the_real_server(
    system_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str], pg_url: str
) -> None:
    url = pg_url + "?sslmode=disable"
    code, out, err = _run(capsys, "connect", url)
    assert code == 0, err
    assert out.startswith("Connected, unencrypted: PostgreSQL ")
    assert "The database is empty" in out and "throw-away" not in out + err
    code, out, err = _run(capsys, "test")
    assert code == 0, err
    assert out.startswith("Connected, unencrypted: PostgreSQL ")
    system_keyring.entries.clear()  # the password gone: the server says so
    code, out, err = _run(capsys, "test")
    assert code == 2 and "error: Password needed: the server asks postgres for a password." in err
