"""The main window on first run (the sample data offer) and its remembered size and splitters."""

from __future__ import annotations

from PySide6.QtCore import QSize

from tests.ui.window_driver import LEFT, pool_rows


# -- 8. first run ---------------------------------------------------------------------------------
def test_first_run_offers_sample_data(qtbot, ws, window, settle):
    pane = window.list_pane
    assert pane.stack.currentWidget() is pane.empty
    assert pane.empty_title.text() == "Your talent pool is empty"
    assert pane.sample_button.isVisible()
    assert pane.sample_button.text() == "Load sample data"
    assert window.count_label.text() == "0 of 0 candidates"

    qtbot.mouseClick(pane.sample_button, LEFT)
    settle(window)

    in_db = ws.candidates.count()
    assert in_db >= 30
    assert pane.model.rowCount() == in_db
    assert pane.stack.currentWidget() is pane.table
    assert not pane.sample_button.isVisible()
    assert window.count_label.text() == f"{in_db} of {in_db} candidates"
    assert window.pool_pane.model.pool_count() == 3
    pools = ws.reads.pool_summaries()
    assert len(pools) == 3
    rows = pool_rows(window)
    assert rows[0] == f"All candidates  ({in_db})"
    losing = ws.reads.losing_touch_counts()
    for row, pool in zip(rows[1:], pools, strict=True):
        amber, red = losing.get(pool.id, (0, 0))
        suffix = f"  ⚠ {amber + red}" if amber + red else ""
        assert row == f"{pool.name}  ({pool.members}){suffix}"
    assert any(sum(counts) for counts in losing.values())  # the sample pools have cadences
    assert all(p.members > 0 for p in pools)
    assert window.reminders_pane.tree.topLevelItemCount() == 4  # overdue, today, week, later


# -- 9. window layout -----------------------------------------------------------------------------
def test_window_size_and_splitters_are_remembered(qtbot, ws, paths, open_window):
    window = open_window()
    # As narrow as the window goes: restoreGeometry() shrinks a window that is wider than the
    # screen (the offscreen platform's is 800 pixels) down to its minimum width.
    size = QSize(window.minimumSizeHint().width(), 740)
    assert size != window.size()
    window.resize(size)
    qtbot.waitUntil(lambda: window.size() == size)
    window.splitter.setSizes([200, 480, 300])
    window.left.setSizes([180, 420])
    main_sizes, left_sizes = window.splitter.sizes(), window.left.sizes()
    assert main_sizes != [340, 610, 450]
    window.close()
    assert paths.settings.exists()

    again = open_window()
    assert again is not window
    assert again.size() == size
    assert again.splitter.sizes() == main_sizes
    assert again.left.sizes() == left_sizes
