"""The Linux desktop integration (packaging/linux, with the desktop entry, metainfo and icons in
talentdesk/resources) and the app icon files, as a user gets them: install.sh and uninstall.sh
run against a fake bundle with HOME and XDG_DATA_HOME in tmp dirs."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from talentdesk.core.reminders.autostart import exec_line
from talentdesk.paths import resolve_paths

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
RESOURCES = ROOT / "talentdesk" / "resources"
ICONS = RESOURCES / "icons"
DESKTOP_FILES = RESOURCES / "linux"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# One id for the bundle (macOS), the desktop entry, the icon and the metainfo.
APP_ID = PYPROJECT["tool"]["talentdesk"]["bundle-id"]
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk, which always comes first."""
    assert data[:8] == PNG_MAGIC and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def run(script: str, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINUX / script), *args], capture_output=True, text=True, timeout=60, env=env
    )


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    # Awkward characters in HOME check the Exec quoting; XDG_DATA_HOME apart from HOME checks
    # that it is honoured.
    home = tmp_path / 'home dir $"%'
    home.mkdir()
    return {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(tmp_path / "xdg-data")}


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    folder = tmp_path / "dist" / "TalentDesk"
    (folder / "_internal").mkdir(parents=True)
    executable = folder / "TalentDesk"
    executable.write_text("#!/bin/sh\necho TalentDesk\n")
    executable.chmod(0o755)
    (folder / "_internal" / "base_library.zip").write_bytes(b"first build")
    return folder


def app_root(env: dict[str, str]) -> Path:
    return Path(env["HOME"]) / ".local" / "opt" / "TalentDesk"


def data_home(env: dict[str, str]) -> Path:
    return Path(env["XDG_DATA_HOME"])


def manifest_paths(env: dict[str, str]) -> list[Path]:
    lines = (app_root(env) / "install-manifest.txt").read_text().splitlines()
    return [Path(line) for line in lines if line and not line.startswith("#")]


def desktop_entry(path: Path) -> dict[str, str]:
    lines = path.read_text().splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line and not line.startswith("#"))


def install(bundle: Path, env: dict[str, str]) -> None:
    result = run("install.sh", str(bundle), env=env)
    assert result.returncode == 0, result.stderr


def test_install_puts_the_bundle_menu_entry_icons_and_metainfo_in_the_users_folders(
    bundle: Path, env: dict[str, str]
) -> None:
    install(bundle, env)

    executable = app_root(env) / "app" / "TalentDesk"
    assert os.access(executable, os.X_OK)
    assert (app_root(env) / "app" / "_internal" / "base_library.zip").read_bytes() == b"first build"

    desktop = data_home(env) / "applications" / f"{APP_ID}.desktop"
    entry = desktop_entry(desktop)
    assert entry["Exec"] == exec_line([str(executable)])
    assert entry["TryExec"] == str(executable)
    assert entry["Icon"] == APP_ID

    for size in HICOLOR_SIZES:
        icon = data_home(env) / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert png_size(icon.read_bytes()) == (size, size)
    assert (data_home(env) / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").exists()

    metainfo = data_home(env) / "metainfo" / f"{APP_ID}.metainfo.xml"
    assert metainfo.read_bytes() == (DESKTOP_FILES / f"{APP_ID}.metainfo.xml").read_bytes()

    listed = manifest_paths(env)
    assert {desktop, metainfo} <= set(listed)
    assert all(path.is_absolute() and path.exists() for path in listed)


def test_installing_again_replaces_the_previous_installation(
    bundle: Path, env: dict[str, str]
) -> None:
    install(bundle, env)
    first_manifest = manifest_paths(env)
    (bundle / "_internal" / "base_library.zip").write_bytes(b"second build")
    (bundle / "_internal" / "new.so").write_bytes(b"")

    install(bundle, env)

    assert manifest_paths(env) == first_manifest
    internal = app_root(env) / "app" / "_internal"
    assert sorted(p.name for p in internal.iterdir()) == ["base_library.zip", "new.so"]
    assert (internal / "base_library.zip").read_bytes() == b"second build"
    assert not (app_root(env) / "app.new").exists()


def test_install_refuses_clearly_when_the_bundle_is_missing(
    tmp_path: Path, env: dict[str, str]
) -> None:
    result = run("install.sh", str(tmp_path / "nothing-here"), env=env)

    assert result.returncode != 0
    assert "no TalentDesk bundle" in result.stderr
    assert "packaging/build.sh" in result.stderr
    assert not app_root(env).exists()
    assert not data_home(env).exists()


def test_install_works_without_the_desktop_cache_tools(
    tmp_path: Path, bundle: Path, env: dict[str, str]
) -> None:
    # A PATH with every command except the two optional cache updaters.
    path = tmp_path / "bin"
    path.mkdir()
    for folder in os.environ["PATH"].split(os.pathsep):
        if not Path(folder).is_dir():
            continue
        for command in Path(folder).iterdir():
            target = path / command.name
            if command.name not in {"update-desktop-database", "gtk-update-icon-cache"} and not (
                target.exists() or target.is_symlink()
            ):
                target.symlink_to(command)

    install(bundle, {**env, "PATH": str(path)})

    assert (data_home(env) / "applications" / f"{APP_ID}.desktop").exists()
    assert not (data_home(env) / "icons" / "hicolor" / "icon-theme.cache").exists()


def test_uninstall_removes_exactly_the_installed_files_and_never_the_users_data(
    bundle: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The data folder where the app itself would put it for this environment.
    monkeypatch.delenv("TALENTDESK_DATA_DIR", raising=False)
    for name in ("HOME", "XDG_DATA_HOME"):
        monkeypatch.setenv(name, env[name])
    data = resolve_paths().data_dir
    data.mkdir(parents=True)
    database = data / "talentdesk.db"
    database.write_bytes(b"SQLite format 3\x00 the user's candidates")
    install(bundle, env)
    installed = manifest_paths(env)

    result = run("uninstall.sh", env=env)

    assert result.returncode == 0, result.stderr
    assert not any(path.exists() for path in installed)
    assert not app_root(env).exists()
    assert database.read_bytes() == b"SQLite format 3\x00 the user's candidates"
    assert [p.name for p in data.iterdir()] == ["talentdesk.db"]

    again = run("uninstall.sh", env=env)
    assert again.returncode == 0
    assert "not installed" in again.stdout


def test_uninstall_deletes_nothing_a_manifest_lists_that_is_not_its_own(
    bundle: Path, env: dict[str, str]
) -> None:
    install(bundle, env)
    precious = data_home(env) / "TalentDesk" / "talentdesk.db"
    precious.parent.mkdir(parents=True)
    precious.write_bytes(b"data")
    with (app_root(env) / "install-manifest.txt").open("a") as manifest:
        manifest.write(f"{precious}\n")

    result = run("uninstall.sh", env=env)

    assert result.returncode == 0
    assert precious.read_bytes() == b"data"
    assert "skipping" in result.stderr


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils absent")
def test_the_desktop_entry_validates_as_shipped_and_as_installed(
    bundle: Path, env: dict[str, str]
) -> None:
    install(bundle, env)
    for desktop in (
        DESKTOP_FILES / f"{APP_ID}.desktop",
        data_home(env) / "applications" / f"{APP_ID}.desktop",
    ):
        result = subprocess.run(
            ["desktop-file-validate", str(desktop)], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0 and not result.stdout, result.stdout


def test_the_metainfo_names_the_app_and_the_version_in_pyproject() -> None:
    component = ET.parse(DESKTOP_FILES / f"{APP_ID}.metainfo.xml").getroot()

    assert component.get("type") == "desktop-application"
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == f"{APP_ID}.desktop"
    assert component.findtext("name") == "TalentDesk"
    assert component.find("content_rating") is not None
    versions = [release.get("version") for release in component.iter("release")]
    assert versions[0] == PYPROJECT["project"]["version"]
    assert component.findtext("url[@type='homepage']") == PYPROJECT["project"]["urls"]["Homepage"]
    assert desktop_entry(DESKTOP_FILES / f"{APP_ID}.desktop")["Icon"] == APP_ID


def test_the_metainfo_screenshots_are_the_readmes_at_the_projects_screenshot_url() -> None:
    # AppStream wants web addresses; docs/screenshots is what gets published there.
    published = PYPROJECT["project"]["urls"]["Screenshots"]
    component = ET.parse(DESKTOP_FILES / f"{APP_ID}.metainfo.xml").getroot()
    screenshots = [image.text or "" for image in component.iter("image")]

    assert screenshots
    assert published.startswith("https://") and published.endswith("/")
    for url in screenshots:
        assert url.startswith(published), url
        assert (ROOT / "docs" / "screenshots" / url.removeprefix(published)).is_file(), url


def test_the_install_scripts_use_the_app_id_from_pyproject() -> None:
    assert f"readonly APP_ID={APP_ID}\n" in (LINUX / "common.sh").read_text()


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstream absent")
def test_appstream_validates_the_metainfo_without_errors_or_warnings() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(DESKTOP_FILES / f"{APP_ID}.metainfo.xml")],
        capture_output=True,
        text=True,
        check=False,
    )
    problems = [line for line in result.stdout.splitlines() if line[:2] in {"E:", "W:"}]
    assert problems == []
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_png_sizes_cover_16_to_1024() -> None:
    for size in (*HICOLOR_SIZES, 1024):
        assert png_size((ICONS / f"talentdesk-{size}.png").read_bytes()) == (size, size)


def test_the_windows_icon_holds_every_size_from_16_to_256() -> None:
    data = (ICONS / "talentdesk.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = set()
    for index in range(count):
        width, height, _, _, _, _, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index
        )
        side = width or 256  # a 256-pixel side is stored as 0
        assert (height or 256) == side
        assert png_size(data[offset : offset + length]) == (side, side)
        sizes.add(side)
    assert sizes == {16, 24, 32, 48, 64, 128, 256}


def test_the_macos_icon_holds_every_size_from_16_to_1024() -> None:
    # Icon types and their pixel sizes; ic11…ic14 are the @2x variants of 16…256 points.
    pixels = {
        b"ic07": 128,
        b"ic08": 256,
        b"ic09": 512,
        b"ic10": 1024,
        b"ic11": 32,
        b"ic12": 64,
        b"ic13": 256,
        b"ic14": 512,
    }
    data = (ICONS / "talentdesk.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack_from(">I", data, 4)[0] == len(data)
    found = set()
    offset = 8
    while offset < len(data):
        kind, length = struct.unpack_from(">4sI", data, offset)
        if kind in pixels:
            side = pixels[kind]
            assert png_size(data[offset + 8 : offset + length]) == (side, side)
            found.add(kind)
        offset += length
    assert offset == len(data)
    assert found == set(pixels)


def test_the_running_app_uses_the_same_id() -> None:
    """One id everywhere: what pyproject.toml names is what the app tells the desktop."""
    import talentdesk

    assert talentdesk.APP_ID == APP_ID
