"""Progress on stderr: a live line on a terminal, a line every few seconds otherwise."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

from talentdesk.progress_line import PIPE_INTERVAL_S, ProgressLine


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Seconds:
    """A clock the test moves."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_on_a_terminal_one_line_is_rewritten() -> None:
    out = Terminal()
    line = ProgressLine(out)
    for done in range(1, 4):
        line.show(f"importing… {done} rows")
    line.end()
    assert out.getvalue() == (
        "\rimporting… 1 rows\033[K\rimporting… 2 rows\033[K\rimporting… 3 rows\033[K\n"
    )


def test_into_a_pipe_at_most_one_line_every_few_seconds() -> None:
    out = io.StringIO()
    clock = Seconds()
    line = ProgressLine(out, clock=clock)
    for done in range(1, 2001):  # 2,000 reports over 20 seconds
        clock.now = done / 100
        line.show(f"seeding… {done:,}")
    line.end()
    lines = out.getvalue().splitlines()
    assert len(lines) == 20 / PIPE_INTERVAL_S
    assert lines[0] == f"seeding… {int(PIPE_INTERVAL_S * 100):,}"
    assert "\r" not in out.getvalue()


def test_a_quick_piece_of_work_prints_nothing_into_a_pipe() -> None:
    out = io.StringIO()
    line = ProgressLine(out, clock=Seconds())
    for done in range(100):
        line.show(f"{done}")
    line.end()
    assert out.getvalue() == ""


def test_nothing_when_disabled_even_on_a_terminal() -> None:
    out = Terminal()
    line = ProgressLine(out, enabled=False)
    line.show("exporting… 1 of 2")
    line.end()
    assert out.getvalue() == ""


def test_the_command_line_into_a_pipe_writes_few_progress_lines(tmp_path: Path) -> None:
    started = time.monotonic()
    command = ["-m", "talentdesk", "--data-dir", str(tmp_path / "d"), "seed", "--demo", "400"]
    result = subprocess.run(  # stderr into a pipe, not a terminal
        [sys.executable, *command],
        capture_output=True,
        text=True,
        timeout=300,
        env=os.environ.copy(),
    )
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    assert "\r" not in result.stderr
    progress = [line for line in result.stderr.splitlines() if line.startswith("seeding…")]
    assert len(progress) <= elapsed / PIPE_INTERVAL_S
    assert result.stdout.startswith("added 400 candidates")
