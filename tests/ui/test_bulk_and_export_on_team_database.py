"""The window's bulk actions and its export dialog on a team database (issue 18): the same
result as on the local file, and the bulk action's undo as exact."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from talentdesk.core.db.enums import TagCategory
from talentdesk.core.records import TagRef
from talentdesk.core.workspace import Workspace
from talentdesk.ui.dialogs.export_dialog import ExportDialog, Scope
from talentdesk.ui.main_window import MainWindow
from tests.ui.conftest import outside_the_window
from tests.ui.team_window import team_paths, team_ws  # noqa: F401  (`paths`, `ws`)
from tests.ui.test_bulk_ui import selection_menu_action, tag_kotlin
from tests.ui.test_export_dialog import choose, export, read_csv, set_path, tick_only
from tests.ui.window_driver import CTRL, click_row, search_for, shown_names

KOTLIN = TagRef(TagCategory.SKILL, "Kotlin")


def test_tagging_a_selection_and_ctrl_z_on_a_team_database(
    qtbot, ws: Workspace, add_candidate, open_window: Callable[[], MainWindow], modal, settle
) -> None:
    anna = add_candidate("Anna", "Test")
    bartek = add_candidate("Bartek", "Test")
    celina = add_candidate("Celina", "Test")
    window = open_window()
    settle(window)
    click_row(qtbot, window, "Anna Test")
    click_row(qtbot, window, "Celina Test", CTRL)

    modal.run(selection_menu_action(window, "&Tag…").trigger, tag_kotlin(qtbot))
    settle(window)
    assert window.statusBar().currentMessage() == (
        "Tagged 2 candidates Kotlin · skill. Undo with Ctrl+Z."
    )
    tags = [ws.candidates.get(i).tags for i in (anna, bartek, celina)]
    assert tags == [[KOTLIN], [], [KOTLIN]]
    search_for(qtbot, window, "kotlin")  # the server's search index has the new tags
    qtbot.waitUntil(lambda: shown_names(window) == ["Anna Test", "Celina Test"])

    window.list_pane.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    settle(window)
    assert window.statusBar().currentMessage() == "Undid: tagged 2 candidates Kotlin · skill"
    assert ws.candidates.get(anna).tags == ws.candidates.get(celina).tags == []
    qtbot.waitUntil(lambda: shown_names(window) == [])


def test_exporting_a_pool_with_its_stages_on_a_team_database(
    qtbot, ws: Workspace, add_candidate, open_window: Callable[[], MainWindow], tmp_path: Path
) -> None:
    anna = add_candidate("Anna", "Kowalska", other_emails=["a@x.example", "b@x.example"])
    piotr = add_candidate("Piotr", "Zieliński")
    add_candidate("Jan", "Nowak")
    java = outside_the_window(lambda: ws.pools.create("Java – Kraków"))
    design = outside_the_window(lambda: ws.pools.create("Designers"))
    outside_the_window(lambda: ws.pools.add_members(java, [anna, piotr]))
    outside_the_window(lambda: ws.pools.add_members(design, [anna]))
    outside_the_window(lambda: ws.pools.set_near_fit(design, anna, True))
    for name in ("zeta", "Alpha", "beta"):  # ordered as SQLite orders them: byte by byte
        tag = TagRef(TagCategory.SKILL, name)
        outside_the_window(lambda tag=tag: ws.bulk.tag([anna], [tag]))
    window = open_window()
    pane = window.pool_pane
    pane.select_pool(java)
    pane.export_action.trigger()
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ExportDialog)
    assert dialog.scope() is Scope.POOL
    choose(qtbot, dialog.everyone_scope)
    columns = ["Last name", "Other e-mails", "Tags", "Pools", "Stage", "Near-fit"]
    tick_only(dialog, columns)
    set_path(qtbot, dialog, tmp_path / "everyone.csv")
    rows, path = export(qtbot, dialog)

    assert rows == 3
    assert read_csv(path) == [
        columns,
        [
            "Kowalska",
            "a@x.example; b@x.example",
            "skill:Alpha; skill:beta; skill:zeta",
            "Designers; Java – Kraków",
            "Designers: Sourced; Java – Kraków: Sourced",
            "Designers",
        ],
        ["Nowak", "", "", "", "", ""],
        ["Zieliński", "", "", "Java – Kraków", "Java – Kraków: Sourced", ""],
    ]
