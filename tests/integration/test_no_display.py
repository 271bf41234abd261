"""Opening the window where there is no display, every way a user can ask for it: the friendly
explanation and exit 1, never Qt's abort (exit 134) blaming a missing xcb library."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from talentdesk.display import no_display_message

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
FRIENDLY = "needs a graphical session"


def _headless_env() -> dict[str, str]:
    gone = {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "TALENTDESK_PROG"}
    return {key: value for key, value in os.environ.items() if key not in gone}


WAYS = {
    "launch": [str(ROOT / "scripts" / "launch")],
    "launch --data-dir": [str(ROOT / "scripts" / "launch"), "--data-dir", "{data}"],
    "launch -v --data-dir": [str(ROOT / "scripts" / "launch"), "-v", "--data-dir", "{data}"],
    "console script": [str(BIN / "talentdesk"), "--data-dir", "{data}"],
    "gui script": [str(BIN / "talentdesk-gui")],
    "python -m": [sys.executable, "-m", "talentdesk", "--data-dir", "{data}"],
    "python -m --in-tray": [sys.executable, "-m", "talentdesk", "--in-tray"],
}


@pytest.mark.parametrize("way", WAYS.values(), ids=WAYS.keys())
def test_every_way_of_opening_the_window_without_a_display_explains_itself(
    way: list[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    env = _headless_env()
    env["HOME"] = str(tmp_path)  # the console scripts' default data folder stays in here
    command = [part.replace("{data}", str(data)) for part in way]

    result = subprocess.run(
        command, capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path
    )

    assert result.returncode == 1, result.stderr
    assert FRIENDLY in result.stderr
    assert "xcb" not in result.stderr
    assert "xvfb-run -a" in result.stderr
    assert result.stdout == ""


def test_the_advice_names_the_command_as_typed() -> None:
    message = no_display_message({"TALENTDESK_PROG": "scripts/launch"}, ["--data-dir", "my dir"])

    assert message is not None
    assert "xvfb-run -a scripts/launch --data-dir 'my dir'" in message
    assert "scripts/launch info" in message


@pytest.mark.parametrize(
    ("env", "platform"),
    [
        ({"DISPLAY": ":0"}, "linux"),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux"),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux"),  # draws nowhere: needs no display
        ({"QT_QPA_PLATFORM": "vnc:size=800x600"}, "linux"),
        ({}, "win32"),
        ({}, "darwin"),
    ],
)
def test_a_window_that_can_open_is_let_through(env: dict[str, str], platform: str) -> None:
    assert no_display_message(env, [], platform=platform) is None


@pytest.mark.parametrize("requested", ["", "xcb", "wayland;xcb", "xcb:nograb"])
def test_a_platform_that_draws_on_a_display_needs_one(requested: str) -> None:
    assert no_display_message({"QT_QPA_PLATFORM": requested}, [], platform="linux") is not None
