"""The duplicates window's widgets: the groups (each with its pairs and their reasons) above,
the people of what is selected side by side below them, the buttons at the bottom."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.duplicates.records import Confidence, DuplicateGroup, Pair, Person, Reason
from talentdesk.ui.formatting import format_date

if TYPE_CHECKING:
    from talentdesk.ui.duplicates.window import DuplicatesWindow

SHOWN_GROUPS = 1000  # the most likely; the rest wait until these are dealt with
PAIR_ROLE = Qt.ItemDataRole.UserRole + 1  # on a pair's item: its Pair; on a group's: None
GROUP_ROLE = Qt.ItemDataRole.UserRole + 2  # on both: the DuplicateGroup
FIELDS: tuple[tuple[str, str], ...] = (
    ("Name", "name"),
    ("E-mail", "email"),
    ("Phone", "phone"),
    ("Company", "company"),
    ("City", "city"),
    ("Created", "created_at"),
)
_CHIP = '<span style="background-color:{bg}; color:#111827">&nbsp;{text}&nbsp;</span>'  # a chip
_CHIP_COLOURS = {
    Confidence.HIGH: "#fecaca",
    Confidence.MEDIUM: "#fde68a",
    Confidence.LOW: "#e5e7eb",
}


def build(w: DuplicatesWindow) -> None:
    w.status = QLabel("Looking for duplicates…")
    w.status.setWordWrap(True)
    w.progress = QProgressBar()
    w.progress.setTextVisible(False)
    w.cancel_button = QPushButton("&Cancel")
    w.refresh_button = QPushButton("&Refresh")
    top = QHBoxLayout()
    top.addWidget(w.status, 1)
    top.addWidget(w.progress)
    top.addWidget(w.cancel_button)
    top.addWidget(w.refresh_button)

    w.tree = QTreeWidget()
    w.tree.setObjectName("duplicateGroups")
    w.tree.setHeaderLabels(["Who", "Confidence", "Why"])
    w.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    w.tree.setUniformRowHeights(True)
    w.tree.setAccessibleName("Possible duplicates")
    header = w.tree.header()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
    header.resizeSection(0, 340)
    header.resizeSection(1, 110)

    w.reasons = QLabel()
    w.reasons.setTextFormat(Qt.TextFormat.RichText)
    w.reasons.setWordWrap(True)
    w.table = QTableWidget(len(FIELDS), 0)
    w.table.setObjectName("duplicateComparison")
    w.table.setAccessibleName("The people side by side")
    w.table.setVerticalHeaderLabels([label for label, _ in FIELDS])
    w.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    w.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectColumns)
    w.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    w.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    right = QWidget()
    right_box = QVBoxLayout(right)
    right_box.setContentsMargins(0, 0, 0, 0)
    right_box.addWidget(w.reasons)
    right_box.addWidget(w.table, 1)
    split = QSplitter(Qt.Orientation.Vertical)  # the groups above, the people below
    split.addWidget(w.tree)
    split.addWidget(right)
    split.setStretchFactor(0, 3)
    split.setStretchFactor(1, 2)

    w.open_button = QPushButton("&Open")
    w.open_button.setToolTip("Show the selected person in the main window (Enter)")
    w.merge_button = QPushButton("&Merge…")
    w.merge_button.setToolTip("Merge the two people of the selected pair")
    w.dismiss_button = QPushButton("&Not duplicates")
    w.dismiss_button.setToolTip("They are different people: never list this pair again (Ctrl+Z)")
    buttons = QHBoxLayout()
    buttons.addWidget(w.open_button)
    buttons.addWidget(w.merge_button)
    buttons.addWidget(w.dismiss_button)
    buttons.addStretch(1)

    box = QVBoxLayout(w)
    box.addLayout(top)
    box.addWidget(split, 1)
    box.addLayout(buttons)
    w.resize(1000, 680)


def fill_tree(tree: QTreeWidget, groups: tuple[DuplicateGroup, ...]) -> None:
    tree.clear()
    items = []
    for group in groups[:SHOWN_GROUPS]:
        item = QTreeWidgetItem([_who(group.members), _confidence(group.score), _count(group)])
        item.setData(0, GROUP_ROLE, group)
        item.setData(0, PAIR_ROLE, None)
        bold = QFont(item.font(0))
        bold.setBold(True)
        item.setFont(0, bold)
        for pair in group.pairs:
            child = QTreeWidgetItem(
                [
                    _who(tuple(p for p in group.members if p.id in pair.ids)),
                    _confidence(pair.score),
                    " · ".join(reason.text() for reason in pair.reasons),
                ]
            )
            child.setData(0, GROUP_ROLE, group)
            child.setData(0, PAIR_ROLE, pair)
            child.setToolTip(2, child.text(2))
            item.addChild(child)
        items.append(item)
    tree.addTopLevelItems(items)
    for item in items:
        item.setExpanded(True)


def fill_comparison(w: DuplicatesWindow, people: tuple[Person, ...], pair: Pair | None) -> None:
    table = w.table
    table.setColumnCount(len(people))
    table.setHorizontalHeaderLabels([f"#{person.id}" for person in people])
    for column, person in enumerate(people):
        for row, (_, attribute) in enumerate(FIELDS):
            value = getattr(person, attribute)
            text = format_date(value) if attribute == "created_at" else (value or "")
            cell = QTableWidgetItem(text)
            cell.setData(Qt.ItemDataRole.UserRole, person.id)
            if _same_in_all(people, attribute) and text:
                font = QFont(cell.font())
                font.setBold(True)  # what they share stands out
                cell.setFont(font)
            table.setItem(row, column, cell)
    w.reasons.setText(_chips(pair.reasons if pair else ()))


def _chips(reasons: tuple[Reason, ...]) -> str:
    if not reasons:
        return "Select a pair to see why they look like one person."
    return " ".join(
        _CHIP.format(bg=_CHIP_COLOURS[Confidence.of(reason.score)], text=escape(reason.text()))
        for reason in reasons
    )


def _same_in_all(people: tuple[Person, ...], attribute: str) -> bool:
    if attribute == "created_at":
        return False
    values = {str(getattr(person, attribute) or "").casefold() for person in people}
    return len(values) == 1


def _who(people: tuple[Person, ...]) -> str:
    return " · ".join(person.name or f"#{person.id}" for person in people)


def _confidence(score: int) -> str:
    return f"{Confidence.of(score).value} ({score})"


def _count(group: DuplicateGroup) -> str:
    pairs = len(group.pairs)
    return f"{len(group.members)} people, {pairs} pair{'' if pairs == 1 else 's'}"
