"""Helpers for tests that run TalentDesk as a separate process, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "talentdesk", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env if env is not None else os.environ.copy(),
    )


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"
