"""PySide's per-import check, made on the file's bytes (talentdesk/ui/pyside_import_hook.py),
gives PySide the answers its own check gives."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import shibokensupport.feature as feature  # type: ignore[import-not-found]

import talentdesk.ui  # noqa: F401  (installs the cheaper check)
from talentdesk.ui import pyside_import_hook


@pytest.fixture
def on_path(tmp_path: Path) -> Iterator[Path]:
    sys.path.insert(0, str(tmp_path))
    yield tmp_path
    sys.path.remove(str(tmp_path))
    for name in ("td_hook_qt", "td_hook_plain"):
        sys.modules.pop(name, None)
        feature.pyside_feature_dict.pop(name, None)


def test_modules_imported_after_it_are_sorted_as_pyside_sorts_them(on_path: Path) -> None:
    (on_path / "td_hook_qt.py").write_text("from PySide6.QtCore import QObject\n")
    (on_path / "td_hook_plain.py").write_text("VALUE = 1\n")

    # As an import statement does: PySide hears imports through builtins.__import__.
    uses_qt = __import__("td_hook_qt")
    plain = __import__("td_hook_plain")

    assert feature._mod_uses_pyside.reads_bytes  # the cheaper check is the one installed
    assert feature.pyside_feature_dict["td_hook_qt"] == 0  # switched by PySide's features
    assert feature.pyside_feature_dict["td_hook_plain"] == -1  # ignored by them
    slow = feature._mod_uses_pyside.__closure__[0].cell_contents  # PySide's own check
    assert slow(uses_qt) is True
    assert slow(plain) is False


def test_a_module_without_a_source_file_gets_pyside_s_own_answer() -> None:
    assert feature._mod_uses_pyside(sys) is False  # built in: no file to read
    assert pyside_import_hook.install() is True  # a second install changes nothing
    assert feature._mod_uses_pyside.reads_bytes
