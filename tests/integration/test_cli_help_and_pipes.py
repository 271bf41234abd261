"""The command line as a shell user meets it: every option and positional explains itself in
--help, and output into a pipe whose reader has gone (`talentdesk search x --json | head -c 100`)
ends quietly, with the shell's exit status for SIGPIPE and no traceback."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from talentdesk.cli import EXIT_STDOUT_CLOSED, build_parser
from talentdesk.core.demo import seed_demo
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths


def _parsers(
    parser: argparse.ArgumentParser, path: str
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, f"{path} {name}")


def _missing_help(parser: argparse.ArgumentParser) -> list[str]:
    missing = []
    for action in parser._actions:
        name = "/".join(action.option_strings) or action.metavar or action.dest
        if not action.help:
            missing.append(str(name))
        if isinstance(action, argparse._SubParsersAction):
            missing += [f"command {c.dest}" for c in action._choices_actions if not c.help]
    return missing


def test_every_command_option_and_positional_has_a_help_text() -> None:
    parsers = dict(_parsers(build_parser(), "talentdesk"))
    assert {"talentdesk import", "talentdesk mail account"} <= set(parsers)

    missing = {path: _missing_help(parser) for path, parser in parsers.items()}

    assert {path: names for path, names in missing.items() if names} == {}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough candidates that a search prints more than a pipe holds (64 KiB on Linux)."""
    paths = AppPaths(tmp_path_factory.mktemp("pipes") / "data")
    ws = Workspace.open(paths)
    try:
        seed_demo(ws.db, 1500, datetime.now(UTC) - timedelta(days=1))
    finally:
        ws.close()
    return paths.data_dir


def _talentdesk(
    data_dir: Path, *args: str, stdout: int, buffered: bool = True
) -> subprocess.Popen[bytes]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    if not buffered:
        env["PYTHONUNBUFFERED"] = "1"
    return subprocess.Popen(
        [sys.executable, "-m", "talentdesk", "--data-dir", str(data_dir), *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=env,
    )


@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize(
    "args",
    [
        ["search", "a", "--json", "--limit", "5000"],
        ["search", "a", "--limit", "5000"],
        ["info"],
        ["info", "--json"],
        ["due", "--json"],
        ["--help"],
        ["import", "--help"],
    ],
    ids=" ".join,
)
def test_a_pipe_closed_before_the_output_ends_it_quietly(
    data_dir: Path, args: list[str], buffered: bool
) -> None:
    # The reader is gone before the first write: every command meets the closed pipe.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        process = _talentdesk(data_dir, *args, stdout=write_end, buffered=buffered)
    finally:
        os.close(write_end)
    _, stderr = process.communicate(timeout=120)

    assert stderr.decode() == ""
    # argparse's --help drops a failed write itself (then exits 0) when nothing is buffered.
    quiet = {EXIT_STDOUT_CLOSED, 0} if "--help" in args and not buffered else {EXIT_STDOUT_CLOSED}
    assert process.returncode in quiet


def test_search_json_into_head_c_100_ends_quietly(data_dir: Path) -> None:
    """`talentdesk search a --json | head -c 100`: the reader takes 100 bytes and leaves while
    the search is still writing (its output is several times what the pipe holds)."""
    process = _talentdesk(
        data_dir, "search", "a", "--json", "--limit", "5000", stdout=subprocess.PIPE
    )
    assert process.stdout is not None
    first = process.stdout.read(100)
    process.stdout.close()
    stderr = process.stderr.read() if process.stderr else b""
    process.wait(timeout=120)

    assert first.startswith(b'{"total": ')
    assert b"Traceback" not in stderr and b"BrokenPipeError" not in stderr, stderr.decode()
    assert stderr == b""
    assert process.returncode == EXIT_STDOUT_CLOSED
