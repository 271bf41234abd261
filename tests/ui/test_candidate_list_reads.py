"""Re-reading the list after a write, switching pools and sorting read the first screen on a
thread, as a search does: the rows shown stay until it lands, and a stale answer never shows."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, Qt

from talentdesk.core.candidate_list import ListQuery
from tests.ui.conftest import outside_the_window
from tests.ui.window_driver import COLUMN, click_header, click_pool, click_row, shown_names


def first_screen_threads() -> int:
    return sum(t.name == "candidate-first-screen" for t in threading.enumerate())


def test_after_a_write_the_list_shows_the_new_row(qtbot, ws, add_candidate, open_window) -> None:
    anna = add_candidate("Anna", "Kowalska")
    add_candidate("Celina", "Zając")
    window = open_window()
    click_row(qtbot, window, "Anna Kowalska")

    add_candidate("Bartek", "Nowak")  # heard by the window: the list is read again
    qtbot.waitUntil(
        lambda: shown_names(window) == ["Anna Kowalska", "Bartek Nowak", "Celina Zając"]
    )
    qtbot.waitUntil(lambda: window.count_label.text() == "3 of 3 candidates")
    assert window.list_pane.current_candidate_id() == anna  # still selected once it lands


def test_switching_pool_shows_that_pools_rows(qtbot, ws, add_candidate, open_window) -> None:
    anna = add_candidate("Anna", "Kowalska")
    add_candidate("Bartek", "Nowak")
    pool = outside_the_window(lambda: ws.pools.create("Backend"))
    outside_the_window(lambda: ws.pools.add_members(pool, [anna]))
    window = open_window()
    model = window.list_pane.model

    click_pool(qtbot, window, "Backend", wait=False)
    assert model.searching  # read on a thread: the rows shown stay meanwhile
    assert shown_names(window) == ["Anna Kowalska", "Bartek Nowak"]
    qtbot.waitUntil(lambda: shown_names(window) == ["Anna Kowalska"])
    assert window.count_label.text() == "1 of 1 candidate"

    click_pool(qtbot, window, "All candidates")
    assert shown_names(window) == ["Anna Kowalska", "Bartek Nowak"]


def test_changing_the_sort_reorders(qtbot, add_candidate, open_window) -> None:
    for first, last in [("Anna", "Kowalska"), ("Bartek", "Nowak"), ("Celina", "Zając")]:
        add_candidate(first, last)
    window = open_window()
    table = window.list_pane.table
    header = table.horizontalHeader()

    click_header(qtbot, table, COLUMN["Name"])
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert shown_names(window) == ["Celina Zając", "Bartek Nowak", "Anna Kowalska"]
    click_header(qtbot, table, COLUMN["Name"])
    assert shown_names(window) == ["Anna Kowalska", "Bartek Nowak", "Celina Zając"]


def test_a_stale_answer_never_shows(qtbot, ws, add_candidate, open_window) -> None:
    anna = add_candidate("Anna", "Kowalska")
    add_candidate("Bartek", "Nowak")
    pool = outside_the_window(lambda: ws.pools.create("Backend"))
    outside_the_window(lambda: ws.pools.add_members(pool, [anna]))
    window = open_window()
    model = window.list_pane.model
    shown: list[ListQuery] = []
    model.modelReset.connect(lambda: shown.append(model.query))

    window.list_pane.set_pool(pool)  # asked, then overtaken before it lands
    window.list_pane.model.sort(COLUMN["Name"], Qt.SortOrder.DescendingOrder)
    window.list_pane.refresh()
    qtbot.waitUntil(lambda: not model.searching and first_screen_threads() == 0)
    QCoreApplication.processEvents()  # whatever the older threads handed over, delivered

    assert shown == [model.query]  # only the last one asked for
    assert model.query.pool_id == pool and model.query.descending
    assert shown_names(window) == ["Anna Kowalska"]


def test_opening_someone_outside_the_pool_shows_everyone_at_once(
    qtbot, ws, add_candidate, open_window
) -> None:
    anna = add_candidate("Anna", "Kowalska")
    bartek = add_candidate("Bartek", "Nowak")
    pool = outside_the_window(lambda: ws.pools.create("Backend"))
    outside_the_window(lambda: ws.pools.add_members(pool, [anna]))
    window = open_window()
    click_pool(qtbot, window, "Backend")

    window.open_candidate(bartek)  # what follows (selecting him) needs the rows at once
    assert shown_names(window) == ["Anna Kowalska", "Bartek Nowak"]
    assert window.list_pane.current_candidate_id() == bartek
