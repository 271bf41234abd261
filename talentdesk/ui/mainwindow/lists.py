"""The window's smart lists: a list chosen in the pool pane shows in the candidate list, the
search box's "Save as list…", the Lists menu, and the list's export and e-mail."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu, QMenuBar

from talentdesk.core.ops.changes import Changes
from talentdesk.ui.lists.search_terms import SearchTerms

MAX_NAME = 100  # as long as a list's name may be

if TYPE_CHECKING:
    from talentdesk.ui.main_window import MainWindow


def attach(w: MainWindow) -> None:
    """Connect the lists section, the search box and the window (after the actions exist)."""
    lists = w.pool_pane.lists
    lists.undo_stack = w.undo_stack
    lists.status = w.status
    lists.export_action.triggered.connect(lambda: w.export_csv())
    lists.extra_menu_actions = [
        lists.export_action,
        w.mail_ui.email_list_action,
        w.bulk_ui.remind_all_action,
    ]
    w.pool_pane.list_selected.connect(lambda list_id: _list_selected(w, list_id))
    w.pool_pane.owner_toggle.mine_changed.connect(w.list_pane.set_mine)
    w.list_pane.save_search_requested.connect(lambda text: save_search(w, text))


def terms(w: MainWindow) -> SearchTerms:
    return SearchTerms(w.ws.listing)


def fill_menu(w: MainWindow, menu_bar: QMenuBar) -> QMenu:
    lists = w.pool_pane.lists
    menu = menu_bar.addMenu("&Lists")
    menu.addActions([lists.new_action, lists.edit_action, lists.rename_action])
    menu.addActions([lists.duplicate_action, lists.delete_action])
    menu.addActions([lists.up_action, lists.down_action])
    menu.addSeparator()
    menu.addActions([lists.export_action, w.mail_ui.email_list_action])
    menu.addAction(w.bulk_ui.remind_all_action)
    return menu


def _list_selected(w: MainWindow, list_id: int) -> None:
    w.list_pane.model.cadence_days = None  # a list has no cadence: no touch marks
    w.list_pane.set_list(list_id)


def list_needs_reading(w: MainWindow, changes: Changes) -> bool:
    """Whether an operation may have changed who is in the list shown, not only their rows (a
    saved list follows profiles, reminders and applications too, not only memberships)."""
    if changes.candidate_list or changes.pools or changes.external:
        return True
    if w.list_pane.model.query.list_id is None:
        return False
    return bool(changes.lists or changes.candidates or changes.reminders or changes.vacancies)


def save_search(w: MainWindow, text: str) -> None:
    """ "Save as list…": the filter builder on what the search asks for, within the pool or
    the saved list shown."""
    found = terms(w).filter(text)
    if found is None:
        w.status("This search cannot be read: correct it first (see the list's message).")
        return
    pane, name = w.pool_pane, ""
    list_id, saved = pane.current_list_id(), pane.lists.current_filter()
    pool_id = pane.current_pool_id()
    if list_id is not None and saved is not None:
        from talentdesk.ui.lists.combine import combined

        both = combined(saved, found)
        if both is None:
            from PySide6.QtWidgets import QMessageBox  # loaded when it first opens

            QMessageBox.information(
                w,
                "Save as list",
                f"The search and the list “{pane.lists.current_name()}” both ask for the same "
                "thing differently (two cities, say), so they make no single list. Edit the "
                "list instead, or search under All candidates.",
            )
            return
        found, name = both, f"{pane.lists.current_name()} — {text.strip()}"[:MAX_NAME]
    elif pool_id is not None:
        from dataclasses import replace  # not before the first paint (start-up)

        found = replace(found, pool_ids=(*found.pool_ids, pool_id))
    pane.lists.new_list(found, name)
