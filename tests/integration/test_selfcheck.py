"""`talentdesk --self-check` from source: every step passes, headless, and leaves no trace."""

from __future__ import annotations

import os
from pathlib import Path

from tests.integration.conftest import run_cli

STEPS = (
    "database",
    "csv import",
    "reminders",
    "mail template",
    "duplicates",
    "keyring",
    "team database driver",
    "qt plugins",
    "icons",
    "main window",
)


def test_self_check_passes_from_source(tmp_path: Path) -> None:
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    env.pop("QT_QPA_PLATFORM", None)  # it must choose offscreen by itself
    result = run_cli("--self-check", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(":")[1].strip() for line in lines if line.startswith("ok:")] == list(STEPS)
    assert lines[-1] == "self-check passed"
    assert "running on offscreen" in result.stdout
    assert list(tmp_path.iterdir()) == []  # the temporary data folder is gone
    assert not (tmp_path.parent / "env-data").exists()  # the user's data folder is untouched


def test_a_missing_platform_plugin_fails_the_check(tmp_path: Path) -> None:
    # Qt aborts the process itself here; what matters is a non-zero exit after the steps
    # that do not need Qt passed.
    env = {**os.environ, "TMPDIR": str(tmp_path), "QT_QPA_PLATFORM": "no-such-platform"}
    result = run_cli("--self-check", env=env)
    assert result.returncode != 0
    assert "ok: keyring" in result.stdout
    assert "self-check passed" not in result.stdout
    assert "no-such-platform" in result.stderr
