"""The application icon, drawn from the SVG in resources/."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from talentdesk.paths import resources_dir


def app_icon() -> QIcon:
    return QIcon(str(resources_dir() / "icons" / "talentdesk.svg"))
