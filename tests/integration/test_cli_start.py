"""The quick read-only commands start without SQLAlchemy or Alembic, and their command line
is parsed as the whole program's parser would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from talentdesk.cli import build_parser, quick_command
from tests.integration.conftest import run_cli

PROBE = (
    "import sys; from talentdesk.cli import main; code = main(sys.argv[1:]);"
    "sys.stdout.flush();"
    "print('LOADED', *[m for m in ('sqlalchemy', 'alembic') if m in sys.modules],"
    " file=sys.stderr); sys.exit(code)"
)


def loaded_by(*args: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("LOADED")]
    return result, lines[-1].split()[1:]


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("start") / "data"
    seeded = run_cli("--data-dir", str(data_dir), "seed", "--demo", "40")
    assert seeded.returncode == 0, seeded.stderr
    return data_dir


@pytest.mark.parametrize(
    ("command", "shows"),
    [
        (["info"], "candidates:   40"),
        (["info", "--json"], '"candidates": 40'),
        (["search", "a"], "found"),
        (["search", "a", "--json"], '"total"'),
        (["lists"], "Near-fits"),
        (["list", "Near-fits", "--json"], '"list"'),
    ],
)
def test_a_read_only_command_loads_neither_sqlalchemy_nor_alembic(
    filled: Path, command: list[str], shows: str
) -> None:
    result, loaded = loaded_by("--data-dir", str(filled), *command)
    assert shows in result.stdout
    assert loaded == []


def test_info_imports_only_what_it_prints_with(filled: Path) -> None:
    """Every command pays for what the CLI imports at its top: `info` needs no json (only
    --json does) nor shlex (only the no-display message)."""
    probe = PROBE.replace("('sqlalchemy', 'alembic')", "('sqlalchemy', 'alembic', 'json', 'shlex')")
    result = subprocess.run(
        [sys.executable, "-c", probe, "--data-dir", str(filled), "info"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "candidates:   40" in result.stdout, result.stderr
    assert "LOADED" in result.stderr.splitlines(), result.stderr


def test_due_loads_no_alembic(filled: Path) -> None:
    """Its refresh of the reminders TalentDesk writes is a write: SQLAlchemy's write path."""
    result, loaded = loaded_by("--data-dir", str(filled), "due")
    assert "due (" in result.stdout
    assert "alembic" not in loaded


def test_due_with_its_reminders_current_loads_neither(filled: Path) -> None:
    """Once refreshed, and nothing changed since, `due` only reads (core/reminders/freshness)."""
    first, _ = loaded_by("--data-dir", str(filled), "due", "--json")
    second, loaded = loaded_by("--data-dir", str(filled), "due", "--json")
    assert loaded == []
    assert json.loads(second.stdout)["due"] == json.loads(first.stdout)["due"]
    assert json.loads(second.stdout)["due"]


def test_an_older_or_new_database_still_loads_alembic_to_create_it(tmp_path: Path) -> None:
    result, loaded = loaded_by("--data-dir", str(tmp_path / "new"), "info")
    assert "schema:" in result.stdout
    assert "alembic" in loaded


@pytest.mark.parametrize(
    ("argv", "quick"),
    [
        (["info"], "info"),
        (["--data-dir", "due", "info"], "info"),
        (["--data-dir=x", "-v", "search", "anna"], "search"),
        (["--data", "search", "lists"], "lists"),  # an abbreviated --data-dir takes a value
        (["--wait", "5", "due", "--json"], "due"),
        (["list", "Near-fits"], "list"),
        (["-h", "info"], None),  # the whole program's help lists every command
        (["--he", "info"], None),
        (["import", "info"], None),
        (["export"], None),
        ([], None),
    ],
)
def test_which_command_lines_are_quick(argv: list[str], quick: str | None) -> None:
    assert quick_command(argv) == quick


@pytest.mark.parametrize(
    "argv",
    [
        ["info", "--json"],
        ["--data-dir", "x", "search", "tag:kotlin city:kraków", "--limit", "5", "--json"],
        ["-v", "lists", "--json"],
        ["list", "Near-fits", "--limit", "0"],
        ["--wait", "3", "due", "--json"],
    ],
)
def test_a_quick_command_line_parses_as_the_whole_parser_does(argv: list[str]) -> None:
    quick = build_parser(quick_command(argv)).parse_args(argv)
    assert vars(quick) == vars(build_parser().parse_args(argv))


def test_the_help_still_lists_every_command() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("import", "export", "due", "privacy", "backup", "info", "search"):
        assert command in result.stdout
