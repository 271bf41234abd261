"""Small pickers the filter builder is made of: a set of checkboxes for some of a few values
(seniorities, pools), and a three-way choice (either / yes / no) for a yes-or-no part."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QWidget

E = TypeVar("E", bound=Hashable)


class Checks(QWidget, Generic[E]):
    """One checkbox per value, in rows of `columns`; none ticked means "any"."""

    changed = Signal()

    def __init__(
        self,
        values: Sequence[tuple[E, str]],
        columns: int = 4,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.boxes: dict[E, QCheckBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        for i, (value, text) in enumerate(values):
            box = QCheckBox(text)
            box.toggled.connect(lambda _on: self.changed.emit())
            grid.addWidget(box, i // columns, i % columns)
            self.boxes[value] = box

    def values(self) -> frozenset[E]:
        return frozenset(v for v, box in self.boxes.items() if box.isChecked())

    def set_values(self, values: Iterable[E]) -> None:
        wanted = set(values)
        for value, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(value in wanted)
            box.blockSignals(False)


class YesNo(QComboBox):
    """Either (None), yes (True) or no (False), each said in the filter's own words."""

    changed = Signal()

    def __init__(self, either: str, yes: str, no: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for text, value in ((either, None), (yes, True), (no, False)):
            self.addItem(text, value)
        self.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def value(self) -> bool | None:
        return [None, True, False][max(self.currentIndex(), 0)]

    def set_value(self, value: bool | None) -> None:
        self.blockSignals(True)
        self.setCurrentIndex({None: 0, True: 1, False: 2}[value])
        self.blockSignals(False)


def split_words(text: str) -> tuple[str, ...]:
    """ "Kraków, Warszawa" → ("Kraków", "Warszawa"): a list typed with commas, blanks left out."""
    return tuple(part.strip() for part in text.split(",") if part.strip())
