"""Render the app icon from talentdesk/resources/icons/talentdesk.svg: PNG sizes 16–1024, the
tray's "overdue" variant (the same icon with a red dot badge in the top-right corner) for
16–512, and the Windows `.ico` (16–256) and macOS `.icns` (16–1024) built from those PNGs.

PNGs load without Qt's SVG plugin, which alone costs about 30 ms at start-up. Qt cannot write
multi-size `.ico` or `.icns` files, so those come from Pillow (the `packaging` extra).
Run after changing the SVG:  .venv/bin/python scripts/render_icons.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPen
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "talentdesk" / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
# The tray never draws larger than 512; 1024 exists only for the macOS icon.
OVERDUE_SIZES = tuple(size for size in SIZES if size <= 512)
ICO_SIZES = tuple(size for size in SIZES if size <= 256)
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
        if size in OVERDUE_SIZES:
            _badge(image)
            image.save(str(ICONS / f"talentdesk-overdue-{size}.png"))
    del app
    _write_ico_and_icns()
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


def _write_ico_and_icns() -> None:
    """Pack the rendered PNGs as they are: Pillow would otherwise downscale the largest one,
    which blurs the small sizes the SVG renders crisply."""
    images = {size: Image.open(ICONS / f"talentdesk-{size}.png") for size in SIZES}
    ico = [images[size] for size in ICO_SIZES]
    ico[-1].save(
        ICONS / "talentdesk.ico",
        sizes=[(size, size) for size in ICO_SIZES],
        append_images=ico[:-1],
    )
    images[SIZES[-1]].save(ICONS / "talentdesk.icns", append_images=list(images.values()))


if __name__ == "__main__":
    raise SystemExit(main())
