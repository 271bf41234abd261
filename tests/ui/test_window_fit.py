"""The window fits where it is put: long names are cut with "…", not the window widened; the
list's and the reminders' columns fit; the list's columns can be chosen and the Name column
stays in view when the list is scrolled sideways."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView

from talentdesk.core.candidate_list import SortColumn
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.models.candidate_table import COLUMNS
from talentdesk.ui.widgets.viewport import viewport_of
from tests.ui.window_driver import click_row

LONG_FIRST = "Αικατερίνη-Χριστίνα"
LONG_LAST = "Schwarzenberg-Hohenlohe-Waldenburg-Schillingsfürst"
COLUMN = {key: i for i, (key, _title) in enumerate(COLUMNS)}


def resized(qtbot, window: MainWindow, width: int, height: int) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.size() == QSize(width, height))


def visible_columns(table: QAbstractItemView) -> list[int]:
    header = table.horizontalHeader()
    return [c for c in range(header.count()) if not header.isSectionHidden(c)]


def test_a_long_name_is_cut_in_the_header_and_the_window_keeps_its_size(
    qtbot, add_candidate, open_window
):
    add_candidate(LONG_FIRST, LONG_LAST, title="Principal Site Reliability Engineer")
    window = open_window()
    resized(qtbot, window, 1024, 700)
    list_width = window.list_pane.width()

    click_row(qtbot, window, f"{LONG_FIRST} {LONG_LAST}")
    label = window.candidate_pane.name_label
    qtbot.waitUntil(lambda: label.text() == f"{LONG_FIRST} {LONG_LAST}")
    qtbot.waitUntil(lambda: label.isVisible())

    # The name does not widen the profile pane (and so the window): the pane can stay narrow.
    assert window.candidate_pane.minimumSizeHint().width() < label.fontMetrics().horizontalAdvance(
        label.text()
    )
    assert window.minimumSizeHint().width() <= 1024
    assert window.width() == 1024
    assert window.list_pane.width() == list_width  # nor the list squeezed
    assert label.is_elided()
    assert label.shown_text().endswith("…")
    assert label.toolTip() == label.text()  # the whole name is a hover away


def test_the_list_columns_fit_at_1280_by_800(qtbot, add_candidate, open_window):
    add_candidate("Anna", "Kowalska", title="Senior Java Developer", company="Wawel Software")
    window = open_window()
    resized(qtbot, window, 1280, 800)
    table = window.list_pane.table
    qtbot.waitUntil(lambda: table.viewport().width() > 0)

    header = table.horizontalHeader()
    used = sum(header.sectionSize(c) for c in visible_columns(table))
    assert used <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
    # Each column shown is at least as wide as its title.
    metrics = header.fontMetrics()
    for column in visible_columns(table):
        title = str(table.model().headerData(column, header.orientation()))
        assert header.sectionSize(column) >= metrics.horizontalAdvance(title), title


def test_the_reminders_what_column_is_not_cut_at_the_default_size(
    qtbot, ws, clock, add_candidate, open_window
):
    anna = add_candidate(LONG_FIRST, LONG_LAST)
    note = "Ask about the notice period"
    ws.reminders.add(anna, clock.now + timedelta(days=2), note=note)
    window = open_window()
    tree = window.reminders_pane.tree
    qtbot.waitUntil(lambda: bool(window.reminders_pane.group_items("week")))

    header = tree.header()
    what = header.sectionViewportPosition(2)
    assert what + header.sectionSize(2) <= tree.viewport().width()  # "What" ends in view
    assert header.sectionSize(2) >= tree.fontMetrics().horizontalAdvance(note) // 2
    assert not tree.horizontalScrollBar().isVisible()


def test_a_column_chooser_on_the_list_header_is_remembered(qtbot, add_candidate, open_window):
    add_candidate("Anna", "Kowalska", city="Kraków")
    window = open_window()
    table = window.list_pane.table
    city = COLUMN[SortColumn.CITY]
    company = COLUMN[SortColumn.COMPANY]

    header = table.horizontalHeader()
    header.customContextMenuRequested.emit(QPoint(10, 5))  # a right-click on the header
    menu = window.columns.menu
    assert menu is not None
    qtbot.waitUntil(menu.isVisible)
    by_title = {a.text(): a for a in menu.actions() if a.isCheckable()}
    assert not by_title["Name"].isEnabled()  # Name is always shown
    assert by_title["Company"].isChecked()
    by_title["Company"].trigger()
    if not by_title["City"].isChecked():
        by_title["City"].trigger()
    menu.hide()
    assert table.isColumnHidden(company)
    assert not table.isColumnHidden(city)
    window.close()

    again = open_window()
    assert again.list_pane.table.isColumnHidden(company)
    assert not again.list_pane.table.isColumnHidden(city)


def test_the_name_column_stays_in_view_when_the_list_is_scrolled_sideways(
    qtbot, add_candidate, open_window
):
    add_candidate("Anna", "Kowalska", city="Kraków")
    window = open_window()
    table = window.list_pane.table
    for column in range(len(COLUMNS)):
        table.setColumnHidden(column, False)
        if column:
            table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Interactive
            )
            table.setColumnWidth(column, 200)
    bar = table.horizontalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    assert window.list_pane.frozen_name is None  # at rest the table shows Name itself

    bar.setValue(bar.maximum())
    frozen = window.list_pane.frozen_name
    assert frozen is not None
    qtbot.waitUntil(frozen.isVisible)
    assert frozen.geometry().left() <= table.frameWidth()
    assert frozen.width() >= table.columnWidth(0)
    assert frozen.model() is table.model()
    assert frozen.actions() == table.actions()  # its right-click menu is the rows' menu
    name = frozen.model().index(0, 0).data()
    assert name == "Anna Kowalska"

    def lies_over_the_table() -> bool:  # as tall as the table's rows and header
        return frozen.height() == viewport_of(table).height() + table.horizontalHeader().height()

    assert lies_over_the_table()
    window.resize(window.width(), window.height() + 120)  # the table grows: the column follows
    qtbot.waitUntil(lambda: lies_over_the_table() and frozen.height() > 0)
    table.clearFocus()
    qtbot.mouseClick(viewport_of(frozen), Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    qtbot.waitUntil(table.hasFocus)  # a click on the column gives the table the keyboard

    bar.setValue(0)
    qtbot.waitUntil(lambda: not frozen.isVisible())


def test_the_list_right_click_menu_has_no_blank_item(qtbot, add_candidate, open_window):
    add_candidate("Anna", "Kowalska")
    window = open_window()
    actions = window.list_pane.table.actions()
    assert actions
    assert all(a.text().strip() for a in actions if not a.isSeparator())


def test_a_squeezed_list_saved_at_another_scale_is_restored_usable(qtbot, open_window):
    window = open_window()
    resized(qtbot, window, 1280, 800)
    # As saved by a run at another scale: the list a sliver between the other two panes.
    window.splitter.setSizes([700, 90, 490])
    window.close()

    again = open_window()
    qtbot.waitUntil(lambda: again.list_pane.width() > 0)
    assert again.list_pane.width() >= 300
    assert all(size > 0 for size in again.splitter.sizes())
