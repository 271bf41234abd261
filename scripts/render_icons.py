"""Render the app icon's PNG sizes from resources/icons/talentdesk.svg, and the tray's "overdue"
variant: the same icon with a red dot badge in the top-right corner.

PNGs load without Qt's SVG plugin, which alone costs about 30 ms at start-up.
Run after changing the SVG:  .venv/bin/python scripts/render_icons.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPen
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
BADGE_RED = QColor("#dc2626")


def main() -> int:
    app = QGuiApplication(sys.argv)
    renderer = QSvgRenderer(str(ICONS / "talentdesk.svg"))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / f"talentdesk-{size}.png"))
        _badge(image)
        image.save(str(ICONS / f"talentdesk-overdue-{size}.png"))
    del app
    return 0


def _badge(image: QImage) -> None:
    """Paint the red dot, ringed in white so it stands out on the icon and on dark panels."""
    size = image.width()
    radius = size * 0.24
    ring = max(1.0, size * 0.05)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(Qt.GlobalColor.white, ring))
    painter.setBrush(BADGE_RED)
    centre = QPointF(size - radius - ring / 2, radius + ring / 2)
    painter.drawEllipse(centre, radius, radius)
    painter.end()


if __name__ == "__main__":
    raise SystemExit(main())
