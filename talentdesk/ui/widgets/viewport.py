"""A scroll area's viewport, found among its children rather than by `viewport()`.

The first `viewport()` called from Python in a process costs 15–35 ms: PySide works out the
Python type of Qt's private viewport class the slow way, once. `findChild` hands the same
widget back as a QWidget in a fraction of a millisecond, so the window reaches its first paint
without paying that (ui/first_paint.py; tests/integration/test_window_start_modules.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

# The name QAbstractScrollArea gives the viewport it makes (qabstractscrollarea.cpp).
VIEWPORT_NAME = "qt_scrollarea_viewport"


def viewport_of(area: QAbstractScrollArea) -> QWidget:
    found = area.findChild(QWidget, VIEWPORT_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    return found if isinstance(found, QWidget) else area.viewport()  # one set by setViewport()
