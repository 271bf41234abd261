"""Start at login: the XDG autostart entry for real, and the macOS LaunchAgent file.

The Windows registry path cannot run here; it is only type-checked.
"""

from __future__ import annotations

import configparser
import plistlib
import shutil
import subprocess

import pytest

from talentdesk.core.reminders import autostart
from talentdesk.core.reminders.autostart import disable, enable, exec_line, is_enabled

COMMAND = ["/usr/bin/python3", "-m", "talentdesk", "--minimized"]


def read_entry(path):
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keep the keys' case
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def test_linux_entry_in_xdg_config_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    entry = tmp_path / "config" / "autostart" / "talentdesk.desktop"
    assert not is_enabled(platform="linux")

    enable(COMMAND, platform="linux")

    assert is_enabled(platform="linux")
    assert read_entry(entry) == {
        "Type": "Application",
        "Name": "TalentDesk",
        "Comment": "Recruitment follow-ups and reminders",
        "Exec": "/usr/bin/python3 -m talentdesk --minimized",
        "Icon": "com.talentdesk.TalentDesk",
        "Terminal": "false",
        "X-GNOME-Autostart-enabled": "true",
    }
    assert [p.name for p in entry.parent.iterdir()] == ["talentdesk.desktop"]  # no temp left

    disable(platform="linux")
    assert not entry.exists()
    assert not is_enabled(platform="linux")
    disable(platform="linux")  # already off: nothing to do


def test_linux_default_folder_when_xdg_config_home_is_unset_or_relative(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_CONFIG_HOME")
    enable(COMMAND, platform="linux")
    default = tmp_path / "home" / ".config" / "autostart" / "talentdesk.desktop"
    assert default.is_file()
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/config")
    assert is_enabled(platform="linux")
    disable(platform="linux")
    assert not default.exists()


def test_enable_replaces_the_earlier_command(tmp_path):
    enable(["/old/talentdesk"], platform="linux", folder=tmp_path)
    enable(["/new/talentdesk", "--minimized"], platform="linux", folder=tmp_path)
    assert read_entry(tmp_path / "talentdesk.desktop")["Exec"] == "/new/talentdesk --minimized"


def test_entry_turned_off_by_the_desktop_counts_as_disabled(tmp_path):
    enable(COMMAND, platform="linux", folder=tmp_path)
    path = tmp_path / "talentdesk.desktop"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("Autostart-enabled=true", "Autostart-enabled=false"), encoding="utf-8"
    )
    assert not is_enabled(platform="linux", folder=tmp_path)
    path.write_text(text + "Hidden=true\n", encoding="utf-8")
    assert not is_enabled(platform="linux", folder=tmp_path)
    path.write_text("not an ini file", encoding="utf-8")
    assert not is_enabled(platform="linux", folder=tmp_path)


def test_exec_quoting_follows_the_desktop_entry_spec():
    command = [
        "/opt/Talent Desk/bin/talentdesk",
        "--minimized",
        "100%",
        'say "hi" $HOME \\ `x`',
        "",
        "a\nb",
    ]
    assert exec_line(command) == (
        '"/opt/Talent Desk/bin/talentdesk" --minimized 100%% '
        '"say \\\\"hi\\\\" \\\\$HOME \\\\\\\\ \\\\`x\\\\`" "" "a\\nb"'
    )


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_entry_passes_desktop_file_validate(tmp_path):
    enable(
        ["/opt/Talent Desk/bin/talentdesk", "--minimized", "50% $x"],
        platform="linux",
        folder=tmp_path,
    )
    result = subprocess.run(
        ["desktop-file-validate", str(tmp_path / "talentdesk.desktop")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_macos_launch_agent(tmp_path):
    agent = tmp_path / "com.talentdesk.TalentDesk.plist"
    assert not is_enabled(platform="darwin", folder=tmp_path)

    enable(COMMAND, platform="darwin", folder=tmp_path)

    assert plistlib.loads(agent.read_bytes()) == {
        "Label": "com.talentdesk.TalentDesk",
        "ProgramArguments": COMMAND,
        "RunAtLoad": True,
    }
    assert is_enabled(platform="darwin", folder=tmp_path)
    agent.write_bytes(plistlib.dumps({**plistlib.loads(agent.read_bytes()), "Disabled": True}))
    assert not is_enabled(platform="darwin", folder=tmp_path)

    disable(platform="darwin", folder=tmp_path)
    assert not agent.exists()
    assert not is_enabled(platform="darwin", folder=tmp_path)


def test_macos_default_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    enable(COMMAND, platform="darwin")
    assert (tmp_path / "Library" / "LaunchAgents" / "com.talentdesk.TalentDesk.plist").is_file()


def test_platform_defaults_to_this_one(tmp_path, monkeypatch):
    monkeypatch.setattr(autostart.sys, "platform", "linux")
    enable(COMMAND, folder=tmp_path)
    assert is_enabled(folder=tmp_path)
    assert (tmp_path / "talentdesk.desktop").is_file()


def test_windows_backend_refuses_to_run_elsewhere():
    with pytest.raises(OSError, match="only on Windows"):
        enable(COMMAND, platform="win32")


def test_empty_command_is_refused(tmp_path):
    with pytest.raises(ValueError, match="empty"):
        enable([], platform="linux", folder=tmp_path)
