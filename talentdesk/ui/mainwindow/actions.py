"""The window's actions, and the menus, toolbar and list menus built from them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu, QToolBar

import talentdesk
from talentdesk import APP_NAME
from talentdesk.ui.bulk.window_bulk import WindowBulk
from talentdesk.ui.column_chooser import ColumnChooser
from talentdesk.ui.mail.window_mail import WindowMail
from talentdesk.ui.mainwindow import commands
from talentdesk.ui.mainwindow import lists as window_lists
from talentdesk.ui.models.candidate_table import COLUMNS
from talentdesk.ui.panes.candidate_list_pane import ALWAYS_SHOWN, HIDDEN_BY_DEFAULT
from talentdesk.ui.privacy.window_privacy import WindowPrivacy
from talentdesk.ui.qaction import Shortcut, make_action
from talentdesk.ui.team.window_team import WindowTeam

if TYPE_CHECKING:
    from talentdesk.ui.main_window import MainWindow


def _action(
    w: MainWindow, text: str, shortcut: Shortcut, slot: Callable[[], object], tip: str = ""
) -> QAction:
    return make_action(w, text, shortcut, slot, tip)


def create_actions(w: MainWindow) -> None:
    """The window's actions, as its attributes (`w.new_candidate_action`, …)."""
    _candidate_actions(w)
    _file_actions(w)
    w.find_action = _action(w, "&Find…", QKeySequence.StandardKey.Find, lambda: _find(w))
    w.quit_action = _action(w, "&Quit", QKeySequence.StandardKey.Quit, w.quit)
    w.settings_action = _action(w, "&Settings…", "Ctrl+,", w.open_settings)
    w.privacy_action = _action(w, "&Privacy…", None, lambda: _privacy(w))
    w.consent_action = _action(
        w, "C&onsent…", None, lambda: _consent(w), "The shown candidate's consent and legal basis"
    )
    w.undo_action = w.undo_stack.createUndoAction(w, "&Undo")
    w.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
    w.redo_action = w.undo_stack.createRedoAction(w, "&Redo")
    w.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
    w.about_action = _action(w, "&About TalentDesk", None, lambda: _about(w))
    w.mail_ui = WindowMail(w)
    w.bulk_ui = WindowBulk(w)
    w.privacy_ui = WindowPrivacy(w)
    w.team_ui = WindowTeam(w)  # team database: File menu, title, status bar


def _merge(w: MainWindow) -> None:
    from talentdesk.ui.duplicates.merge_dialog import merge_selected  # after the first paint

    merge_selected(w)


def _erase(w: MainWindow) -> None:
    from talentdesk.ui.privacy.erase_dialog import erase_selected

    erase_selected(w)


def _privacy(w: MainWindow) -> None:
    from talentdesk.ui.privacy.settings_dialog import open_privacy_settings

    open_privacy_settings(w.ws, w.events.ops, w)


def _consent(w: MainWindow) -> None:
    pane = w.built_candidate_pane
    if pane is None or pane.candidate_id is None:
        w.status("Open a candidate first.", 4000)
        return
    pane.consent_chip.open_dialog()


def _candidate_actions(w: MainWindow) -> None:
    w.new_candidate_action = _action(
        w,
        "&New candidate",
        QKeySequence.StandardKey.New,
        w.new_candidate,
        "Add a candidate (Ctrl+N)",
    )
    w.add_to_pool_action = _action(
        w,
        "&Add to pool…",
        "Ctrl+P",
        w.add_selected_to_pool,
        "Add the selected candidates to a pool (Ctrl+P)",
    )
    w.add_to_vacancy_action = _action(
        w,
        "Add to &vacancy…",
        "Ctrl+Shift+V",
        lambda: commands.add_selected_to_vacancy(w),
        "Add the selected candidates to a vacancy's pipeline (Ctrl+Shift+V)",
    )
    w.add_reminder_action = _action(
        w,
        "Add &reminder…",
        "Ctrl+R",
        w.add_reminder,
        "Add a reminder for the candidate shown (Ctrl+R)",
    )
    w.merge_action = _action(
        w,
        "&Merge 2 candidates…",
        None,
        lambda: _merge(w),
        "Merge the two selected candidates into one person (undo with Ctrl+Z)",
    )
    w.find_duplicates_action = _action(
        w,
        "Find d&uplicates…",
        None,
        lambda: open_duplicates(w),
        "List people entered twice: same e-mail, LinkedIn, phone, or a similar name",
    )
    w.delete_action = _action(
        w,
        "&Delete candidate",
        "Ctrl+Del",
        w.delete_selected,
        "Delete the selected candidates (Ctrl+Del, undo with Ctrl+Z)",
    )
    w.erase_action = _action(
        w,
        "Erase &permanently…",
        None,
        lambda: _erase(w),
        "Erase the selected candidates for good (GDPR): not undoable; imports skip them later",
    )


def _file_actions(w: MainWindow) -> None:
    w.sample_action = _action(w, "Load &sample data", None, w.load_sample_data)
    w.calendar_action = _action(
        w,
        "Export reminders to &calendar…",
        None,
        lambda: w.export_calendar(),
        "Write the next 30 days of reminders as an iCalendar file for Outlook or Google",
    )
    w.import_action = _action(
        w,
        "&Import CSV…",
        "Ctrl+I",
        lambda: w.import_csv(),
        "Import candidates from a CSV file (Ctrl+I, or drop the file on the window)",
    )
    w.import_history_action = _action(
        w,
        "Import &history…",
        None,
        lambda: _open_import_history(w),
        "The imports made, with what each did; undo one whose people are untouched since",
    )
    w.export_action = _action(
        w,
        "&Export CSV…",
        "Ctrl+E",
        lambda: w.export_csv(),
        "Export the list, the selection, a pool or everyone to a CSV file (Ctrl+E)",
    )
    w.pool_pane.export_action.triggered.connect(lambda: w.export_csv(w.pool_pane.current_pool_id()))
    w.backups_action = _action(
        w, "&Backups…", None, lambda: w.open_backups(), "Back up now, or restore a backup"
    )


def _open_import_history(w: MainWindow) -> None:
    from talentdesk.ui.dialogs.import_history import open_import_history

    open_import_history(w.ws, w.events, w)


def build_menus(w: MainWindow) -> None:
    menu = w.menuBar()
    pools = w.pool_pane
    file_menu = menu.addMenu("&File")
    file_menu.addActions([w.new_candidate_action, pools.new_action])
    file_menu.addActions(w.vacancies_tab.actions_for_file_menu())
    file_menu.addSeparator()
    file_menu.addActions(
        [w.import_action, w.import_history_action, w.calendar_action, w.export_action]
    )
    file_menu.addSeparator()
    file_menu.addActions([w.sample_action, w.backups_action])
    w.team_ui.fill_file_menu(file_menu)
    file_menu.addSeparator()
    file_menu.addAction(w.quit_action)
    edit_menu = menu.addMenu("&Edit")
    edit_menu.addActions([w.undo_action, w.redo_action])
    edit_menu.addSeparator()
    edit_menu.addAction(w.find_action)
    edit_menu.addSeparator()
    edit_menu.addAction(w.settings_action)
    edit_menu.addAction(w.privacy_action)
    view_menu = menu.addMenu("&View")
    w.vacancies_tab.fill_view_menu(view_menu)
    view_menu.addAction(w.metrics_tab.action)
    candidate_menu = menu.addMenu("&Candidate")
    candidate_menu.addActions(
        [
            w.new_candidate_action,
            w.add_to_pool_action,
            w.add_to_vacancy_action,
            w.add_reminder_action,
            w.merge_action,
            w.delete_action,
            w.erase_action,
        ]
    )
    candidate_menu.addSeparator()
    candidate_menu.addAction(w.find_duplicates_action)
    candidate_menu.addAction(w.consent_action)
    candidate_menu.addAction(w.privacy_ui.export_person_action)
    pool_menu = menu.addMenu("&Pool")
    pool_menu.addActions(
        [
            pools.new_action,
            pools.rename_action,
            pools.stages_action,
            pools.cadence_action,
            pools.delete_action,
            pools.export_action,
            w.mail_ui.email_pool_action,
        ]
    )
    w.privacy_ui.fill_lists_menu(window_lists.fill_menu(w, menu))
    w.bulk_ui.fill_menu(menu.addMenu("&Selection"))
    w.mail_ui.fill_menu(menu.addMenu("E-&mail"))
    help_menu = menu.addMenu("&Help")
    help_menu.addAction(w.privacy_ui.audit_action)
    help_menu.addAction(w.about_action)


def build_toolbar(w: MainWindow) -> None:
    toolbar = QToolBar("Main")
    toolbar.setObjectName("mainToolbar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    toolbar.setMovable(False)
    toolbar.addActions(
        [w.new_candidate_action, w.pool_pane.new_action, w.add_to_pool_action, w.delete_action]
    )
    w.addToolBar(toolbar)


def attach_to_list(w: MainWindow) -> None:
    """The list's right-click menus (rows, and the header's column chooser) and its Delete."""
    table = w.list_pane.table
    # Delete on the candidate table (not everywhere: the pool list has its own Delete). A
    # shortcut, not an action: the table's actions are its right-click menu.
    table_delete = QShortcut(QKeySequence.StandardKey.Delete, table)
    table_delete.setContext(Qt.ShortcutContext.WidgetShortcut)
    table_delete.activated.connect(w.delete_selected)
    w.list_pane.add_row_actions(
        [
            w.add_to_pool_action,
            w.add_to_vacancy_action,
            w.merge_action,
            w.delete_action,
            w.erase_action,
            w.export_action,
            w.privacy_ui.export_person_action,
            w.mail_ui.email_action,
            w.mail_ui.email_list_action,
            _submenu(w, "&Selection", w.bulk_ui.fill_menu),
        ]
    )
    w.columns = ColumnChooser(
        table,
        w.settings,
        "list/hiddenColumns",
        [key.value for key, _title in COLUMNS],
        ALWAYS_SHOWN,
        HIDDEN_BY_DEFAULT,
    )


def _submenu(w: MainWindow, title: str, fill: Callable[[QMenu], None]) -> QAction:
    """An entry of a right-click menu that opens a menu of its own."""
    menu = QMenu(title, w)
    fill(menu)
    return menu.menuAction()


def _about(w: MainWindow) -> None:
    from PySide6.QtWidgets import QMessageBox  # loaded when it first opens

    QMessageBox.about(
        w,
        f"About {APP_NAME}",
        f"<b>{APP_NAME}</b> {talentdesk.__version__}<br>"
        "A talent-pool manager for recruiters.<br><br>"
        f"Data folder: {w.ws.paths.data_dir}",
    )


def open_duplicates(w: MainWindow) -> None:
    """Candidates → Find duplicates… (its window is loaded when first asked for)."""
    from talentdesk.ui.duplicates.window import open_for

    open_for(w)


def _find(w: MainWindow) -> None:
    """Ctrl+F searches what the window shows: the candidates, or the roles."""
    if not w.vacancies_tab.focus_search():
        w.list_pane.focus_search()
