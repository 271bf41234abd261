"""`talentdesk --database URL` / TALENTDESK_DATABASE_URL: the command line on a team database
(PostgreSQL), what it refuses, and that the password shows up nowhere."""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path

import pytest

from talentdesk.core.db.migrate import head_revision
from tests.integration.conftest import run_cli
from tests.pg_server import PASSWORD

POOL = "Demo: Backend engineers"


def _nowhere(secret: str, *texts: str) -> None:
    for text in texts:
        assert secret not in text
        assert secret.replace(" ", "%20") not in text


def test_info_on_an_empty_server_database_creates_the_schema(data_dir: Path, pg_url: str) -> None:
    result = run_cli("--data-dir", str(data_dir), "--database", pg_url, "info", "--json")
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["database"] == pg_url.replace(PASSWORD.replace(" ", "%20"), "***")
    assert info["schema_revision"] == head_revision()
    assert info["counts"] == {"candidates": 0, "pools": 0, "interactions": 0, "reminders": 0}
    assert not (data_dir / "talentdesk.sqlite3").exists()  # the local file is not made
    logged = (data_dir / "logs" / "talentdesk.log").read_text()
    _nowhere(PASSWORD, result.stdout, result.stderr, logged)


def test_the_environment_variable_names_the_team_database(data_dir: Path, pg_url: str) -> None:
    env = {**os.environ, "TALENTDESK_DATA_DIR": str(data_dir), "TALENTDESK_DATABASE_URL": pg_url}
    result = run_cli("info", "--json", env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["database"].startswith("postgresql+psycopg://postgres:***@")


def test_a_wrong_password_is_one_error_line_without_it(data_dir: Path, pg_url: str) -> None:
    wrong = pg_url.replace("%20", "%20not%20", 1)
    result = run_cli("--data-dir", str(data_dir), "--database", wrong, "info")
    assert result.returncode == 2
    assert result.stderr.startswith("error: Cannot connect to the team database")
    assert "password authentication failed" in result.stderr
    _nowhere("not throw-away", result.stderr)
    _nowhere(PASSWORD, result.stderr)


@pytest.mark.parametrize("given", ["sqlite:///tmp/x.sqlite3", "mysql://u@h/db", "  "])
def test_anything_but_a_postgresql_address_is_refused(data_dir: Path, given: str) -> None:
    result = run_cli("--data-dir", str(data_dir), "--database", given, "info")
    assert result.returncode == 2
    assert result.stderr.startswith("error: ")
    assert not (data_dir / "talentdesk.sqlite3").exists()


def test_a_file_is_imported_into_a_team_database_and_undone(data_dir: Path, pg_url: str) -> None:
    csv_file = data_dir.parent / "people.csv"
    csv_file.write_text("First name,Last name,Email,City\nAnna,Nowak,anna@example.com,Kraków\n")
    server = ("--data-dir", str(data_dir), "--database", pg_url)
    done = run_cli(*server, "import", str(csv_file), "--json")
    assert done.returncode == 0, done.stderr
    import_id = json.loads(done.stdout)["import_id"]
    assert not (data_dir / "backups").exists() or not any((data_dir / "backups").iterdir())
    found = run_cli(*server, "search", "anna krakow")
    assert found.returncode == 0 and "Anna Nowak" in found.stdout, found.stderr
    undone = run_cli(*server, "import", "undo", str(import_id), "--yes")
    assert undone.returncode == 0, undone.stderr
    assert "1 people removed" in undone.stdout


def test_metrics_on_a_team_database_are_the_local_ones(data_dir: Path, pg_url: str) -> None:
    seeded = run_cli("--data-dir", str(data_dir), "seed", "--demo", "60")
    assert seeded.returncode == 0, seeded.stderr
    moved = run_cli("--data-dir", str(data_dir), "migrate-to", pg_url)
    assert moved.returncode == 0, moved.stderr
    # Weeks that ended before today: the week under way would be counted to two different
    # moments ("now") by the two runs.
    ended = (date.today() - timedelta(days=8)).isoformat()
    for chosen in ([], ["--from", "2000-01-01"], ["--from", "2000-01-01", "--pool", POOL]):
        here = run_cli("--data-dir", str(data_dir), "metrics", "--json", "--to", ended, *chosen)
        assert here.returncode == 0, here.stderr
        there = run_cli(
            "--data-dir", str(data_dir), "--database", pg_url, "metrics", "--json", "--to", ended,
            *chosen,
        )  # fmt: skip
        assert there.returncode == 0, there.stderr
        assert json.loads(there.stdout) == json.loads(here.stdout), chosen


def test_search_filters_and_lists_work_on_a_team_database(data_dir: Path, pg_url: str) -> None:
    seeded = run_cli("--data-dir", str(data_dir), "seed", "--demo", "40")
    assert seeded.returncode == 0, seeded.stderr
    moved = run_cli("--data-dir", str(data_dir), "migrate-to", pg_url)
    assert moved.returncode == 0, moved.stderr
    for words in ("city:krakow", "a -tag:kotlin", "stage:interviewing", "has:email anna"):
        here = run_cli("--data-dir", str(data_dir), "search", words, "--json")
        there = run_cli(
            "--data-dir", str(data_dir), "--database", pg_url, "search", words, "--json"
        )
        assert there.returncode == 0, there.stderr
        mine, theirs = json.loads(here.stdout), json.loads(there.stdout)
        assert (theirs["total"], theirs["filters"]) == (mine["total"], mine["filters"]), words
        assert theirs["rows"] == mine["rows"], words
    here = run_cli("--data-dir", str(data_dir), "lists", "--json")
    there = run_cli("--data-dir", str(data_dir), "--database", pg_url, "lists", "--json")
    assert there.returncode == 0, there.stderr
    assert json.loads(there.stdout) == json.loads(here.stdout)
    here = run_cli("--data-dir", str(data_dir), "due", "--json")
    there = run_cli("--data-dir", str(data_dir), "--database", pg_url, "due", "--json")
    assert there.returncode == 0, there.stderr
    # (the reminders TalentDesk writes itself are not generated on a server yet)
    mine, theirs = (
        [r for r in json.loads(result.stdout)["due"] if r["origin"] == "manual"]
        for result in (here, there)
    )
    assert theirs == mine


def test_the_window_opens_the_team_database_it_is_given(data_dir: Path, pg_url: str) -> None:
    env = {
        **os.environ,
        "TALENTDESK_DATA_DIR": str(data_dir),
        "TALENTDESK_DATABASE_URL": pg_url,
        "TALENTDESK_EXIT_AFTER_SHOWN": "1",  # quits once the list's first page is painted
    }
    result = run_cli(env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["shown"]
    [log] = (data_dir / "logs").glob("*.log")
    text = log.read_text()
    assert "opening the team database postgres@127.0.0.1" in text
    assert "throw-away test password" not in text  # the password never reaches the log


def test_migrate_to_copies_the_local_database_and_says_how_much(
    data_dir: Path, pg_url: str
) -> None:
    seeded = run_cli("--data-dir", str(data_dir), "seed", "--demo", "40")
    assert seeded.returncode == 0, seeded.stderr
    local = json.loads(run_cli("--data-dir", str(data_dir), "info", "--json").stdout)["counts"]
    moved = run_cli("--data-dir", str(data_dir), "migrate-to", pg_url)
    assert moved.returncode == 0, moved.stderr
    assert "candidate: 40" in moved.stdout
    assert "the counts match on the server" in moved.stdout
    on_server = run_cli("--data-dir", str(data_dir), "--database", pg_url, "info", "--json")
    assert json.loads(on_server.stdout)["counts"] == local
    for words in ("krakow", "a", "anna kow", "nobody"):  # the same people found on both
        here = run_cli("--data-dir", str(data_dir), "search", words, "--json")
        there = run_cli(
            "--data-dir", str(data_dir), "--database", pg_url, "search", words, "--json"
        )
        assert there.returncode == 0, there.stderr
        mine, theirs = json.loads(here.stdout), json.loads(there.stdout)
        assert theirs["total"] == mine["total"], words
        assert [r["id"] for r in theirs["rows"]] == [r["id"] for r in mine["rows"]], words
    again = run_cli("--data-dir", str(data_dir), "migrate-to", pg_url)
    assert again.returncode == 2
    assert "is not empty" in again.stderr
    _nowhere(PASSWORD, moved.stdout, moved.stderr, again.stderr)
