"""Driving the main window like a user, for the UI tests: what the user sees (the rows, the
columns, the pools) and what the user does (clicks, typing, searching)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QTableView, QWidget
from sqlalchemy import text

from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.models.candidate_table import COLUMNS, CandidateTableModel

CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton
COLUMN = {title: number for number, (_sort, title) in enumerate(COLUMNS)}


# -- what the user sees -------------------------------------------------------------------------
def shown_names(window: MainWindow) -> list[str]:
    model = window.list_pane.model
    return [model.index(row, COLUMN["Name"]).data() for row in range(model.rowCount())]


def shown_column(window: MainWindow, title: str) -> dict[str, str]:
    """Name → the text in column `title`, for every row of the candidate table."""
    model = window.list_pane.model
    return {
        model.index(row, COLUMN["Name"]).data(): model.index(row, COLUMN[title]).data()
        for row in range(model.rowCount())
    }


def pool_rows(window: MainWindow) -> list[str]:
    model = window.pool_pane.model
    return [model.index(row).data() for row in range(model.rowCount())]


def sql(ws, statement: str, **params: object) -> list[tuple]:
    with ws.db.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text(statement), params)]


# -- what the user does -------------------------------------------------------------------------
def click_row(qtbot, window: MainWindow, name: str, modifier=Qt.KeyboardModifier.NoModifier):
    table = window.list_pane.table
    row = shown_names(window).index(name)
    center = table.visualRect(table.model().index(row, COLUMN["Name"])).center()
    qtbot.mouseClick(table.viewport(), LEFT, modifier, center)


def wait_for_list(qtbot, model: CandidateTableModel) -> None:
    """Until the list asked for shows (its first screen is read on a thread), as a user waits."""
    qtbot.waitUntil(lambda: not model.searching)


def click_pool(qtbot, window: MainWindow, label_start: str, wait: bool = True) -> None:
    view = window.pool_pane.view
    row = next(i for i, label in enumerate(pool_rows(window)) if label.startswith(label_start))
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(view.model().index(row)).center())
    if wait:
        wait_for_list(qtbot, window.list_pane.model)


def click_header(qtbot, table: QTableView, column: int) -> None:
    table.scrollTo(table.model().index(0, column))  # the column may be scrolled out of sight
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), LEFT, pos=QPoint(x, header.height() // 2))
    model = table.model()
    if isinstance(model, CandidateTableModel):
        wait_for_list(qtbot, model)


def double_click(qtbot, widget: QWidget, pos: QPoint) -> None:
    # QTest's double click alone is a press and a double-click event, without the first click
    # that a real double click starts with; item views ignore it.
    qtbot.mouseClick(widget, LEFT, pos=pos)
    qtbot.mouseDClick(widget, LEFT, pos=pos)


def type_text(qtbot, widget: QWidget, value: str) -> None:
    """qtbot.keyClicks, also for letters beyond ASCII (QTest aborts on "ó" or "Ł")."""
    for char in value:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def type_into(qtbot, widget: QWidget, value: str) -> None:
    qtbot.mouseClick(widget, LEFT)
    type_text(qtbot, widget, value)


def search_for(qtbot, window: MainWindow, value: str) -> None:
    """Ctrl+F, type over whatever is in the box, and wait for the debounced query."""
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert window.list_pane.search.hasFocus()
    type_text(qtbot, window.list_pane.search, value)
    qtbot.waitUntil(lambda: window.list_pane.model.query.search == value)


def wait_for_new_candidate_form(qtbot, window: MainWindow) -> None:
    """After Ctrl+N: the form shows once the event loop has run, as it does for a user."""
    pane = window.candidate_pane
    qtbot.waitUntil(lambda: pane.form.isVisible() and pane.name_label.text() == "New candidate")


def press_button(qtbot, dialog: QWidget, which: QDialogButtonBox.StandardButton) -> None:
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(which), LEFT)
