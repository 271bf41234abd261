"""Smart lists in the window, driven like a user: the starters in the pool pane with their
counts, the filter builder, editing, deleting with Undo, and the search box's chips and
completion."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QListView

from talentdesk.core.db.enums import InteractionKind, Seniority, TagCategory
from talentdesk.core.lists.filters import Filter, TagMode, TagRule
from talentdesk.core.ops.changes import Changes
from talentdesk.core.records import TagRef
from talentdesk.core.workspace import Workspace
from talentdesk.ui.lists.filter_dialog import FilterDialog
from talentdesk.ui.main_window import MainWindow
from tests.ui.conftest import outside_the_window
from tests.ui.window_driver import CTRL, LEFT, search_for, shown_names

KOTLIN = TagRef(TagCategory.SKILL, "Kotlin")


def parse_tags(name: str) -> tuple[TagRule, ...]:
    """`tag:NAME` as the search box reads it: a tag of that name in any category."""
    return (TagRule(TagMode.ALL, (), (name,)),)


def with_lists(qtbot, window: MainWindow) -> MainWindow:
    """The window once its saved lists are read (right after the database's write side)."""
    qtbot.waitUntil(lambda: window.pool_pane.lists.loaded)
    return window


def list_rows(window: MainWindow) -> list[str]:
    model = window.pool_pane.lists.model
    return [model.index(row).data() for row in range(model.rowCount())]


def click_list(qtbot, window: MainWindow, label_start: str) -> None:
    view: QListView = window.pool_pane.lists.view
    row = next(i for i, label in enumerate(list_rows(window)) if label.startswith(label_start))
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(view.model().index(row)).center())


def save_button(dialog: FilterDialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


@pytest.fixture
def people(ws: Workspace, add_candidate, clock) -> dict[str, int]:
    """Anna (Kotlin, senior, called last month, near-fit in Backend), Jan (Kotlin, never
    contacted), Piotr (senior, called two months ago)."""
    ids = {
        "Anna Kowalska": add_candidate(
            "Anna", "Kowalska", tags=[KOTLIN], seniority=Seniority.SENIOR, email="a@example.com"
        ),
        "Jan Nowak": add_candidate("Jan", "Nowak", tags=[KOTLIN], email="j@example.com"),
        "Piotr Zieliński": add_candidate("Piotr", "Zieliński", seniority=Seniority.SENIOR),
    }

    def seed() -> None:
        for name, days in (("Anna Kowalska", 30), ("Piotr Zieliński", 60)):
            ws.interactions.log(
                ids[name], InteractionKind.CALL, clock() - timedelta(days=days), subject="Call"
            )
        pool_id = ws.pools.create("Backend")
        ws.pools.add_members(pool_id, list(ids.values()))
        ws.pools.set_near_fit(pool_id, ids["Anna Kowalska"], True)

    outside_the_window(seed)
    return ids


def test_a_starter_list_shows_its_people_with_its_count(
    qtbot, open_window: Callable[[], MainWindow], people: dict[str, int]
) -> None:
    window = with_lists(qtbot, open_window())
    assert "Near-fits  (1)" in list_rows(window)
    assert "No contact in 6 months  (1)" in list_rows(window)  # Jan: never contacted

    click_list(qtbot, window, "Near-fits")

    qtbot.waitUntil(lambda: shown_names(window) == ["Anna Kowalska"])
    assert window.count_label.text() == "1 of 1 candidate"
    assert window.pool_pane.current_pool_id() is None
    assert not window.pool_pane.view.selectionModel().hasSelection()
    assert not window.pool_pane.cadence_action.isEnabled()  # a pool's, not a list's
    # Choosing a pool again shows the pool.
    window.pool_pane.select_pool(None)
    qtbot.waitUntil(lambda: len(shown_names(window)) == 3)
    assert window.pool_pane.current_list_id() is None


def test_a_list_made_in_the_filter_builder_counts_as_it_is_edited(
    qtbot, ws: Workspace, open_window: Callable[[], MainWindow], people: dict[str, int], settle
) -> None:
    window = with_lists(qtbot, open_window())
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.findChild(FilterDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.count_label.text() == "3 candidates match"
    assert not save_button(dialog).isEnabled()  # no name yet

    qtbot.keyClicks(dialog.name, "Senior people")
    dialog.form.seniorities.boxes[Seniority.SENIOR].click()
    qtbot.waitUntil(lambda: dialog.count_label.text() == "2 candidates match")
    dialog.form.seniorities.boxes[Seniority.EXECUTIVE].click()  # senior or executive
    dialog.form.has_email.setCurrentIndex(2)  # without an e-mail address
    qtbot.waitUntil(lambda: dialog.count_label.text() == "1 candidate matches")
    dialog.form.seniorities.boxes[Seniority.SENIOR].click()
    qtbot.waitUntil(lambda: dialog.count_label.text() == "No one matches this filter yet")
    dialog.form.seniorities.boxes[Seniority.SENIOR].click()
    qtbot.waitUntil(lambda: dialog.count_label.text() == "1 candidate matches")

    with qtbot.waitSignal(dialog.finished):  # once the list is stored
        qtbot.mouseClick(save_button(dialog), LEFT)
    settle(window)

    saved = ws.lists.get_by_name("Senior people")
    assert saved is not None
    assert saved.filter == Filter(
        seniorities=frozenset({Seniority.SENIOR, Seniority.EXECUTIVE}), has_email=False
    )
    assert "Senior people  (1)" in list_rows(window)
    assert window.pool_pane.current_list_id() == saved.id
    qtbot.waitUntil(lambda: shown_names(window) == ["Piotr Zieliński"])


def test_an_impossible_period_is_refused_before_saving(
    qtbot, open_window: Callable[[], MainWindow], people: dict[str, int]
) -> None:
    window = with_lists(qtbot, open_window())
    dialog = window.pool_pane.lists.new_list()
    assert dialog is not None
    qtbot.keyClicks(dialog.name, "Backwards")
    form = dialog.form
    form.contact.setCurrentIndex(form.contact.findText("contacted"))
    form.contact_period.mode.setCurrentIndex(form.contact_period.mode.findText("between"))
    qtbot.keyClicks(form.contact_period.start.edit, "2026-06-01")
    qtbot.keyClicks(form.contact_period.end.edit, "2026-01-31")

    qtbot.waitUntil(lambda: "before it starts" in dialog.count_label.text())
    assert dialog.count_label.text() == (
        "Last contact: The period ends (2026-01-31) before it starts (2026-06-01)."
    )
    assert not save_button(dialog).isEnabled()
    dialog.reject()


def test_editing_a_list_changes_its_name_and_filter(
    qtbot, ws: Workspace, open_window: Callable[[], MainWindow], people: dict[str, int], settle
) -> None:
    window = with_lists(qtbot, open_window())
    click_list(qtbot, window, "Near-fits")
    dialog = window.pool_pane.lists.edit_list()
    assert dialog is not None
    assert dialog.name.text() == "Near-fits"
    assert dialog.form.near_fit.value() is True
    assert dialog.count_label.text() == "1 candidate matches"

    dialog.name.selectAll()
    qtbot.keyClicks(dialog.name, "Not near-fits")
    dialog.form.near_fit.setCurrentIndex(2)  # not near-fit
    qtbot.waitUntil(lambda: dialog.count_label.text() == "2 candidates match")
    qtbot.mouseClick(save_button(dialog), LEFT)
    settle(window)

    assert ws.lists.get_by_name("Near-fits") is None
    edited = ws.lists.get_by_name("Not near-fits")
    assert edited is not None and edited.filter == Filter(near_fit=False)
    qtbot.waitUntil(lambda: "Not near-fits  (2)" in list_rows(window))
    qtbot.waitUntil(lambda: shown_names(window) == ["Jan Nowak", "Piotr Zieliński"])


def test_deleting_a_list_is_undone_with_ctrl_z(
    qtbot, ws: Workspace, open_window: Callable[[], MainWindow], people: dict[str, int], settle
) -> None:
    window = with_lists(qtbot, open_window())
    click_list(qtbot, window, "Withdrawn")
    view = window.pool_pane.lists.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    before = list_rows(window)

    qtbot.keyClick(view, Qt.Key.Key_Delete)
    settle(window)
    qtbot.waitUntil(lambda: not any(r.startswith("Withdrawn") for r in list_rows(window)))
    assert ws.lists.get_by_name("Withdrawn") is None
    assert "Deleted the list “Withdrawn”" in window.statusBar().currentMessage()

    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    settle(window)
    qtbot.waitUntil(lambda: list_rows(window) == before)  # back in its place
    assert ws.lists.get_by_name("Withdrawn") is not None
    assert window.pool_pane.lists.current_name() == "Withdrawn"


def test_save_as_list_keeps_the_search_as_a_list(
    qtbot, ws: Workspace, open_window: Callable[[], MainWindow], people: dict[str, int], settle
) -> None:
    window = with_lists(qtbot, open_window())
    search_for(qtbot, window, "tag:kotlin")
    qtbot.mouseClick(window.list_pane.search_bar.save_button, LEFT)
    dialog = window.findChild(FilterDialog)
    assert dialog is not None
    assert dialog.form.tags.names["all"].text() == "kotlin"
    assert dialog.count_label.text() == "2 candidates match"
    qtbot.keyClicks(dialog.name, "Kotlin people")
    qtbot.mouseClick(save_button(dialog), LEFT)
    settle(window)

    saved = ws.lists.get_by_name("Kotlin people")
    assert saved is not None and saved.count == 2


def test_the_keyboard_goes_from_the_pools_on_to_the_lists_and_back(
    qtbot, open_window: Callable[[], MainWindow], people: dict[str, int]
) -> None:
    window = with_lists(qtbot, open_window())
    pools, lists = window.pool_pane.view, window.pool_pane.lists.view
    pools.setFocus()
    window.pool_pane.select_pool(None)
    qtbot.waitUntil(pools.hasFocus)

    qtbot.keyClick(pools, Qt.Key.Key_Down)  # All candidates → Backend
    qtbot.keyClick(pools, Qt.Key.Key_Down)  # the last pool → the first list
    assert lists.hasFocus()
    assert window.pool_pane.lists.current_name() == "Declined offers — last 12 months"
    qtbot.waitUntil(lambda: shown_names(window) == [])

    qtbot.keyClick(lists, Qt.Key.Key_Up)  # back to the last pool
    assert pools.hasFocus()
    assert window.pool_pane.current_pool_name() == "Backend"
    assert window.pool_pane.current_list_id() is None
    qtbot.waitUntil(lambda: len(shown_names(window)) == 3)


def test_duplicate_rename_and_reorder_a_list(
    qtbot,
    ws: Workspace,
    open_window: Callable[[], MainWindow],
    people: dict[str, int],
    settle,
    modal,
) -> None:
    window = with_lists(qtbot, open_window())
    section = window.pool_pane.lists
    click_list(qtbot, window, "Near-fits")

    section.duplicate_action.trigger()
    settle(window)
    qtbot.waitUntil(lambda: section.current_name() == "Near-fits (copy)")
    copy = ws.lists.get_by_name("Near-fits (copy)")
    assert copy is not None and copy.filter == Filter(near_fit=True)
    assert list_rows(window)[-1] == "Near-fits (copy)  (1)"

    def rename(dialog) -> None:
        line = dialog.findChild(QLineEdit)
        line.selectAll()
        qtbot.keyClicks(line, "Near-fits, Kotlin")
        dialog.accept()

    modal.run(section.rename_action.trigger, rename)
    settle(window)
    qtbot.waitUntil(lambda: list_rows(window)[-1] == "Near-fits, Kotlin  (1)")

    window.activateWindow()  # back from the rename box
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    section.view.setFocus()
    qtbot.waitUntil(section.view.hasFocus)
    qtbot.keyClick(section.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    settle(window)
    qtbot.waitUntil(lambda: list_rows(window)[-2] == "Near-fits, Kotlin  (1)")
    assert section.current_name() == "Near-fits, Kotlin"


def test_the_next_list_is_shown_after_a_delete_and_everyone_when_the_list_goes_elsewhere(
    qtbot, ws: Workspace, open_window: Callable[[], MainWindow], people: dict[str, int], settle
) -> None:
    window = with_lists(qtbot, open_window())
    section = window.pool_pane.lists
    click_list(qtbot, window, "Withdrawn")
    section.delete_action.trigger()
    settle(window)
    qtbot.waitUntil(lambda: section.current_name() == "Near-fits")  # the one after it
    qtbot.waitUntil(lambda: shown_names(window) == ["Anna Kowalska"])

    # Another window (or process) deletes the list shown: everyone is shown instead.
    near_fits = section.current_list_id()
    assert near_fits is not None
    outside_the_window(lambda: ws.lists.delete(near_fits))
    window.events.touch(Changes(lists=True))
    qtbot.waitUntil(lambda: window.pool_pane.current_list_id() is None)
    assert window.pool_pane.current_pool_name() == "All candidates"
    qtbot.waitUntil(lambda: len(shown_names(window)) == 3)


def test_a_search_within_a_list_is_saved_as_the_list_and_the_search(
    qtbot, ws: Workspace, open_window: Callable[[], MainWindow], people: dict[str, int], settle
) -> None:
    window = with_lists(qtbot, open_window())
    click_list(qtbot, window, "No contact in 6 months")  # Jan
    search_for(qtbot, window, "tag:kotlin")
    bar = window.list_pane.search_bar
    qtbot.waitUntil(lambda: bar.chips.labels() == ["Tag: kotlin"])

    qtbot.mouseClick(bar.save_button, LEFT)
    dialog = window.findChild(FilterDialog)
    assert dialog is not None
    assert dialog.name.text() == "No contact in 6 months — tag:kotlin"
    assert dialog.count_label.text() == "1 candidate matches"
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(save_button(dialog), LEFT)
    settle(window)

    saved = ws.lists.get_by_name("No contact in 6 months — tag:kotlin")
    starter = ws.lists.get_by_name("No contact in 6 months")
    assert saved is not None and starter is not None
    assert saved.filter == replace(starter.filter, tags=parse_tags("kotlin"))
    assert saved.count == 1


def test_read_only_the_lists_are_shown_but_not_changed(
    qtbot, open_window: Callable[[], MainWindow], people: dict[str, int]
) -> None:
    window = with_lists(qtbot, open_window())
    window.go_read_only("the disk is full")
    section = window.pool_pane.lists
    click_list(qtbot, window, "Near-fits")

    qtbot.waitUntil(lambda: shown_names(window) == ["Anna Kowalska"])
    for action in (section.new_action, section.edit_action, section.delete_action):
        assert not action.isEnabled(), action.text()
    assert section.export_action.isEnabled()  # exporting only reads
    assert section.new_list() is None and section.edit_list() is None


def test_enter_in_the_tag_input_adds_the_tag_and_does_not_save(
    qtbot, ws: Workspace, open_window: Callable[[], MainWindow], people: dict[str, int], settle
) -> None:
    window = with_lists(qtbot, open_window())
    dialog = window.pool_pane.lists.new_list()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.name, "Kotlin")
    editor = dialog.form.tags.editors[TagMode.ALL]
    editor.input.setFocus()
    qtbot.keyClicks(editor.input, "Kotlin")
    qtbot.keyClick(editor.input, Qt.Key.Key_Return)

    assert editor.tags() == [KOTLIN]
    assert dialog.isVisible() and not dialog.saving
    qtbot.waitUntil(lambda: dialog.count_label.text() == "2 candidates match")
    dialog.name.setFocus()
    with qtbot.waitSignal(dialog.finished):  # Enter in the name saves
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    settle(window)
    assert ws.lists.get_by_name("Kotlin") is not None


def test_a_list_stays_shown_when_the_pools_change(
    qtbot, ws: Workspace, open_window: Callable[[], MainWindow], people: dict[str, int]
) -> None:
    window = with_lists(qtbot, open_window())
    click_list(qtbot, window, "Near-fits")
    qtbot.waitUntil(lambda: shown_names(window) == ["Anna Kowalska"])

    outside_the_window(lambda: ws.pools.create("Frontend"))
    qtbot.waitUntil(lambda: window.pool_pane.model.pool_count() == 2)
    outside_the_window(lambda: ws.candidates.delete([people["Jan Nowak"]]))
    qtbot.waitUntil(lambda: "No contact in 6 months  (0)" in list_rows(window))

    assert window.pool_pane.lists.current_name() == "Near-fits"
    assert shown_names(window) == ["Anna Kowalska"]
    assert window.count_label.text() == "1 of 1 candidate"


def test_a_hidden_window_counts_its_lists_when_shown_again(
    qtbot, ws: Workspace, open_window: Callable[[], MainWindow], people: dict[str, int]
) -> None:
    window = with_lists(qtbot, open_window())
    assert "No contact in 6 months  (1)" in list_rows(window)
    window.hide()  # in the tray: nothing is counted while hidden

    outside_the_window(lambda: ws.candidates.delete([people["Jan Nowak"]]))
    qtbot.waitUntil(lambda: window.pool_pane.lists.stale)
    assert "No contact in 6 months  (1)" in list_rows(window)

    window.show()
    qtbot.waitUntil(lambda: "No contact in 6 months  (0)" in list_rows(window))
