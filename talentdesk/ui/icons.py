"""The application icon and the tray's "overdue" variant (a red dot badge), from PNGs rendered
out of the SVG in resources/icons (scripts/render_icons.py): PNGs load without Qt's SVG plugin,
which is slow to start."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from talentdesk.paths import resources_dir

SIZES = (16, 24, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    return _icon("talentdesk")


def overdue_icon() -> QIcon:
    return _icon("talentdesk-overdue")


def _icon(name: str) -> QIcon:
    icon = QIcon()
    folder = resources_dir() / "icons"
    for size in SIZES:
        icon.addFile(str(folder / f"{name}-{size}.png"), QSize(size, size))
    return icon
