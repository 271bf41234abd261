"""scripts/bootstrap.sh, as a new user's machine meets it: which Debian packages each command
installs, that apt runs only for what is really missing and waits for apt's lock, and what an
old python3 is told. The script runs from a copy of the checkout on a PATH whose python, dpkg,
apt-get and sudo are stand-ins that record what they are asked (nothing is installed)."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUN_ONLY = {"gnome-keyring", "dbus", "libxcb-cursor0", "libgl1", "python3"}
TEST_TOOLS = {
    "xvfb",
    "xauth",
    "trayer",
    "imagemagick",
    "appstream",
    "desktop-file-utils",
    "dovecot-imapd",
    "postgresql",
    "postgresql-contrib",
}
FAKED = ("dpkg-query", "apt-get", "sudo")

PYTHON = """#!/bin/sh
# Stands in for Python {version}, answering what scripts/bootstrap.sh asks of an interpreter.
echo "$0 $*" >>"$FAKE_LOG"
if [ "$1" = -c ]; then
    case "$2" in
        *version_info*) echo {version}; exit {too_old} ;;
        *ensurepip*) exit {no_ensurepip} ;;
        *) exit 0 ;;
    esac
fi
if [ "$1" = -m ] && [ "$2" = venv ]; then
    for folder in "$@"; do :; done
    mkdir -p "$folder/bin" && cp "$0" "$folder/bin/python"
fi
exit 0
"""
DPKG_QUERY = """#!/bin/sh
# dpkg-query -W -f=FORMAT NAME...: "NAME STATE" for each name in $FAKE_DPKG_STATUS.
found=0
for name in "$@"; do
    case "$name" in -*) continue ;; esac
    if grep -q "^$name " "$FAKE_DPKG_STATUS"; then
        grep "^$name " "$FAKE_DPKG_STATUS"
    else
        echo "dpkg-query: no packages found matching $name" >&2
        found=1
    fi
done
exit $found
"""
APT_GET = """#!/bin/sh
echo "$*" >>"$FAKE_APT_LOG"
exit "${FAKE_APT_EXIT:-0}"
"""
SUDO = """#!/bin/sh
[ "$1" = -n ] && shift
exec "$@"
"""


@pytest.fixture(scope="module")
def farm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every command on PATH except Python and the Debian tools the tests stand in for."""
    folder = tmp_path_factory.mktemp("farm")
    for directory in os.environ["PATH"].split(os.pathsep):
        if not Path(directory).is_dir():
            continue
        for command in Path(directory).iterdir():
            target = folder / command.name
            if command.name.startswith("python") or command.name in FAKED:
                continue
            if not (target.exists() or target.is_symlink()):
                target.symlink_to(command)
    return folder


@dataclass
class Machine:
    repo: Path
    bin: Path
    env: dict[str, str]

    def python(self, name: str, version: str, *, ensurepip: bool = True) -> None:
        too_old = int(tuple(map(int, version.split("."))) < (3, 11))
        script = PYTHON.format(version=version, too_old=too_old, no_ensurepip=int(not ensurepip))
        _executable(self.bin / name, script)

    def dpkg(self, states: dict[str, str]) -> None:
        """Package states as dpkg names them; a package left out is unknown to dpkg."""
        lines = [f"{name} {state}\n" for name, state in states.items()]
        Path(self.env["FAKE_DPKG_STATUS"]).write_text("".join(lines))

    def bootstrap(
        self, *args: str, script: str = "bootstrap.sh"
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.repo / "scripts" / script), *args],
            capture_output=True,
            text=True,
            timeout=120,
            env=self.env,
            cwd=self.repo,
        )

    def apt_calls(self) -> list[list[str]]:
        log = Path(self.env["FAKE_APT_LOG"])
        return [line.split() for line in log.read_text().splitlines()] if log.exists() else []

    def apt_installed(self) -> list[str]:
        installs = [call for call in self.apt_calls() if "install" in call]
        assert len(installs) <= 1, installs
        return installs[0][installs[0].index("--no-install-recommends") + 1 :] if installs else []

    def pip_installs(self) -> list[str]:
        lines = Path(self.env["FAKE_LOG"]).read_text().splitlines()
        return [line.split(" install ", 1)[1] for line in lines if " install -e " in line]


def _executable(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(0o755)


@pytest.fixture
def machine(tmp_path: Path, farm: Path) -> Machine:
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    for script in ("bootstrap.sh", "launch"):
        shutil.copy2(ROOT / "scripts" / script, repo / "scripts" / script)
    (repo / "pyproject.toml").write_text('[project]\nname = "talentdesk"\n')
    fakes = tmp_path / "bin"
    fakes.mkdir()
    for name, script in (("dpkg-query", DPKG_QUERY), ("apt-get", APT_GET), ("sudo", SUDO)):
        _executable(fakes / name, script)
    env = {
        "PATH": f"{fakes}{os.pathsep}{farm}",
        "HOME": str(tmp_path),
        "TMPDIR": str(tmp_path),
        "FAKE_LOG": str(tmp_path / "python.log"),
        "FAKE_APT_LOG": str(tmp_path / "apt.log"),
        "FAKE_DPKG_STATUS": str(tmp_path / "dpkg-status"),
    }
    (tmp_path / "python.log").write_text("")
    (tmp_path / "dpkg-status").write_text("")
    return Machine(repo, fakes, env)


def test_the_run_mode_installs_what_the_app_needs_and_no_test_tools(machine: Machine) -> None:
    machine.python("python3", "3.11")

    result = machine.bootstrap("run")

    assert result.returncode == 0, result.stderr
    installed = set(machine.apt_installed())
    assert installed >= RUN_ONLY
    assert not installed & TEST_TOOLS
    assert machine.pip_installs() == ["-e ."]


def test_the_launch_command_sets_up_the_run_mode(machine: Machine) -> None:
    machine.python("python3", "3.11")

    result = machine.bootstrap("info", script="launch")

    assert result.returncode == 0, result.stderr
    assert not set(machine.apt_installed()) & TEST_TOOLS
    assert machine.pip_installs() == ["-e ."]
    assert "-m talentdesk info" in Path(machine.env["FAKE_LOG"]).read_text()


def test_the_test_mode_adds_the_test_tools_and_the_dev_extras(machine: Machine) -> None:
    machine.python("python3", "3.11")

    result = machine.bootstrap("test")

    assert result.returncode == 0, result.stderr
    assert set(machine.apt_installed()) >= RUN_ONLY | TEST_TOOLS
    assert machine.pip_installs() == ["-e .[dev]"]


def _listed(mode: str) -> list[str]:
    """The packages `bootstrap.sh --list MODE` names (this machine's Python can make venvs)."""
    result = subprocess.run(
        [str(ROOT / "scripts" / "bootstrap.sh"), "--list", mode],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout.split()


def test_the_list_names_each_modes_packages() -> None:
    assert set(_listed("run")) >= RUN_ONLY
    assert not set(_listed("run")) & TEST_TOOLS
    assert set(_listed("test")) >= set(_listed("run")) | TEST_TOOLS


def test_apt_waits_for_the_lock(machine: Machine) -> None:
    machine.python("python3", "3.11")

    machine.bootstrap("run")

    calls = machine.apt_calls()
    assert [call[call.index("-o") + 2] for call in calls] == ["update", "install"]
    assert all(call[call.index("-o") + 1] == "DPkg::Lock::Timeout=600" for call in calls)


def test_apt_gets_only_the_packages_really_missing(machine: Machine) -> None:
    machine.python("python3", "3.11")
    states = dict.fromkeys(_listed("test"), "installed")
    del states["libglib2.0-0"]
    states["libglib2.0-0t64"] = "installed"  # as newer releases name it
    states["libxcb-cursor0"] = "not-installed"
    states["trayer"] = "config-files"  # removed, its settings kept
    del states["xauth"]  # never installed: dpkg does not know it
    states["libxi6"] = "half-installed"
    states["xvfb"] = "half-configured"
    states["dbus"] = "triggers-pending"  # installed, a trigger still to run
    machine.dpkg(states)

    result = machine.bootstrap("test")

    assert result.returncode == 0, result.stderr
    assert machine.apt_installed() == ["libxcb-cursor0", "xauth", "trayer"]
    # A half-done package is left to dpkg, with the command that finishes it.
    assert "libxi6 is half-installed" in result.stderr
    assert "xvfb is half-configured" in result.stderr
    assert "sudo dpkg --configure -a" in result.stderr


def test_a_half_installed_package_does_not_make_every_run_call_apt(machine: Machine) -> None:
    machine.python("python3", "3.11")
    machine.dpkg({**dict.fromkeys(_listed("test"), "installed"), "trayer": "half-installed"})

    for _ in range(2):
        result = machine.bootstrap("test")
        assert result.returncode == 0, result.stderr

    assert machine.apt_calls() == []


def test_an_old_python3_stops_with_the_packages_to_install(machine: Machine) -> None:
    machine.python("python3", "3.10")

    result = machine.bootstrap("run")

    assert result.returncode == 1
    assert "needs Python 3.11 or newer; python3 here is Python 3.10" in result.stderr
    assert "install python3.11 and python3.11-venv" in result.stderr
    assert "sudo apt-get update && sudo apt-get install -y python3.11 python3.11-venv" in (
        result.stderr
    )
    assert not (machine.repo / ".venv").exists()


def test_the_venv_package_is_the_chosen_interpreters(machine: Machine) -> None:
    # python3 is too old, so python3.12 is chosen; as on Debian, its ensurepip is missing.
    machine.python("python3", "3.10")
    machine.python("python3.12", "3.12", ensurepip=False)
    machine.env["FAKE_APT_EXIT"] = "1"  # the install fails, so the package stays missing

    result = machine.bootstrap("run")

    assert "python3.12-venv" in machine.apt_installed()
    assert "python3-venv" not in machine.apt_installed()
    assert result.returncode == 1
    assert "python3.12-venv is required to create the virtual environment" in result.stderr
    assert "sudo apt-get install -y python3.12-venv" in result.stderr


def test_an_interpreter_that_can_make_venvs_needs_no_venv_package(machine: Machine) -> None:
    machine.python("python3", "3.12")  # as pyenv's or python.org's: ensurepip built in

    result = machine.bootstrap("run")

    assert result.returncode == 0, result.stderr
    assert not any(name.endswith("-venv") for name in machine.apt_installed())
    assert (machine.repo / ".venv" / "bin" / "python").exists()


def test_without_root_or_sudo_the_exact_apt_command_is_printed(machine: Machine) -> None:
    machine.python("python3", "3.11")
    _executable(machine.bin / "id", '#!/bin/sh\n[ "$1" = -u ] && echo 1000 || echo ann\n')
    (machine.bin / "sudo").unlink()
    machine.dpkg({**dict.fromkeys(_listed("run"), "installed"), "libxcb-cursor0": "config-files"})

    result = machine.bootstrap("run")

    assert result.returncode == 0, result.stderr
    assert machine.apt_calls() == []
    assert (
        "sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y "
        "--no-install-recommends libxcb-cursor0\n"
    ) in result.stderr
