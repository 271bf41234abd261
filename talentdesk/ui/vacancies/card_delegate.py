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

CARD_HEIGHT = 64
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


class _Font:
    def __init__(self, font: QFont) -> None:
        self.font = font
        self.metrics = QFontMetrics(font)

    def draw(self, painter: QPainter, rect: QRect, text: str) -> None:
        painter.setFont(self.font)
        elided = self.metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft, elided)


class CardDelegate(QStyledItemDelegate):
    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._font_key = ""
        self._font_cache: tuple[_Font, _Font, _Font] | None = None

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
        base, bold, small = self._fonts(option.font)
        line = base.metrics.height()
        marks = self._marks(card)
        painter.setFont(small.font)
        marks_width = small.metrics.horizontalAdvance(marks) + 4 if marks else 0
        if marks:
            painter.setPen(_DNC if card.do_not_contact else _NEAR_FIT)
            painter.drawText(inner, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, marks)
        painter.setPen(option.palette.text().color())
        name_rect = QRect(inner.left(), inner.top(), inner.width() - marks_width, line)
        bold.draw(painter, name_rect, card.name)
        headline_rect = QRect(inner.left(), inner.top() + line + 1, inner.width(), line)
        base.draw(painter, headline_rect, card.headline)
        painter.setPen(_QUIET)
        bottom = QRect(inner.left(), inner.bottom() - line + 2, inner.width(), line)
        small.draw(painter, bottom, card_line(card, self._today()))
        painter.restore()

    def _fonts(self, base: QFont) -> tuple[_Font, _Font, _Font]:
        """The card's three fonts with their metrics, made once per view font."""
        key = base.key()
        if self._font_key != key:
            bold = QFont(base)
            bold.setBold(True)
            small = QFont(base)
            small.setPointSizeF(max(7.0, base.pointSizeF() - 1))
            self._font_cache = (_Font(QFont(base)), _Font(bold), _Font(small))
            self._font_key = key
        assert self._font_cache is not None
        return self._font_cache

    @staticmethod
    def _marks(card: Card) -> str:
        marks = []
        if card.near_fit:
            marks.append("★ near fit")
        if card.do_not_contact:
            marks.append("⛔ do not contact")
        return "  ".join(marks)
