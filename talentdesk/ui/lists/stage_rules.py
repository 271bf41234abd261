"""The filter builder's stage conditions: "their stage now is / they have ever reached" some
kinds of stage, in any pool or vacancy or a chosen one, reached in a period, and kinds they
never reached ("reached interviewing or offer, never hired")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.db.enums import StageKind
from talentdesk.core.lists.filters import StageRule
from talentdesk.ui.lists.choices import Checks
from talentdesk.ui.lists.period_editor import PeriodEditor

ANYWHERE = ""


@dataclass(frozen=True)
class Scope:
    """A pool or vacancy a stage condition can be narrowed to, as the combo box shows it."""

    key: str  # "pool:3", "vacancy:7"
    label: str

    @staticmethod
    def of(rule: StageRule) -> str:
        if rule.pool_id is not None:
            return f"pool:{rule.pool_id}"
        if rule.vacancy_id is not None:
            return f"vacancy:{rule.vacancy_id}"
        return ANYWHERE


def _kinds() -> list[tuple[StageKind, str]]:
    return [(kind, kind.label) for kind in StageKind]


class StageRuleEditor(QFrame):
    changed = Signal()
    remove_requested = Signal()

    def __init__(
        self, scopes: list[Scope], today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.ever = QComboBox()
        self.ever.addItem("Their stage now is", False)
        self.ever.addItem("They have ever reached", True)
        self.ever.setAccessibleName("Stage now or ever reached")
        self.kinds = Checks(_kinds(), columns=5)
        self.scope = QComboBox()
        self.scope.setAccessibleName("Where")
        self.scope.addItem("any pool or vacancy", ANYWHERE)
        for scope in scopes:
            self.scope.addItem(scope.label, scope.key)
        self.reached = PeriodEditor(today)
        self.reached.setAccessibleName("Reached")
        self.never = Checks(_kinds(), columns=5)
        remove = QPushButton("Remove this condition")
        remove.clicked.connect(self.remove_requested)
        top = QHBoxLayout()
        top.addWidget(self.ever)
        top.addStretch()
        top.addWidget(remove)
        form = QFormLayout()
        form.addRow("one of:", self.kinds)
        form.addRow("in:", self.scope)
        form.addRow("got there:", self.reached)
        form.addRow("never reached:", self.never)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(form)
        self.ever.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.scope.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for signal in (self.kinds.changed, self.reached.changed, self.never.changed):
            signal.connect(self.changed)

    def rule(self) -> StageRule:
        """The condition (ValueError for a period that is not one)."""
        key: str = self.scope.currentData() or ANYWHERE
        kind, _, number = key.partition(":")
        return StageRule(
            kinds=self.kinds.values(),
            ever=bool(self.ever.currentData()),
            reached=self.reached.value(),
            never=self.never.values(),
            pool_id=int(number) if kind == "pool" else None,
            vacancy_id=int(number) if kind == "vacancy" else None,
        )

    def set_rule(self, rule: StageRule) -> None:
        self.ever.setCurrentIndex(1 if rule.ever else 0)
        self.kinds.set_values(rule.kinds)
        key = Scope.of(rule)
        if key and self.scope.findData(key) < 0:  # a pool or vacancy deleted since
            self.scope.addItem("(a pool or vacancy that no longer exists)", key)
        self.scope.setCurrentIndex(self.scope.findData(key))
        self.reached.set_value(rule.reached)
        self.never.set_values(rule.never)


class StageRulesEditor(QWidget):
    """Any number of stage conditions (all must hold), and a button to add one."""

    changed = Signal()

    def __init__(
        self, scopes: list[Scope], today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._scopes = scopes
        self._today = today
        self.editors: list[StageRuleEditor] = []
        self._rows = QVBoxLayout()
        self._rows.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton("Add a stage condition")
        self.add_button.clicked.connect(lambda: self.add_rule(StageRule()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._rows)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch()
        layout.addLayout(buttons)

    def add_rule(self, rule: StageRule) -> StageRuleEditor:
        editor = StageRuleEditor(self._scopes, self._today)
        editor.set_rule(rule)
        editor.changed.connect(self.changed)
        editor.remove_requested.connect(lambda: self._remove(editor))
        self._rows.addWidget(editor)
        self.editors.append(editor)
        self.changed.emit()
        return editor

    def rules(self) -> tuple[StageRule, ...]:
        """The conditions that say something (one without stages or a place is left out)."""
        rules = (editor.rule() for editor in self.editors)
        return tuple(
            rule
            for rule in rules
            if rule.kinds or rule.never or rule.pool_id is not None or rule.vacancy_id is not None
        )

    def set_rules(self, rules: tuple[StageRule, ...]) -> None:
        for editor in list(self.editors):
            self._remove(editor, quietly=True)
        for rule in rules:
            self.add_rule(rule)

    def _remove(self, editor: StageRuleEditor, quietly: bool = False) -> None:
        self.editors.remove(editor)
        editor.hide()
        editor.setParent(None)
        editor.deleteLater()
        if not quietly:
            self.changed.emit()
