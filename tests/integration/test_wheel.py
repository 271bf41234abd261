"""The wheel carries what the app needs at run time: built from this checkout, installed into a
fresh virtual environment (never the checkout's .venv), its `talentdesk --self-check` passes and
finds the icons inside the installed package.

No network: the wheel is built without build isolation by the setuptools the dev extras put in
this .venv, and installed with `--no-index --no-deps`; the fresh environment reaches the
dependencies through a .pth line naming this .venv's site-packages. A path line makes no site
directory, so the .pth files there (the editable install's import hook, which would bring in
the checkout) are not run and `talentdesk` can only come from the wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.integration.test_selfcheck import STEPS

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
APP_ID = PYPROJECT["tool"]["talentdesk"]["bundle-id"]
pytestmark = pytest.mark.slow


def _pip(python: Path | str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(python), "-m", "pip", "--disable-pip-version-check", "--no-input", *args],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=cwd,
        # An index a pip.conf or the environment names must not be consulted either.
        env={**os.environ, "PYTHONWARNINGS": "ignore", "PIP_NO_INDEX": "1"},
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Built from a copy of what the wheel is made of, so the build leaves nothing in the
    # checkout (setuptools writes build/ and an egg-info beside the sources).
    sources = tmp_path_factory.mktemp("sources")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, sources / name)
    shutil.copytree(
        ROOT / "talentdesk", sources / "talentdesk", ignore=shutil.ignore_patterns("__pycache__")
    )
    out = tmp_path_factory.mktemp("wheel")
    built = _pip(
        sys.executable,
        *("wheel", "--no-build-isolation", "--no-deps", "--wheel-dir", str(out), "."),
        cwd=sources,
    )
    assert built.returncode == 0, f"building the wheel failed:\n{built.stderr[-4000:]}"
    (found,) = out.glob("talentdesk-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel alone; its dependencies are this .venv's."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=300
    )
    fresh = Path(sysconfig.get_path("purelib", vars={"base": str(venv), "platbase": str(venv)}))
    (fresh / "talentdesk-test-dependencies.pth").write_text(
        sysconfig.get_path("purelib") + "\n", encoding="utf-8"
    )
    result = _pip(
        sys.executable,
        *("--python", str(venv / "bin" / "python"), "install", "--no-deps", str(wheel)),
        cwd=venv,
    )
    assert result.returncode == 0, f"pip install of the wheel failed:\n{result.stderr[-4000:]}"
    return venv


def test_the_wheel_holds_the_icons_desktop_entry_and_metainfo(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    sources = ROOT / "talentdesk" / "resources"
    expected = {
        f"talentdesk/resources/{path.relative_to(sources).as_posix()}"
        for path in sources.rglob("*")
        if path.is_file()
    }
    assert f"talentdesk/resources/linux/{APP_ID}.desktop" in expected
    assert f"talentdesk/resources/linux/{APP_ID}.metainfo.xml" in expected
    assert "talentdesk/resources/icons/talentdesk-16.png" in expected
    assert expected <= names, sorted(expected - names)


def test_the_installed_wheel_passes_its_self_check(installed: Path, tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "TALENTDESK_DATA_DIR"}
    # Away from the checkout, so nothing can be imported from it.
    result = subprocess.run(
        [str(installed / "bin" / "talentdesk"), "--self-check"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        env={**env, "TMPDIR": str(tmp_path)},
    )

    assert result.returncode == 0, result.stdout + result.stderr
    ok = [
        line.split(":")[1].strip() for line in result.stdout.splitlines() if line.startswith("ok:")
    ]
    assert ok == list(STEPS)
    site = next((installed / "lib").glob("python3.*")) / "site-packages"
    assert f"from {site.resolve() / 'talentdesk' / 'resources'}" in result.stdout


def test_the_installed_wheel_reports_its_version(installed: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [str(installed / "bin" / "talentdesk"), "--version"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert (
        result.stdout + result.stderr
    ).strip() == f"TalentDesk {PYPROJECT['project']['version']}"
