"""The wheel carries what the app needs at run time: built from this checkout, installed with its
dependencies into a fresh virtual environment (never the checkout's .venv), its `talentdesk
--self-check` passes and finds the icons inside the installed package.

Installing the dependencies needs the package index (pip's cache makes repeat runs quick).
Where it cannot be reached the test is skipped, except in CI (CI=true), where it fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.integration.test_selfcheck import STEPS

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
APP_ID = PYPROJECT["tool"]["talentdesk"]["bundle-id"]
pytestmark = pytest.mark.slow


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _pip(python: Path | str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(python), "-m", "pip", "--disable-pip-version-check", *args],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=cwd,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )


def _skip_or_fail(message: str) -> None:
    if _in_ci():
        pytest.fail(message)
    pytest.skip(message)


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
    built = _pip(sys.executable, "wheel", "--no-deps", "--wheel-dir", str(out), ".", cwd=sources)
    if built.returncode != 0:
        _skip_or_fail(f"building the wheel failed:\n{built.stderr[-4000:]}")
    (found,) = out.glob("talentdesk-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel and the dependencies its metadata names."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    result = _pip(venv / "bin" / "python", "install", str(wheel), cwd=venv)
    if result.returncode != 0:
        _skip_or_fail(f"pip install of the wheel failed:\n{result.stderr[-4000:]}")
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
