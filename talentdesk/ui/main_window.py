"""The main window: pools and reminders on the left, the candidate list, the candidate."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from talentdesk import APP_NAME
from talentdesk.core.ops.changes import Changes
from talentdesk.core.workspace import Workspace
from talentdesk.ui import window_layout
from talentdesk.ui.events import Events
from talentdesk.ui.first_paint import after_first_paint
from talentdesk.ui.icons import app_icon
from talentdesk.ui.mainwindow import actions, central, commands, files, read_only, tray_policy
from talentdesk.ui.mainwindow import lists as window_lists
from talentdesk.ui.panes.candidate_list_pane import CandidateListPane
from talentdesk.ui.panes.pool_pane import PoolPane
from talentdesk.ui.panes.reminders_pane import RemindersPane

if TYPE_CHECKING:  # (each Qt class named here costs start-up time when imported)
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget

    from talentdesk.ui.bulk.window_bulk import WindowBulk
    from talentdesk.ui.column_chooser import ColumnChooser
    from talentdesk.ui.dialogs.backups_dialog import BackupsDialog
    from talentdesk.ui.dialogs.export_dialog import ExportDialog
    from talentdesk.ui.import_wizard.wizard import ImportWizard
    from talentdesk.ui.mail.window_mail import WindowMail
    from talentdesk.ui.mainwindow.metrics import MetricsTab
    from talentdesk.ui.mainwindow.vacancies import VacanciesTab
    from talentdesk.ui.notices import ReadOnlyBanner, WaitingIndicator
    from talentdesk.ui.panes.candidate_pane import CandidatePane
    from talentdesk.ui.privacy.window_privacy import WindowPrivacy
    from talentdesk.ui.scheduler import ReminderScheduler
    from talentdesk.ui.team.window_team import WindowTeam
    from talentdesk.ui.tray import DueBanner, TrayNotifier

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    # Made by `actions.create_actions` and `actions.attach_to_list`.
    new_candidate_action: QAction
    find_action: QAction
    add_to_pool_action: QAction
    add_to_vacancy_action: QAction
    add_reminder_action: QAction
    merge_action: QAction
    delete_action: QAction
    erase_action: QAction
    find_duplicates_action: QAction
    sample_action: QAction
    calendar_action: QAction
    import_action: QAction
    import_history_action: QAction
    export_action: QAction
    quit_action: QAction
    backups_action: QAction
    settings_action: QAction
    privacy_action: QAction
    consent_action: QAction
    undo_action: QAction
    redo_action: QAction
    about_action: QAction
    mail_ui: WindowMail
    bulk_ui: WindowBulk
    privacy_ui: WindowPrivacy
    team_ui: WindowTeam
    columns: ColumnChooser
    # Made by `central.build`.
    detail_holder: QWidget
    main_tabs: QTabWidget  # "Candidates" (the splitter), "Vacancies", "Metrics"
    vacancies_tab: VacanciesTab
    metrics_tab: MetricsTab
    splitter: QSplitter
    left: QSplitter
    due_banner: DueBanner
    read_only_banner: ReadOnlyBanner
    count_label: QLabel
    waiting: WaitingIndicator

    def __init__(self, ws: Workspace, settings_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.read_only_reason: str | None = None  # why the database cannot be written
        self.events = Events(ws, self)
        self.settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
        self.undo_stack = QUndoStack(self)
        self._restoring = False
        # Set by `attach_reminders` once the window is up; no tray: the banner shows what is due.
        self.scheduler: ReminderScheduler | None = None
        self.tray: TrayNotifier | None = None
        self._quitting = False
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())

        self.pool_pane = PoolPane(ws, self.events)
        self.reminders_pane = RemindersPane(ws, self.events, undo_stack=self.undo_stack)
        self.list_pane = CandidateListPane(
            ws.listing,
            ws.clock,
            terms=window_lists.terms(self),
            own_listing=ws.own_listing,
            rest_after_paint=True,
        )
        # True once what follows the first paint (counts, reminders, the rest of the list) is
        # loaded: tests and the bench wait for it.
        self.first_paint_done = False
        after_first_paint(self.list_pane.model, self._after_first_paint)
        # The detail pane is built when first needed: it is the largest part of the window.
        self._candidate_pane: CandidatePane | None = None
        central.build(self)
        self.due_banner.show_requested.connect(self._show_from_banner)

        actions.create_actions(self)
        actions.build_menus(self)
        actions.build_toolbar(self)
        actions.attach_to_list(self)
        window_lists.attach(self)
        self._connect()
        self._update_counts(self.list_pane.model.rowCount(), self.list_pane.model.total)
        window_layout.restore(self, self.settings, (self.splitter, self.left))
        self.setAcceptDrops(True)
        if ws.read_only is not None:
            self.go_read_only(ws.read_only)

    def _connect(self) -> None:
        self.pool_pane.pool_selected.connect(self._pool_selected)
        self.list_pane.current_candidate_changed.connect(self._candidate_selected)
        self.list_pane.model.counts_changed.connect(self._update_counts)
        self.list_pane.load_sample_requested.connect(self.load_sample_data)
        self.list_pane.import_requested.connect(lambda: self.import_csv())
        self.list_pane.new_candidate_requested.connect(self.new_candidate)
        self.reminders_pane.open_candidate.connect(self.open_candidate)
        self.reminders_pane.reminder_actions.message.connect(self.status)
        self.events.changed.connect(self._changed)
        self.events.ops.waiting.connect(self.waiting.show_text)
        self.events.ops.read_only.connect(self.go_read_only)
        self.waiting.cancel_requested.connect(self.events.ops.cancel_waiting)

    @property
    def built_candidate_pane(self) -> CandidatePane | None:
        """The candidate pane if it was built already (it is built when first needed)."""
        return self._candidate_pane

    @property
    def candidate_pane(self) -> CandidatePane:
        if self._candidate_pane is None:
            from talentdesk.ui.panes.candidate_pane import CandidatePane

            pane = CandidatePane(self.ws, self.events)
            pane.pool_for_new = self.pool_pane.current_pool_id
            pane.add_to_pool_requested.connect(self.add_selected_to_pool)
            pane.add_to_vacancy_requested.connect(lambda: commands.add_shown_to_vacancy(self))
            pane.email_requested.connect(lambda: self.mail_ui.email_candidate())
            pane.created.connect(self._candidate_created)
            pane.open_requested.connect(self.open_candidate)
            pane.reminder_actions.message.connect(self.status)
            pane.consent_chip.undo_stack = self.undo_stack
            if self.read_only_reason is not None:
                pane.set_read_only(f"Read-only: {self.read_only_reason}")
            central.show_candidate_pane(self, pane)
            self._candidate_pane = pane
        return self._candidate_pane

    # -- what happens --------------------------------------------------------------------------
    def new_candidate(self) -> None:
        if self._refuse_read_only() or not self.candidate_pane.confirm_leave():
            return
        self.main_tabs.setCurrentWidget(self.splitter)
        self.list_pane.table.clearSelection()
        self.candidate_pane.start_new()

    def open_candidate(self, candidate_id: int) -> None:
        """Show a candidate, widening the list to all candidates if it is filtered out."""
        self.main_tabs.setCurrentWidget(self.splitter)
        self.list_pane.show_now()  # a read on its way is done at once: selecting needs the rows
        if self.list_pane.model.row_of(candidate_id) is None:
            self.list_pane.clear_search()
            self.pool_pane.select_pool(None)
            self.list_pane.show_now()
        self.list_pane.select_candidate(candidate_id)
        self.candidate_pane.show_candidate(candidate_id)

    def add_selected_to_pool(self) -> None:
        commands.add_to_pool(self, self.list_pane.selected_candidate_ids())

    def add_reminder(self) -> None:
        if self.candidate_pane.candidate_id is None:
            self.statusBar().showMessage("Select a candidate first.", 4000)
            return
        self.candidate_pane.add_reminder()

    def status(self, text: str, timeout_ms: int = 8000) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def delete_selected(self) -> None:
        ids = self.list_pane.selected_candidate_ids()
        if not ids:
            return
        names = self.ws.reads.candidate_names(ids[:1])
        who = names.get(ids[0], "1 candidate") if len(ids) == 1 else f"{len(ids):,} candidates"
        self.candidate_pane.show_candidate(None)
        self.undo_stack.push(commands.DeleteCandidates(self, ids, who))

    def import_csv(self, path: Path | None = None) -> ImportWizard | None:
        """Open the import wizard (on `path` when a file was dropped or named)."""
        return None if self._refuse_read_only() else files.import_csv(self, path)

    def export_calendar(self, path: Path | None = None) -> int | None:
        """Upcoming reminders to an .ics file; returns how many were written."""
        return files.export_calendar(self, path)

    def export_csv(self, pool_id: int | None = None) -> ExportDialog:
        """Open the export dialog on what the window shows (on `pool_id` from the pool pane)."""
        return files.export_csv(self, pool_id)

    def open_backups(self) -> BackupsDialog:
        return files.open_backups(self)

    def load_sample_data(self) -> None:
        from talentdesk.ui.mainwindow.sample_data import load_sample_data

        if not self._refuse_read_only():
            load_sample_data(self)

    def reload_everything(self, message: str = "") -> None:
        """Everything in the database changed at once (a restore): read it all again."""
        self.undo_stack.clear()  # an undo would write the state before the restore back
        if self._candidate_pane is not None:
            self._candidate_pane.show_candidate(None)
        self.events.touch(Changes.everything(external=True))
        if message:
            self.status(message)

    def bring_to_front(self) -> None:
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.raise_()
        self.activateWindow()

    def show_due_reminders(self) -> None:
        self.bring_to_front()
        self.reminders_pane.tree.setFocus()

    def open_settings(self) -> None:
        from talentdesk.ui.mainwindow.settings import open_settings

        open_settings(self)

    def quit(self) -> None:
        """Ctrl+Q and the tray's Quit: close for real (saving the layout) and end the app."""
        if self._candidate_pane is not None and self._candidate_pane.dirty:
            self.bring_to_front()  # "Save the changes?" needs its window on screen
        self._quitting = True
        if self.close():
            QApplication.quit()
        else:
            self._quitting = False

    def close_for_switch(self) -> bool:
        """Close for real as quitting does, but leave the app running (ui/app_session.py opens
        another database's window); False when the user keeps the window (unsaved edits)."""
        self._quitting = True
        closed = self.close()
        self._quitting = closed
        return closed

    # -- due reminders: the tray, or the banner where there is none -------------------------
    def attach_reminders(self, scheduler: ReminderScheduler, tray: TrayNotifier | None) -> None:
        tray_policy.attach(self, scheduler, tray)

    def tray_arrived(self, tray: TrayNotifier) -> None:
        """The desktop's tray appeared after start-up: announce there from now on."""
        tray_policy.tray_arrived(self, tray)

    def _show_from_banner(self, candidate_id: int | None) -> None:
        if candidate_id is None:
            self.show_due_reminders()
        else:
            self.open_candidate(candidate_id)

    def _after_first_paint(self) -> None:
        """What is not on the first screen: the rest of the list (and its total), the
        reminders, the pools' member and losing-touch counts, the search box's clear button."""
        self.list_pane.model.load_rest()
        self.reminders_pane.first_load()
        self.pool_pane.after_first_paint()
        self.list_pane.after_first_paint()
        self.mail_ui.check_outbox()
        self.first_paint_done = True

    def go_read_only(self, reason: str) -> None:
        """The database cannot be written: say so, and switch off what would write."""
        read_only.go_read_only(self, reason)

    def _refuse_read_only(self) -> bool:
        """True (and says why) when the database cannot be written."""
        if self.read_only_reason is None:
            return False
        self.status(f"Read-only: {self.read_only_reason}", 8000)
        return True

    def write_actions(self) -> list[QAction]:
        return read_only.write_actions(self)

    # -- reactions -----------------------------------------------------------------------------
    def _pool_selected(self, pool_id: int | None) -> None:
        self.list_pane.model.cadence_days = self.pool_pane.current_cadence()
        self.list_pane.set_pool(pool_id)

    def _candidate_selected(self, candidate_id: int | None) -> None:
        if self._restoring:
            return
        if candidate_id is None:
            # The list was re-read or filtered: keep showing (and editing) who is open while
            # they are listed; someone no longer in the list is not shown beside it.
            self._clear_profile_if_not_listed()
            return
        if candidate_id == self.candidate_pane.candidate_id:
            return
        if not self.candidate_pane.confirm_leave():
            self._restoring = True  # the user chose to stay: put the selection back
            try:
                previous = self.candidate_pane.candidate_id
                if previous is None or not self.list_pane.select_candidate(previous):
                    self.list_pane.table.clearSelection()
            finally:
                self._restoring = False
            return
        self.candidate_pane.show_candidate(candidate_id)

    def _clear_profile_if_not_listed(self) -> None:
        pane, model = self._candidate_pane, self.list_pane.model
        if pane is None or pane.candidate_id is None or pane.dirty:
            return
        listed = model.has(pane.candidate_id)
        if listed is None:  # a long list whose rest is read after the paint: ask again then
            model.ids_completed.connect(
                self._clear_profile_if_not_listed, Qt.ConnectionType.SingleShotConnection
            )
        elif not listed:
            pane.show_candidate(None)

    def _candidate_created(self, candidate_id: int) -> None:
        self.list_pane.refresh(keep_candidate=candidate_id)

    def _changed(self, changes: Changes) -> None:
        """What an operation changed, for the list: re-read it, or only the rows that moved."""
        if window_lists.list_needs_reading(self, changes):
            self.list_pane.model.cadence_days = self.pool_pane.current_cadence()
            self.list_pane.refresh()
        elif changes.candidates:
            self.list_pane.model.refresh_rows(*sorted(changes.candidates))

    def _update_counts(self, shown: int, total: int) -> None:
        noun = "candidate" if total == 1 else "candidates"
        model = self.list_pane.model
        more = "" if model.count_known else "+"  # the count is still being read
        of = f" of {total:,}" if model.total_known else ""  # read after the first paint
        self.count_label.setText(f"{shown:,}{more}{of} {noun}")
        self._update_row_actions()

    def _update_row_actions(self) -> None:
        """Adding to a pool and deleting are off while no one is listed (or read-only)."""
        has_rows = self.list_pane.model.rowCount() > 0
        writable = self.read_only_reason is None
        self.add_to_pool_action.setEnabled(has_rows and writable)
        self.add_to_vacancy_action.setEnabled(has_rows and writable)
        self.delete_action.setEnabled(has_rows and writable)
        self.merge_action.setEnabled(has_rows and writable)

    # -- a CSV file dropped on the window opens the import wizard ---------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if files.dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = files.dropped_file(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.import_csv(path)

    # -- window state --------------------------------------------------------------------------
    def save_layout(self) -> None:
        window_layout.save(self, self.settings, (self.splitter, self.left))

    def closeEvent(self, event: QCloseEvent) -> None:
        if tray_policy.close_window(self, self._quitting):
            event.accept()
        else:
            event.ignore()
