"""The application icon, from PNGs rendered out of the SVG in resources/icons
(scripts/render_icons.py): PNGs load without Qt's SVG plugin, which is slow to start."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from talentdesk.paths import resources_dir

SIZES = (16, 24, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    icon = QIcon()
    folder = resources_dir() / "icons"
    for size in SIZES:
        icon.addFile(str(folder / f"talentdesk-{size}.png"), QSize(size, size))
    return icon
