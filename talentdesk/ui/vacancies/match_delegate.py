"""How a ranked candidate is painted: name and headline, the score as a bar, and the score's
explanation as chips, one per criterion (green matched, amber partly, grey missed or
unknown); hovering a chip shows why."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
)

from talentdesk.core.vacancies.matching import Criterion, Match
from talentdesk.ui.vacancies.match_model import MATCH_ROLE

PAD = 8
LINE_GAP = 3
CHIP_PAD_X = 7
CHIP_GAP = 5
CHIP_HEIGHT_EXTRA = 6
BAR_WIDTH = 110
BAR_HEIGHT = 8
SCORE_AREA = BAR_WIDTH + 44  # the bar and the number before it

# (background, text, border) by criterion state.
CHIP_COLOURS: dict[str, tuple[str, str, str]] = {
    "match": ("#d1fae5", "#065f46", "#6ee7b7"),
    "partial": ("#fef3c7", "#92400e", "#fcd34d"),
    "miss": ("#f3f4f6", "#6b7280", "#e5e7eb"),
    "unknown": ("#f9fafb", "#9ca3af", "#e5e7eb"),
}
STATE_WORDS = {"match": "matches", "partial": "partly", "miss": "no match", "unknown": "unknown"}
FLAG_COLOURS = {"in the pipeline": "#1d4ed8", "do not contact": "#b91c1c"}

Index = QModelIndex | QPersistentModelIndex


def headline(match: Match) -> str:
    work = " at ".join(p for p in (match.title, match.company) if p)
    return " · ".join(p for p in (work, match.city) if p)


def flags(match: Match) -> list[str]:
    found = []
    if match.in_pipeline:
        found.append("in the pipeline")
    if match.do_not_contact:
        found.append("do not contact")
    return found


def score_colour(score: int) -> QColor:
    if score >= 70:
        return QColor("#059669")
    if score >= 40:
        return QColor("#d97706")
    return QColor("#9ca3af")


@dataclass(frozen=True)
class Layout:
    """Where a row's parts go, for painting and for finding the chip under the mouse."""

    name: QRect
    headline: QRect
    score: QRect
    chips: tuple[tuple[QRect, Criterion], ...]
    height: int


def chip_font(base: QFont) -> QFont:
    font = QFont(base)
    font.setPointSizeF(max(base.pointSizeF() * 0.85, 7.0))
    return font


def layout(match: Match, rect: QRect, font: QFont) -> Layout:
    """Lay a row out in `rect` (its width; the height follows from how the chips wrap)."""
    metrics = QFontMetrics(font)
    chips_metrics = QFontMetrics(chip_font(font))
    line = metrics.height()
    left, top = rect.left() + PAD, rect.top() + PAD
    text_width = max(rect.width() - 2 * PAD - SCORE_AREA, 60)
    name = QRect(left, top, text_width, line)
    head = QRect(left, top + line + LINE_GAP, text_width, line)
    score = QRect(rect.right() - PAD - SCORE_AREA, top, SCORE_AREA, line)
    chip_h = chips_metrics.height() + CHIP_HEIGHT_EXTRA
    x, y = left, head.bottom() + LINE_GAP + 3
    right = rect.right() - PAD
    chips: list[tuple[QRect, Criterion]] = []
    for criterion in match.criteria:
        width = chips_metrics.horizontalAdvance(criterion.label) + 2 * CHIP_PAD_X
        if x > left and x + width > right:  # wrap onto the next line of chips
            x, y = left, y + chip_h + CHIP_GAP
        chips.append((QRect(x, y, width, chip_h), criterion))
        x += width + CHIP_GAP
    bottom = (y + chip_h) if chips else head.bottom()
    return Layout(name, head, score, tuple(chips), bottom - rect.top() + PAD)


class MatchDelegate(QStyledItemDelegate):
    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        match = index.data(MATCH_ROLE)
        width = self._view.viewport().width() or option.rect.width() or 600
        width = max(width - 1, 200)
        if not isinstance(match, Match):
            return QSize(width, 40)
        return QSize(width, layout(match, QRect(0, 0, width, 0), option.font).height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        match = index.data(MATCH_ROLE)
        if not isinstance(match, Match):
            return
        painter.save()
        rect = QRect(option.rect)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        if selected:
            painter.fillRect(rect, palette.highlight().color().lighter(175))
        painter.setPen(QPen(QColor("#e5e7eb")))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        parts = layout(match, rect, option.font)
        self._paint_text(painter, option, match, parts)
        self._paint_score(painter, option.font, match.score, parts.score)
        painter.setFont(chip_font(option.font))
        for chip, criterion in parts.chips:
            background, text, border = CHIP_COLOURS.get(criterion.state, CHIP_COLOURS["unknown"])
            painter.setPen(QPen(QColor(border)))
            painter.setBrush(QColor(background))
            painter.drawRoundedRect(chip.adjusted(0, 0, -1, -1), 7, 7)
            painter.setPen(QColor(text))
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, criterion.label)
        painter.restore()

    def _paint_text(
        self, painter: QPainter, option: QStyleOptionViewItem, match: Match, parts: Layout
    ) -> None:
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(QColor("#111827"))
        bold_metrics = QFontMetrics(bold)
        name = bold_metrics.elidedText(match.name, Qt.TextElideMode.ElideRight, parts.name.width())
        painter.drawText(
            parts.name, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name
        )
        x = parts.name.left() + bold_metrics.horizontalAdvance(name) + 8
        painter.setFont(chip_font(option.font))
        for flag in flags(match):  # after the name: why this person would not be contacted
            width = QFontMetrics(painter.font()).horizontalAdvance(flag) + 10
            box = QRect(x, parts.name.top() + 1, width, parts.name.height() - 2)
            if box.right() > parts.name.right():
                break
            painter.setPen(QColor(FLAG_COLOURS[flag]))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(box, 4, 4)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, flag)
            x += width + 6
        painter.setFont(option.font)
        painter.setPen(QColor("#4b5563"))
        text = QFontMetrics(option.font).elidedText(
            headline(match) or "—", Qt.TextElideMode.ElideRight, parts.headline.width()
        )
        painter.drawText(
            parts.headline, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text
        )

    @staticmethod
    def _paint_score(painter: QPainter, font: QFont, score: int, area: QRect) -> None:
        number = QRect(area.left(), area.top(), 36, area.height())
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(score_colour(score))
        painter.drawText(
            number, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(score)
        )
        bar = QRect(
            area.right() - BAR_WIDTH, area.center().y() - BAR_HEIGHT // 2, BAR_WIDTH, BAR_HEIGHT
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#e5e7eb"))
        painter.drawRoundedRect(bar, 4, 4)
        filled = QRect(
            bar.left(), bar.top(), round(bar.width() * max(0, min(score, 100)) / 100), bar.height()
        )
        if filled.width() > 0:
            painter.setBrush(score_colour(score))
            painter.drawRoundedRect(filled, 4, 4)

    # -- the chip under the mouse --------------------------------------------------------------
    def criterion_at(self, index: Index, rect: QRect, font: QFont, pos: QPoint) -> Criterion | None:
        match = index.data(MATCH_ROLE)
        if not isinstance(match, Match):
            return None
        for chip, criterion in layout(match, rect, font).chips:
            if chip.contains(pos):
                return criterion
        return None

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        if event.type() != QEvent.Type.ToolTip:
            return super().helpEvent(event, view, option, index)
        criterion = self.criterion_at(index, option.rect, option.font, event.pos())
        if criterion is None:
            match = index.data(MATCH_ROLE)
            if isinstance(match, Match):
                QToolTip.showText(
                    event.globalPos(), f"{match.name}: score {match.score} of 100", view
                )
                return True
            return False
        QToolTip.showText(event.globalPos(), chip_tip(criterion), view)
        return True


def chip_tip(criterion: Criterion) -> str:
    state = STATE_WORDS.get(criterion.state, criterion.state)
    points = (
        f"+{criterion.points:.0f} points, weight {criterion.weight}"
        if criterion.weight
        else "weighs 0"
    )
    return f"{criterion.label} — {state} ({points})\n{criterion.why}"
