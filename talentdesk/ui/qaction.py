"""One way to make a window's action: text, optional shortcut and tooltip, what it runs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

Shortcut = str | QKeySequence.StandardKey | None


def make_action(
    parent: QObject, text: str, shortcut: Shortcut, slot: Callable[[], object], tip: str = ""
) -> QAction:
    act = QAction(text, parent)
    if shortcut is not None:
        act.setShortcut(QKeySequence(shortcut))
    if tip:
        act.setToolTip(tip)
    act.triggered.connect(slot)
    return act
