"""Paints a vacancy's status as a small coloured chip in the list."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from talentdesk.core.db.enums import VacancyStatus
from talentdesk.ui.vacancies.list_model import STATUS_COLOURS


def chip_style(status: VacancyStatus) -> str:
    """The same chip as a style sheet, for a label (the detail's header)."""
    background, text = STATUS_COLOURS[status]
    return f"background: {background}; color: {text}; border-radius: 8px; padding: 1px 8px;"


class StatusChipDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        text = str(index.data() or "")
        status = next((s for s in VacancyStatus if s.label == text), None)
        if status is None:
            super().paint(painter, option, index)
            return
        # The row's selection background first, then the chip over it.
        plain = QStyleOptionViewItem(option)
        self.initStyleOption(plain, index)
        plain.text = ""
        widget = plain.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, plain, painter, widget)
        background, colour = STATUS_COLOURS[status]
        metrics = QFontMetrics(option.font)
        cell: QRect = option.rect
        width = metrics.horizontalAdvance(text) + 14
        height = metrics.height() + 2
        chip = QRect(cell.left() + 4, cell.center().y() - height // 2, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(chip, height / 2, height / 2)
        painter.setPen(QColor(colour))
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width() + 18, hint.height() + 4)
