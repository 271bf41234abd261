"""The two records side by side: one row per field, a radio button on each side; clicking a
value picks it. Differing fields stand out; identical ones are greyed, nothing to choose."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QWidget,
)

from talentdesk.core.duplicates.merge_fields import Side
from talentdesk.core.duplicates.merge_records import MergePreview

_DIFFERS = "QRadioButton { background: palette(alternate-base); padding: 2px; }"
EMPTY = "—"


class MergeFieldsView(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self._groups: dict[str, QButtonGroup] = {}
        self.buttons: dict[tuple[str, Side], QRadioButton] = {}

    def show_preview(self, preview: MergePreview) -> None:
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.addWidget(_bold(""), 0, 0)
        keep, other = preview.keep_updated_at, preview.other_updated_at
        grid.addWidget(
            _bold(f"Keep: {preview.keep_name} (#{preview.keep_id})\nchanged {keep:%d %b %Y}"), 0, 1
        )
        grid.addWidget(
            _bold(
                f"Merge in: {preview.other_name} (#{preview.other_id})\nchanged {other:%d %b %Y}"
            ),
            0,
            2,
        )
        self._groups.clear()
        self.buttons.clear()
        # What there is to choose first; the fields both have alike below, greyed.
        ordered = sorted(preview.fields, key=lambda f: f.same)
        for row, field in enumerate(ordered, start=1):
            label = QLabel(field.label)
            label.setEnabled(not field.same)
            grid.addWidget(label, row, 0)
            group = QButtonGroup(inner)
            for column, (side, text) in enumerate(
                (("keep", field.keep_text), ("other", field.other_text)), start=1
            ):
                button = QRadioButton(_one_line(text) or EMPTY)
                button.setObjectName(f"pick_{field.key}_{side}")
                button.setToolTip(text)
                button.setChecked(side == field.default)
                button.setEnabled(not field.same)
                if not field.same:
                    button.setStyleSheet(_DIFFERS)
                group.addButton(button)
                grid.addWidget(button, row, column)
                self.buttons[(field.key, side)] = button  # type: ignore[index]
            self._groups[field.key] = group
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(preview.fields) + 1, 1)
        self.setWidget(inner)

    def picks(self) -> dict[str, Side]:
        chosen: dict[str, Side] = {}
        for (key, side), button in self.buttons.items():
            if button.isChecked():
                chosen[key] = side
        return chosen

    def pick(self, key: str, side: Side) -> None:
        self.buttons[(key, side)].setChecked(True)


def _bold(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _one_line(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
