"""Read-only mode: a database that cannot be written is shown with a banner, and every action
that would write is switched off with the reason as its tooltip."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from talentdesk.ui.main_window import MainWindow


def go_read_only(w: MainWindow, reason: str) -> None:
    w.read_only_reason = reason
    w.read_only_banner.show_reason(reason)
    why = f"Read-only: {reason}"
    w.pool_pane.set_read_only()
    w.reminders_pane.reminder_actions.set_read_only()
    w.undo_stack.clear()
    for act in write_actions(w):
        act.setEnabled(False)
        act.setToolTip(why)
    pane = w.built_candidate_pane
    if pane is not None:
        pane.set_read_only(why)
    w.vacancies_tab.set_read_only(why)


def write_actions(w: MainWindow) -> list[QAction]:
    pools = w.pool_pane
    return [
        w.new_candidate_action,
        w.add_to_pool_action,
        w.add_to_vacancy_action,
        w.add_reminder_action,
        w.merge_action,
        w.delete_action,
        w.vacancies_tab.new_action,
        w.sample_action,
        w.import_action,
        w.undo_action,
        w.redo_action,
        *w.mail_ui.write_actions(),
        *w.bulk_ui.write_actions(),
        w.settings_action,
        w.privacy_action,
        pools.new_action,
        pools.rename_action,
        pools.delete_action,
        pools.cadence_action,
        pools.stages_action,
        pools.lists.new_action,
        pools.lists.edit_action,
        pools.lists.rename_action,
        pools.lists.duplicate_action,
        pools.lists.delete_action,
        pools.lists.up_action,
        pools.lists.down_action,
    ]
