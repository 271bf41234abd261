"""A second start on the same data folder raises the running window instead of opening twice."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.integration.conftest import run_cli


def _wait_for_log(log: Path, text: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and text in log.read_text(encoding="utf-8"):
            return
        time.sleep(0.1)
    content = log.read_text(encoding="utf-8") if log.exists() else "(no log)"
    pytest.fail(f"{text!r} not logged within {timeout} s:\n{content}")


def _start(data_dir: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    """The window, as `talentdesk --data-dir DIR` starts it."""
    args = [sys.executable, "-m", "talentdesk", "--data-dir", str(data_dir)]
    return subprocess.Popen(
        args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_second_start_raises_the_first_and_exits(data_dir: Path) -> None:
    env = {**os.environ}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    first = _start(data_dir, env)
    log = data_dir / "logs" / "talentdesk.log"
    try:
        _wait_for_log(log, "window shown for")
        second = run_cli("--data-dir", str(data_dir), env=env)
        assert second.returncode == 0, second.stderr
        assert "already running" in second.stdout
        _wait_for_log(log, "asked this instance to come to the front")
        assert first.poll() is None  # the first one is still running
        # The second never opened the database: one "window shown" line only.
        assert log.read_text(encoding="utf-8").count("window shown for") == 1
    finally:
        first.terminate()
        first.wait(timeout=30)
    # A lock left behind by a process that is gone does not block the next start.
    again = _start(data_dir, env)
    try:
        deadline = time.monotonic() + 30
        while log.read_text(encoding="utf-8").count("window shown for") < 2:
            assert again.poll() is None, again.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.1)
    finally:
        again.terminate()
        again.wait(timeout=30)


def test_a_command_line_restore_waits_for_the_window_to_close(
    data_dir: Path, tmp_path: Path
) -> None:
    env = {**os.environ}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    csv = tmp_path / "people.csv"
    csv.write_text("First Name,Last Name\nAnna,Nowak\n")
    assert run_cli("--data-dir", str(data_dir), "import", str(csv)).returncode == 0
    backup = next((data_dir / "backups").glob("*-before-import.sqlite3"))
    window = _start(data_dir, env)
    log = data_dir / "logs" / "talentdesk.log"
    try:
        _wait_for_log(log, "window shown for")
        refused = run_cli("--data-dir", str(data_dir), "restore", str(backup), "--yes")
        assert refused.returncode == 2
        assert refused.stderr.startswith(f"error: Another TalentDesk has {data_dir} open.")
    finally:
        window.terminate()
        window.wait(timeout=30)
    restored = run_cli("--data-dir", str(data_dir), "restore", str(backup), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert "Restored 0 candidates" in restored.stdout
