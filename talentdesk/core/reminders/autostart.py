"""The "Start TalentDesk when I log in" setting: one login entry per platform.

- Linux and other freedesktop systems: an XDG autostart entry, `talentdesk.desktop` in
  `$XDG_CONFIG_HOME/autostart` (Desktop Application Autostart Specification). Tested for real.
- macOS: a LaunchAgent, `com.talentdesk.TalentDesk.plist` in `~/Library/LaunchAgents`, which launchd
  loads at the next login (launchd.plist(5)). Its file is tested on any system.
- Windows: a value in `HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run`. Written from
  Microsoft's documentation of the Run key and `winreg`; only type-checked (mypy --platform
  win32), never run by the test suite.

`command` is the full argument list to start, program first; flags such as starting in the tray
are the caller's choice. `platform` defaults to `sys.platform`; `folder` replaces the folder the
entry is written to (ignored on Windows), for tests.
"""

from __future__ import annotations

import configparser
import os
import plistlib
import subprocess
import sys
from contextlib import suppress
from pathlib import Path

from talentdesk import APP_ID, APP_NAME

DESKTOP_FILE = "talentdesk.desktop"
LAUNCH_AGENT_LABEL = APP_ID
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
# Characters that make an Exec argument need quotes (Desktop Entry Specification, "The Exec key").
_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
_EXEC_ESCAPED_IN_QUOTES = '"`$\\'


def enable(command: list[str], *, platform: str | None = None, folder: Path | None = None) -> None:
    """Start `command` at every login from now on (replacing an earlier entry)."""
    if not command:
        raise ValueError("The command to start at login is empty.")
    platform = platform or sys.platform
    if platform == "win32":
        _windows_enable(command)
    elif platform == "darwin":
        plist = {"Label": LAUNCH_AGENT_LABEL, "ProgramArguments": command, "RunAtLoad": True}
        _write_atomically(_launch_agent(folder), plistlib.dumps(plist))
    else:
        _write_atomically(_desktop_file(folder), desktop_entry(command).encode("utf-8"))


def disable(*, platform: str | None = None, folder: Path | None = None) -> None:
    """Stop starting at login; nothing happens when it was not enabled."""
    platform = platform or sys.platform
    if platform == "win32":
        _windows_disable()
    elif platform == "darwin":
        _launch_agent(folder).unlink(missing_ok=True)
    else:
        _desktop_file(folder).unlink(missing_ok=True)


def is_enabled(*, platform: str | None = None, folder: Path | None = None) -> bool:
    """Whether TalentDesk starts at login, including when the desktop's own settings turned
    the entry off (GNOME's switch, `Hidden`, launchd's `Disabled`)."""
    platform = platform or sys.platform
    if platform == "win32":
        return _windows_is_enabled()
    if platform == "darwin":
        try:
            plist = plistlib.loads(_launch_agent(folder).read_bytes())
        except (OSError, plistlib.InvalidFileException):
            return False
        return bool(plist.get("RunAtLoad")) and not plist.get("Disabled", False)
    entry = configparser.ConfigParser(interpolation=None)
    try:
        entry.read(_desktop_file(folder), encoding="utf-8")
    except configparser.Error:
        return False
    if not entry.has_section("Desktop Entry"):
        return False
    section = entry["Desktop Entry"]
    return (
        section.get("Hidden", "false") != "true"
        and section.get("X-GNOME-Autostart-enabled", "true") != "false"
    )


def desktop_entry(command: list[str]) -> str:
    """The autostart `.desktop` file that runs `command`."""
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={APP_NAME}\n"
        "Comment=Recruitment follow-ups and reminders\n"
        f"Exec={exec_line(command)}\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def exec_line(command: list[str]) -> str:
    """`command` as the value of an Exec key.

    Arguments with reserved characters are double-quoted with `"`, `` ` ``, `$` and `\\`
    backslash-escaped inside; `%` is doubled so it is not read as a field code. The key's value
    is then escaped as a string value (`\\` → `\\\\`, newline → `\\n`), which is why a literal
    backslash in a quoted argument ends up as four backslashes, as the specification says.
    """
    quoted = []
    for argument in command:
        if argument and not _EXEC_RESERVED & set(argument):
            quoted.append(argument.replace("%", "%%"))
            continue
        inner = "".join("\\" + c if c in _EXEC_ESCAPED_IN_QUOTES else c for c in argument)
        quoted.append('"' + inner.replace("%", "%%") + '"')
    line = " ".join(quoted)
    return line.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def _desktop_file(folder: Path | None) -> Path:
    if folder is None:
        # The XDG Base Directory spec ignores an unset, empty or relative XDG_CONFIG_HOME.
        config = Path(os.environ.get("XDG_CONFIG_HOME", ""))
        folder = (config if config.is_absolute() else Path.home() / ".config") / "autostart"
    return folder / DESKTOP_FILE


def _launch_agent(folder: Path | None) -> Path:
    return (folder or Path.home() / "Library" / "LaunchAgents") / f"{LAUNCH_AGENT_LABEL}.plist"


def _write_atomically(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.part")
    try:
        temp.write_bytes(content)
        temp.replace(path)
    except OSError:
        temp.unlink(missing_ok=True)
        raise


# The Windows functions return early elsewhere so that type checkers skip them off Windows
# and check them with --platform win32, where typeshed declares `winreg`.


def _windows_enable(command: list[str]) -> None:
    if sys.platform != "win32":
        raise OSError("The Run key exists only on Windows.")
    import winreg

    # list2cmdline quotes the way the Microsoft C runtime splits a command line.
    with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
        winreg.SetValueEx(key, APP_NAME, 0, winreg.REG_SZ, subprocess.list2cmdline(command))


def _windows_disable() -> None:
    if sys.platform != "win32":
        raise OSError("The Run key exists only on Windows.")
    import winreg

    with (
        suppress(FileNotFoundError),
        winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key,
    ):
        winreg.DeleteValue(key, APP_NAME)


def _windows_is_enabled() -> bool:
    if sys.platform != "win32":
        raise OSError("The Run key exists only on Windows.")
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_QUERY_VALUE) as key:
            winreg.QueryValueEx(key, APP_NAME)
    except FileNotFoundError:
        return False
    return True
