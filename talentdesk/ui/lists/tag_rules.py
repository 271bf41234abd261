"""Tags in the filter builder: has all of / any of / none of, each a tag editor (tags come with
their category: "Kotlin · skill")."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from talentdesk.core.lists.filters import TagMode, TagRule
from talentdesk.core.records import TagRef
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
        for mode, _title in MODES:
            editor = TagEditor()
            editor.setObjectName(f"tags_{mode.value}")
            editor.set_known(known)
            editor.list.setMaximumHeight(54)
            editor.changed.connect(self._edited)
            self.tabs.addTab(editor, "")
            self.editors[mode] = editor
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

    def rules(self) -> tuple[TagRule, ...]:
        found = [
            TagRule(mode, tuple(self.editors[mode].tags()))
            for mode, _title in MODES
            if self.editors[mode].tags()
        ]
        return (*found, *self._more_any)

    def set_rules(self, rules: tuple[TagRule, ...]) -> None:
        by_mode: dict[TagMode, list[TagRef]] = {mode: [] for mode, _ in MODES}
        more_any: list[TagRule] = []
        seen_any = False
        for rule in rules:
            if rule.mode is TagMode.ANY and seen_any:
                more_any.append(rule)
                continue
            seen_any = seen_any or rule.mode is TagMode.ANY
            by_mode[rule.mode].extend(t for t in rule.tags if t not in by_mode[rule.mode])
        for mode, editor in self.editors.items():
            editor.set_tags(by_mode[mode])
        self._more_any = tuple(more_any)
        self.more.setVisible(bool(more_any))
        self.more.setText(
            "\n".join(
                "And has any of: " + ", ".join(str(t) for t in rule.tags) for rule in more_any
            )
        )
        self._update_titles()

    def _edited(self) -> None:
        self._update_titles()
        self.changed.emit()

    def _update_titles(self) -> None:
        for i, (mode, title) in enumerate(MODES):
            count = len(self.editors[mode].tags())
            self.tabs.setTabText(i, f"{title} ({count})" if count else title)
