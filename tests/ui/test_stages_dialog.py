"""Editing a pool's stages in the window: rename, reorder, add, say what a stage means."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QMessageBox

from talentdesk.core.db.enums import DEFAULT_STAGES, StageKind
from talentdesk.core.stages import Pipeline
from talentdesk.ui.dialogs.stages_dialog import StagesDialog


def test_edit_stages_renames_reorders_adds_and_sets_the_kind(
    qtbot, ws, add_candidate, open_window, modal
):
    pool = ws.pools.create("Kraków Java")
    anna = add_candidate("Anna", "Nowak")
    ws.pools.add_members(pool, [anna])
    window = open_window()
    window.pool_pane.select_pool(pool)

    def edit(dialog: StagesDialog) -> None:
        table = dialog.table
        assert [table.item(r, 0).text() for r in range(table.rowCount())] == list(DEFAULT_STAGES)
        assert table.item(0, 2).text() == "1"
        table.selectRow(0)
        assert not dialog.remove_button.isEnabled()  # Anna is there
        assert "move them first" in dialog.remove_button.toolTip()
        table.item(0, 0).setText("Long list")
        dialog.down_button.click()
        assert table.item(1, 0).text() == "Long list"
        dialog.add_button.click()
        table.item(2, 0).setText("Tech test")
        kind = table.cellWidget(2, 1)
        assert isinstance(kind, QComboBox)
        kind.setCurrentIndex(kind.findData(StageKind.INTERVIEWING))
        table.selectRow(table.rowCount() - 1)  # Withdrawn: nobody there
        dialog.remove_button.click()
        dialog.save_button.click()
        qtbot.waitUntil(lambda: not dialog.isVisible())

    modal.run(window.pool_pane.stages_action.trigger, edit)
    rows = ws.stages.stages(Pipeline.POOL, pool)
    assert [(r.name, r.kind) for r in rows[:3]] == [
        ("Contacted", StageKind.CONTACTED),
        ("Long list", StageKind.NEW),
        ("Tech test", StageKind.INTERVIEWING),
    ]
    assert "Withdrawn" not in [r.name for r in rows]
    assert ws.pools.memberships(anna)[0].stage_name == "Long list"


def test_two_stages_with_one_name_are_refused_and_the_dialog_stays(qtbot, ws, open_window, modal):
    pool = ws.pools.create("Data")
    window = open_window()
    window.pool_pane.select_pool(pool)
    shown: list[str] = []

    def clash(dialog: StagesDialog) -> None:
        dialog.table.item(1, 0).setText("sourced")
        dialog.save_button.click()
        qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "errorBox") is not None)
        box = dialog.findChild(QMessageBox, "errorBox")
        shown.append(box.text())
        box.close()
        qtbot.waitUntil(dialog.save_button.isEnabled)
        assert dialog.isVisible()
        dialog.reject()

    modal.run(window.pool_pane.stages_action.trigger, clash)
    assert "two stages are called sourced" in shown[0]
    assert [r.name for r in ws.stages.stages(Pipeline.POOL, pool)] == list(DEFAULT_STAGES)
