"""The selected candidate's score, criterion by criterion: weight, points and why."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from talentdesk.core.vacancies.matching import Match
from talentdesk.ui.vacancies.match_delegate import CHIP_COLOURS, STATE_WORDS, flags, headline

NOBODY = "Select someone to see how their score is made up."
COLUMNS = ("Criterion", "Weight", "Points", "Why")


class MatchDetails(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.text = QLabel()
        self.text.setObjectName("matchDetails")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(6, 2, 6, 6)
        layout.addWidget(self.text)
        layout.addStretch()
        self.setWidget(inner)
        self._rows: list[tuple[str, str, str, str]] = []
        self.show_match(None)

    def show_match(self, match: Match | None) -> None:
        if match is None:
            self._rows = []
            self.text.setText(f'<span style="color:#6b7280">{NOBODY}</span>')
            return
        # The score shares 100 points among the criteria that apply, in proportion to their
        # weights: "44 of 44" reads better than 44 points under a weight of 40.
        applied = sum(c.weight for c in match.criteria) or 1
        worth = {c.key: 100 * c.weight / applied for c in match.criteria}
        self._rows = [
            (c.label, str(c.weight), f"{c.points:.0f} of {worth[c.key]:.0f}", c.why)
            for c in match.criteria
        ]
        lines = [f"<b>{escape(match.name)}</b> — score <b>{match.score}</b> of 100"]
        if head := headline(match):
            lines.append(f'<span style="color:#4b5563">{escape(head)}</span>')
        if marks := flags(match):
            lines.append(f'<span style="color:#b91c1c">{escape(", ".join(marks))}</span>')
        header = "".join(
            f'<th align="{"left" if i in (0, 3) else "right"}">{title}</th>'
            for i, title in enumerate(COLUMNS)
        )
        rows = []
        for criterion in match.criteria:
            background, text, _border = CHIP_COLOURS.get(criterion.state, CHIP_COLOURS["unknown"])
            state = STATE_WORDS.get(criterion.state, criterion.state)
            rows.append(
                "<tr>"
                f'<td style="background:{background}; color:{text}" title="{state}">'
                f"{escape(criterion.label)}</td>"
                f'<td align="right">{criterion.weight}</td>'
                f'<td align="right">{criterion.points:.0f} of {worth[criterion.key]:.0f}</td>'
                f"<td>{escape(criterion.why)}</td>"
                "</tr>"
            )
        table = (
            '<table cellspacing="0" cellpadding="3" width="100%">'
            f'<tr style="color:#4b5563">{header}</tr>{"".join(rows)}</table>'
        )
        note = (
            '<span style="color:#6b7280">The 100 points are shared among the criteria that '
            "apply, in proportion to their weights.</span>"
        )
        self.text.setText("<br>".join(lines) + "<br>" + table + "<br>" + note)

    def rows(self) -> list[tuple[str, str, str, str]]:
        """What the table shows, row by row: criterion, weight, points, why."""
        return list(self._rows)
