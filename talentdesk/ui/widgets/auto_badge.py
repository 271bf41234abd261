"""The small "auto" pill that marks reminders TalentDesk made itself (both reminder lists)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon

BADGE_SIZE = QSize(30, 14)


@cache  # one pixmap for every row
def auto_badge() -> QIcon:
    """A small "auto" pill marking reminders TalentDesk made itself."""
    # Drawn once the first reminder shows: PySide builds these classes when first named,
    # and the window imports this module before its first paint.
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter, QPixmap

    scale = 2  # drawn at twice the size, so it stays sharp on high-density screens
    pixmap = QPixmap(BADGE_SIZE * scale)
    pixmap.setDevicePixelRatio(scale)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#dbeafe"))
    rect = QRectF(0, 0, BADGE_SIZE.width(), BADGE_SIZE.height())
    painter.drawRoundedRect(rect, 7, 7)
    font = QFont()
    font.setPixelSize(10)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#1d4ed8"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "auto")
    painter.end()
    return QIcon(pixmap)
