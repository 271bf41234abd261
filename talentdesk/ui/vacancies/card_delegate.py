"""Paints a board card: name, headline, city and days in stage, near-fit and do-not-contact
marks. Painted, not a widget per card: a board of 2,000 cards costs only the visible ones."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from talentdesk.core.vacancies.records import Card
from talentdesk.ui.vacancies.column_model import CARD_ROLE, days_in_stage

CARD_HEIGHT = 70
_MARGIN = 4
_PAD = 8
_BORDER = QColor("#d1d5db")
_FOCUS = QColor("#2563eb")
_SELECTED = QColor("#eff6ff")
_QUIET = QColor("#6b7280")
_NEAR_FIT = QColor("#b45309")
_DNC = QColor("#b91c1c")


def card_line(card: Card, today: date) -> str:
    days = days_in_stage(card, today)
    in_stage = "today" if days == 0 else f"{days} d in stage"
    return " · ".join(p for p in (card.city, in_stage) if p)


class CardDelegate(QStyledItemDelegate):
    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(180, CARD_HEIGHT)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        card = index.data(CARD_ROLE)
        if not isinstance(card, Card):
            return
        state = option.state
        rect: QRect = option.rect.adjusted(_MARGIN, _MARGIN // 2, -_MARGIN, -_MARGIN // 2)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = bool(state & QStyle.StateFlag.State_Selected)
        focused = bool(state & QStyle.StateFlag.State_HasFocus)
        painter.setBrush(_SELECTED if selected else QColor("white"))
        painter.setPen(QPen(_FOCUS if focused or selected else _BORDER, 2 if focused else 1))
        painter.drawRoundedRect(rect, 5, 5)
        if card.do_not_contact:  # a red edge, seen from afar
            painter.fillRect(QRect(rect.left() + 1, rect.top() + 4, 3, rect.height() - 8), _DNC)
        inner = rect.adjusted(_PAD, 5, -_PAD, -5)
        base: QFont = option.font
        bold = QFont(base)
        bold.setBold(True)
        small = QFont(base)
        small.setPointSizeF(max(7.0, base.pointSizeF() - 1))
        line = QFontMetrics(base).height()
        marks = self._marks(card)
        painter.setFont(small)
        marks_width = QFontMetrics(small).horizontalAdvance(marks) + 4 if marks else 0
        if marks:
            painter.setPen(_DNC if card.do_not_contact else _NEAR_FIT)
            painter.drawText(inner, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, marks)
        painter.setFont(bold)
        painter.setPen(option.palette.text().color())
        name_rect = QRect(inner.left(), inner.top(), inner.width() - marks_width, line)
        painter.drawText(
            name_rect, Qt.AlignmentFlag.AlignLeft, self._elided(bold, card.name, name_rect)
        )
        painter.setFont(base)
        headline_rect = QRect(inner.left(), inner.top() + line + 1, inner.width(), line)
        painter.drawText(
            headline_rect,
            Qt.AlignmentFlag.AlignLeft,
            self._elided(base, card.headline, headline_rect),
        )
        painter.setFont(small)
        painter.setPen(_QUIET)
        bottom = QRect(inner.left(), inner.bottom() - line + 2, inner.width(), line)
        painter.drawText(
            bottom,
            Qt.AlignmentFlag.AlignLeft,
            self._elided(small, card_line(card, self._today()), bottom),
        )
        painter.restore()

    @staticmethod
    def _marks(card: Card) -> str:
        marks = []
        if card.near_fit:
            marks.append("★ near fit")
        if card.do_not_contact:
            marks.append("⛔ do not contact")
        return "  ".join(marks)

    @staticmethod
    def _elided(font: QFont, text: str, rect: QRect) -> str:
        return QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
