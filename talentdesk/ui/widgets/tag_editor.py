"""Tags with categories: the candidate's tags as removable chips and an input with completion."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.db.enums import TagCategory
from talentdesk.core.records import TagRef

_CATEGORY_COLOURS = {
    TagCategory.SKILL: "#dbeafe",
    TagCategory.INDUSTRY: "#dcfce7",
    TagCategory.LOCATION: "#fef3c7",
    TagCategory.SENIORITY: "#ede9fe",
    TagCategory.CUSTOM: "#f3f4f6",
}


class TagEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._known: list[TagRef] = []
        self.list = QListWidget()
        self.list.setObjectName("tagList")
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        self.list.setWrapping(True)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setSpacing(3)
        self.list.setMaximumHeight(90)
        self.list.setToolTip("Select a tag and press Delete to remove it")
        self.category = QComboBox()
        for category in TagCategory:
            self.category.addItem(category.label, category)
        self.category.currentIndexChanged.connect(self._update_completer)
        self.input = QLineEdit()
        self.input.setObjectName("tagInput")
        self.input.setPlaceholderText("add a tag, e.g. Java")
        self._names = QStringListModel(self)
        self._completer = QCompleter(self._names, self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.input.setCompleter(self._completer)
        self.input.returnPressed.connect(self._add_from_input)
        add = QPushButton("Add tag")
        add.clicked.connect(self._add_from_input)
        remove = QPushButton("Remove")
        remove.clicked.connect(self._remove_selected)
        row = QHBoxLayout()
        row.addWidget(self.category)
        row.addWidget(self.input, 1)
        row.addWidget(add)
        row.addWidget(remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(row)

    def set_known(self, tags: list[TagRef]) -> None:
        self._known = tags
        self._update_completer()

    def set_tags(self, tags: list[TagRef]) -> None:
        self.list.clear()
        for tag in sorted(tags):
            self._append(tag)

    def tags(self) -> list[TagRef]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.list.hasFocus():
            self._remove_selected()
            return
        super().keyPressEvent(event)

    def add_tag(self, tag: TagRef) -> None:
        if tag.name.strip() and tag not in self.tags():
            self._append(tag)
            self.changed.emit()

    def _append(self, tag: TagRef) -> None:
        item = QListWidgetItem(f"{tag.name} · {tag.category.label.lower()}")
        item.setData(Qt.ItemDataRole.UserRole, tag)
        item.setBackground(QColor(_CATEGORY_COLOURS[tag.category]))
        item.setToolTip(str(tag))
        self.list.addItem(item)

    def _add_from_input(self) -> None:
        name = self.input.text().strip()
        if not name:
            return
        category = TagCategory(self.category.currentData())  # Qt returns StrEnum data as str
        # Reuse the spelling of an existing tag so "java" joins "Java".
        for known in self._known:
            if known.category is category and known.name.lower() == name.lower():
                name = known.name
        self.add_tag(TagRef(category, name))
        self.input.clear()

    def _remove_selected(self) -> None:
        rows = sorted((self.list.row(i) for i in self.list.selectedItems()), reverse=True)
        for row in rows:
            self.list.takeItem(row)
        if rows:
            self.changed.emit()

    def _update_completer(self) -> None:
        category = TagCategory(self.category.currentData())
        names = [t.name for t in self._known if t.category is category]
        self._names.setStringList(names)
