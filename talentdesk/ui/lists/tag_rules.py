"""Tags in the filter builder: has all of / any of / none of, each a tag editor (tags come with
their category: "Kotlin · skill") and, for names typed in the search box without one
(`tag:kotlin`), a tag of that name in any category."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QTabWidget, QVBoxLayout, QWidget

from talentdesk.core.lists.filters import TagMode, TagRule
from talentdesk.core.records import TagRef
from talentdesk.ui.lists.choices import split_words
from talentdesk.ui.widgets.tag_editor import TagEditor

MODES = (
    (TagMode.ALL, "Has all of"),
    (TagMode.ANY, "Has any of"),
    (TagMode.NONE, "Has none of"),
)


class TagRulesEditor(QWidget):
    changed = Signal()

    def __init__(self, known: list[TagRef], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.editors: dict[TagMode, TagEditor] = {}
        self.names: dict[TagMode, QLineEdit] = {}
        for mode, _title in MODES:
            self.tabs.addTab(self._page(mode, known), "")
        # "any of A" and "any of B" is not "any of A or B": a second such rule (typed in the
        # search box) is kept as it is and said in words.
        self._more_any: tuple[TagRule, ...] = ()
        self.more = QLabel()
        self.more.setWordWrap(True)
        self.more.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        layout.addWidget(self.more)
        self._update_titles()

    def _page(self, mode: TagMode, known: list[TagRef]) -> QWidget:
        editor = TagEditor()
        editor.setObjectName(f"tags_{mode.value}")
        editor.set_known(known)
        editor.list.setMaximumHeight(54)
        editor.changed.connect(self._edited)
        names = QLineEdit()
        names.setPlaceholderText("tag names in any category, with commas (optional)")
        names.textChanged.connect(lambda _t: self._edited())
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(editor)
        form = QFormLayout()
        form.addRow("Any category:", names)
        layout.addLayout(form)
        self.editors[mode], self.names[mode] = editor, names
        return page

    def rules(self) -> tuple[TagRule, ...]:
        found = []
        for mode, _title in MODES:
            tags, names = tuple(self.editors[mode].tags()), split_words(self.names[mode].text())
            if tags or names:
                found.append(TagRule(mode, tags, names))
        return (*found, *self._more_any)

    def set_rules(self, rules: tuple[TagRule, ...]) -> None:
        tags: dict[TagMode, list[TagRef]] = {mode: [] for mode, _ in MODES}
        names: dict[TagMode, list[str]] = {mode: [] for mode, _ in MODES}
        more_any: list[TagRule] = []
        seen_any = False
        for rule in rules:
            if rule.mode is TagMode.ANY and seen_any:
                more_any.append(rule)
                continue
            seen_any = seen_any or rule.mode is TagMode.ANY
            tags[rule.mode] += [t for t in rule.tags if t not in tags[rule.mode]]
            names[rule.mode] += [n for n in rule.names if n not in names[rule.mode]]
        for mode, editor in self.editors.items():
            editor.set_tags(tags[mode])
            self.names[mode].blockSignals(True)
            self.names[mode].setText(", ".join(names[mode]))
            self.names[mode].blockSignals(False)
        self._more_any = tuple(more_any)
        self.more.setVisible(bool(more_any))
        self.more.setText(
            "\n".join(
                "And has any of: " + ", ".join([*map(str, rule.tags), *rule.names])
                for rule in more_any
            )
        )
        self._update_titles()

    def _edited(self) -> None:
        self._update_titles()
        self.changed.emit()

    def _update_titles(self) -> None:
        for i, (mode, title) in enumerate(MODES):
            count = len(self.editors[mode].tags()) + len(split_words(self.names[mode].text()))
            self.tabs.setTabText(i, f"{title} ({count})" if count else title)
