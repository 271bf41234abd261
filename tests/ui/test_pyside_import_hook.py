"""Imports skip PySide's per-import feature step (talentdesk/ui/pyside_import_hook.py), and Qt
classes still load where they are first named, in modules imported after it."""

from __future__ import annotations

import builtins
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

import talentdesk.ui  # noqa: F401  (installs it)
from talentdesk.ui import pyside_import_hook


@pytest.fixture
def on_path(tmp_path: Path) -> Iterator[Path]:
    sys.path.insert(0, str(tmp_path))
    yield tmp_path
    sys.path.remove(str(tmp_path))
    for name in ("td_hook_qt", "td_hook_star"):
        sys.modules.pop(name, None)


def test_imports_skip_pyside_s_feature_step() -> None:
    assert builtins.__import__.__name__ != "__feature_import__"
    assert builtins.__import__ is builtins.__orig_import__  # type: ignore[attr-defined]
    assert pyside_import_hook.install() is True  # a second install changes nothing
    assert builtins.__import__ is builtins.__orig_import__  # type: ignore[attr-defined]


def test_qt_classes_load_in_modules_imported_after_it(qapp: object, on_path: Path) -> None:
    (on_path / "td_hook_qt.py").write_text(
        "from PySide6.QtCore import Qt\n"
        "from PySide6.QtWidgets import QLabel\n"
        "def label():\n"
        "    shown = QLabel('Anna Kowalska')\n"
        "    shown.setAlignment(Qt.AlignmentFlag.AlignRight)\n"
        "    return shown\n"
    )
    (on_path / "td_hook_star.py").write_text("from PySide6.QtGui import *  # noqa: F403\n")

    shown = __import__("td_hook_qt").label()
    star = __import__("td_hook_star")

    assert shown.text() == "Anna Kowalska"
    assert shown.alignment() & Qt.AlignmentFlag.AlignRight
    assert star.QKeySequence("Ctrl+T").toString() == "Ctrl+T"  # a star import names them all


def test_the_app_s_own_start_skips_it_too() -> None:
    """As `talentdesk` starts: the window's package first, PySide through it."""
    probe = (
        "import builtins, talentdesk.ui\n"
        "from PySide6.QtWidgets import QApplication, QLabel\n"
        "app = QApplication(['probe'])\n"
        "print(builtins.__import__.__name__, QLabel('x').text())\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120
    )
    assert shown.returncode == 0, shown.stderr
    name, text = shown.stdout.split()
    assert name != "__feature_import__" and text == "x"
