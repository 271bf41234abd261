"""The main window: pools and reminders on the left, the candidate list, the candidate."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QSettings, Qt
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

import talentdesk
from talentdesk import APP_NAME
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.ops.changes import Changes
from talentdesk.core.workspace import Workspace
from talentdesk.ui.dialogs.add_to_pool_dialog import AddToPoolDialog
from talentdesk.ui.events import Events
from talentdesk.ui.first_paint import after_first_paint
from talentdesk.ui.icons import app_icon
from talentdesk.ui.notices import ReadOnlyBanner, WaitingIndicator
from talentdesk.ui.panes.candidate_list_pane import CandidateListPane
from talentdesk.ui.panes.pool_pane import PoolPane
from talentdesk.ui.panes.reminders_pane import RemindersPane
from talentdesk.ui.tray import DueBanner

if TYPE_CHECKING:
    from talentdesk.core.csvio.exporter import ExportResult
    from talentdesk.core.csvio.importer import ImportReport
    from talentdesk.core.services.candidates import DeletedCandidates
    from talentdesk.ui.dialogs.backups_dialog import BackupsDialog
    from talentdesk.ui.dialogs.export_dialog import ExportDialog
    from talentdesk.ui.import_wizard.wizard import ImportWizard
    from talentdesk.ui.mail.account_dialog import AccountDialog
    from talentdesk.ui.mail.compose_dialog import ComposeDialog
    from talentdesk.ui.mail.outbox_window import OutboxWindow
    from talentdesk.ui.mail.services import MailServices
    from talentdesk.ui.mail.templates_dialog import TemplatesDialog
    from talentdesk.ui.panes.candidate_pane import CandidatePane
    from talentdesk.ui.scheduler import ReminderScheduler
    from talentdesk.ui.tray import TrayNotifier

log = logging.getLogger(__name__)


class DeleteCandidates(QUndoCommand):
    """Deleting is an operation; Undo (another one) puts back the candidates with everything
    they owned. What was deleted is kept by the operation itself, on the write path, so an
    Undo queued right behind the delete finds it."""

    def __init__(self, window: MainWindow, ids: list[int], who: str) -> None:
        super().__init__(f"delete {who}")
        self._window = window
        self._ids = ids
        self._who = who
        self._deleted: DeletedCandidates | None = None

    def redo(self) -> None:
        ws = self._window.ws
        candidates = ws.candidates

        def delete() -> None:
            if len(self._ids) > 1:  # a bulk delete: a backup first (Undo is for this session)
                from talentdesk.core.backups.auto import auto_backup
                from talentdesk.core.backups.names import BEFORE_BULK_DELETE

                auto_backup(ws.paths, BEFORE_BULK_DELETE, ws.clock())
            self._deleted = candidates.delete(self._ids)

        self._window.events.ops.run(
            f"Deleting {self._who}",
            delete,
            success=lambda _: self._window.status(f"Deleted {self._who}. Undo with Ctrl+Z."),
            parent=self._window,
        )

    def undo(self) -> None:
        candidates = self._window.ws.candidates

        def restore() -> None:
            if self._deleted is not None:  # None: the delete itself failed
                candidates.restore(self._deleted)

        def restored(_: object) -> None:
            self._window.status(f"Restored {self._who}.")
            if len(self._ids) == 1:
                self._window.open_candidate(self._ids[0])

        self._window.events.ops.run(
            f"Restoring {self._who}", restore, success=restored, parent=self._window
        )


class MainWindow(QMainWindow):
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
        # E-mail: built when first used (the outbox window lives as long as this window).
        self._mail: MailServices | None = None
        self.outbox_window: OutboxWindow | None = None
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())

        self.pool_pane = PoolPane(ws, self.events)
        self.reminders_pane = RemindersPane(ws, self.events)
        self.list_pane = CandidateListPane(ws.listing, ws.clock)
        self.list_pane.model.rest_waits_for_paint = True
        # True once what follows the first paint (counts, reminders, the rest of the list) is
        # loaded: tests and the bench wait for it.
        self.first_paint_done = False
        after_first_paint(self.list_pane.model, self._after_first_paint)
        # The detail pane is built when first needed: it is the largest part of the window.
        self._candidate_pane: CandidatePane | None = None
        self.detail_holder = QWidget()
        self.detail_holder.setObjectName("detailHolder")
        holder_layout = QVBoxLayout(self.detail_holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        hint = QLabel(
            "Select a candidate to see their profile and history,\n"
            "or press Ctrl+N to add someone new."
        )
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setStyleSheet("color: #6b7280;")
        holder_layout.addWidget(hint)

        self.left = QSplitter(Qt.Orientation.Vertical)
        self.left.setObjectName("leftSplitter")
        self.left.addWidget(self.pool_pane)
        self.left.addWidget(self.reminders_pane)
        self.left.setStretchFactor(0, 1)
        self.left.setStretchFactor(1, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.list_pane)
        self.splitter.addWidget(self.detail_holder)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([340, 610, 450])
        self.due_banner = DueBanner()
        self.due_banner.show_requested.connect(self._show_from_banner)
        self.read_only_banner = ReadOnlyBanner()
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.read_only_banner)
        central_layout.addWidget(self.due_banner)
        central_layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.waiting = WaitingIndicator()
        self.statusBar().addPermanentWidget(self.waiting)
        self.statusBar().addPermanentWidget(self.count_label)

        self._create_actions()
        self._connect()
        self._update_counts(self.list_pane.model.rowCount(), self.list_pane.model.total)
        self._restore_layout()
        self.setAcceptDrops(True)
        if ws.read_only is not None:
            self.go_read_only(ws.read_only)

    # -- actions and menus --------------------------------------------------------------------
    def _create_actions(self) -> None:
        def action(
            text: str, shortcut: str | QKeySequence.StandardKey | None, slot: object
        ) -> QAction:
            act = QAction(text, self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            return act

        self.new_candidate_action = action(
            "&New candidate", QKeySequence.StandardKey.New, self.new_candidate
        )
        self.new_candidate_action.setToolTip("Add a candidate (Ctrl+N)")
        self.find_action = action(
            "&Find…", QKeySequence.StandardKey.Find, self.list_pane.focus_search
        )
        self.add_to_pool_action = action("&Add to pool…", "Ctrl+P", self.add_selected_to_pool)
        self.add_to_pool_action.setToolTip("Add the selected candidates to a pool (Ctrl+P)")
        self.add_reminder_action = action("Add &reminder…", "Ctrl+R", self.add_reminder)
        self.add_reminder_action.setToolTip("Add a reminder for the candidate shown (Ctrl+R)")
        self.delete_action = action("&Delete candidate", "Ctrl+Del", self.delete_selected)
        self.delete_action.setToolTip("Delete the selected candidates (Ctrl+Del, undo with Ctrl+Z)")
        self.sample_action = action("Load &sample data", None, self.load_sample_data)
        self.calendar_action = action(
            "Export reminders to &calendar…", None, lambda: self.export_calendar()
        )
        self.calendar_action.setToolTip(
            "Write the next 30 days of reminders as an iCalendar file for Outlook or Google"
        )
        self.import_action = action("&Import CSV…", "Ctrl+I", lambda: self.import_csv())
        self.import_action.setToolTip(
            "Import candidates from a CSV file (Ctrl+I, or drop the file on the window)"
        )
        self.export_action = action("&Export CSV…", "Ctrl+E", lambda: self.export_csv())
        self.export_action.setToolTip(
            "Export the list, the selection, a pool or everyone to a CSV file (Ctrl+E)"
        )
        self.pool_pane.export_action.triggered.connect(
            lambda: self.export_csv(self.pool_pane.current_pool_id())
        )
        self.quit_action = action("&Quit", QKeySequence.StandardKey.Quit, self.quit)
        self.backups_action = action("&Backups…", None, lambda: self.open_backups())
        self.backups_action.setToolTip("Back up now, or restore a backup")
        self.settings_action = action("&Settings…", "Ctrl+,", self.open_settings)
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        about = action("&About TalentDesk", None, self._about)
        self.email_action = action("&E-mail…", "Ctrl+Shift+E", lambda: self.email_selected())
        self.email_action.setToolTip(
            "E-mail the selected candidates, or the candidate shown (Ctrl+Shift+E)"
        )
        self.email_list_action = action(
            "E-mail everyone in this &list…", None, lambda: self.email_list()
        )
        self.email_pool_action = action("E-mail this &pool…", None, lambda: self.email_pool())
        self.outbox_action = action("&Outbox…", "Ctrl+Shift+O", lambda: self.open_outbox())
        self.templates_action = action("&Templates…", None, lambda: self.open_mail_templates())
        self.mail_account_action = action(
            "E-mail &account…", None, lambda: self.open_mail_account()
        )

        # Delete on the candidate table (not everywhere: the pool list has its own Delete).
        table_delete = QAction(self.list_pane.table)
        table_delete.setShortcut(QKeySequence.StandardKey.Delete)
        table_delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        table_delete.triggered.connect(self.delete_selected)
        self.list_pane.table.addAction(table_delete)

        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.new_candidate_action)
        file_menu.addAction(self.pool_pane.new_action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.calendar_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.sample_action)
        file_menu.addAction(self.backups_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = menu.addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.settings_action)
        candidate_menu = menu.addMenu("&Candidate")
        candidate_menu.addAction(self.new_candidate_action)
        candidate_menu.addAction(self.add_to_pool_action)
        candidate_menu.addAction(self.add_reminder_action)
        candidate_menu.addAction(self.delete_action)
        pool_menu = menu.addMenu("&Pool")
        pool_menu.addAction(self.pool_pane.new_action)
        pool_menu.addAction(self.pool_pane.rename_action)
        pool_menu.addAction(self.pool_pane.cadence_action)
        pool_menu.addAction(self.pool_pane.delete_action)
        pool_menu.addAction(self.pool_pane.export_action)
        pool_menu.addAction(self.email_pool_action)
        mail_menu = menu.addMenu("E-&mail")
        mail_menu.addAction(self.email_action)
        mail_menu.addAction(self.email_list_action)
        mail_menu.addAction(self.email_pool_action)
        mail_menu.addSeparator()
        mail_menu.addAction(self.outbox_action)
        mail_menu.addAction(self.templates_action)
        mail_menu.addAction(self.mail_account_action)
        menu.addMenu("&Help").addAction(about)

        toolbar = QToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.setMovable(False)
        for act in (
            self.new_candidate_action,
            self.pool_pane.new_action,
            self.add_to_pool_action,
            self.delete_action,
        ):
            toolbar.addAction(act)
        self.addToolBar(toolbar)
        self.list_pane.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for act in (
            self.add_to_pool_action,
            self.delete_action,
            self.export_action,
            self.email_action,
            self.email_list_action,
        ):
            self.list_pane.table.addAction(act)

    def _connect(self) -> None:
        self.pool_pane.pool_selected.connect(self._pool_selected)
        self.list_pane.current_candidate_changed.connect(self._candidate_selected)
        self.list_pane.model.counts_changed.connect(self._update_counts)
        self.list_pane.load_sample_requested.connect(self.load_sample_data)
        self.list_pane.import_requested.connect(lambda: self.import_csv())
        self.list_pane.new_candidate_requested.connect(self.new_candidate)
        self.reminders_pane.open_candidate.connect(self.open_candidate)
        self.reminders_pane.reminder_actions.message.connect(self._show_message)
        self.events.changed.connect(self._changed)
        self.events.ops.waiting.connect(self.waiting.show_text)
        self.events.ops.read_only.connect(self.go_read_only)
        self.waiting.cancel_requested.connect(self.events.ops.cancel_waiting)

    @property
    def candidate_pane(self) -> CandidatePane:
        if self._candidate_pane is None:
            from talentdesk.ui.panes.candidate_pane import CandidatePane

            pane = CandidatePane(self.ws, self.events)
            pane.pool_for_new = self.pool_pane.current_pool_id
            pane.add_to_pool_requested.connect(self.add_selected_to_pool)
            pane.email_requested.connect(lambda: self.email_candidate())
            pane.created.connect(self._candidate_created)
            pane.reminder_actions.message.connect(self._show_message)
            if self.read_only_reason is not None:
                pane.set_read_only(f"Read-only: {self.read_only_reason}")
            layout = self.detail_holder.layout()
            assert layout is not None
            while (old := layout.takeAt(0)) is not None:
                if (placeholder := old.widget()) is not None:
                    placeholder.deleteLater()
            layout.addWidget(pane)
            self._candidate_pane = pane
        return self._candidate_pane

    # -- what happens --------------------------------------------------------------------------
    def new_candidate(self) -> None:
        if self._refuse_read_only() or not self.candidate_pane.confirm_leave():
            return
        self.list_pane.table.clearSelection()
        self.candidate_pane.start_new()

    def open_candidate(self, candidate_id: int) -> None:
        """Show a candidate, widening the list to all candidates if it is filtered out."""
        if self.list_pane.model.row_of(candidate_id) is None:
            self.list_pane.clear_search()
            self.pool_pane.select_pool(None)
        self.list_pane.select_candidate(candidate_id)
        self.candidate_pane.show_candidate(candidate_id)

    def add_selected_to_pool(self) -> None:
        ids = self.list_pane.selected_candidate_ids()
        if not ids and self.candidate_pane.candidate_id is not None:
            ids = [self.candidate_pane.candidate_id]
        if not ids:
            self.statusBar().showMessage("Select one or more candidates first.", 4000)
            return
        if self.pool_pane.model.pool_count() == 0:
            QMessageBox.information(self, "No pools yet", "Create a pool first (Ctrl+Shift+N).")
            return
        dialog = AddToPoolDialog(self.ws, len(ids), self.pool_pane.current_pool_id(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        pool_id, stage_id = dialog.choice()
        pools = self.ws.pools

        def added(count: int) -> None:
            skipped = len(ids) - count
            self.status(
                f"Added {count:,} to the pool."
                + (f" {skipped:,} were already in it." if skipped else "")
            )

        self.events.ops.run(
            f"Adding {len(ids):,} candidate(s) to a pool",
            lambda: pools.add_members(pool_id, ids, stage_id),
            success=added,
            parent=self,
        )

    def add_reminder(self) -> None:
        if self.candidate_pane.candidate_id is None:
            self.statusBar().showMessage("Select a candidate first.", 4000)
            return
        self.candidate_pane.add_reminder()

    def _show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def status(self, text: str, timeout_ms: int = 8000) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def delete_selected(self) -> None:
        ids = self.list_pane.selected_candidate_ids()
        if not ids:
            return
        names = self.ws.reads.candidate_names(ids[:1])
        who = names.get(ids[0], "1 candidate") if len(ids) == 1 else f"{len(ids):,} candidates"
        self.candidate_pane.show_candidate(None)
        self.undo_stack.push(DeleteCandidates(self, ids, who))

    def import_csv(self, path: Path | None = None) -> ImportWizard | None:
        """Open the import wizard (on `path` when a file was dropped or named)."""
        from talentdesk.ui.import_wizard.wizard import ImportWizard

        if self._refuse_read_only():
            return None
        wizard = ImportWizard(
            self.ws,
            self.events.ops,
            self.settings,
            path,
            self.pool_pane.current_pool_id(),
            parent=self,
        )
        wizard.imported.connect(self._imported)
        wizard.finished.connect(wizard.deleteLater)
        wizard.open()
        return wizard

    def export_calendar(self, path: Path | None = None) -> int | None:
        """Upcoming reminders (next 30 days) to an .ics file; returns how many were written."""
        from talentdesk.core.files import check_output_path
        from talentdesk.core.reminders.upcoming import write_upcoming_ics

        if path is None:
            folder = str(self.settings.value("calendar/folder", str(Path.home())))
            name, _ = QFileDialog.getSaveFileName(
                self,
                "Export reminders to calendar",
                str(Path(folder) / "talentdesk-reminders.ics"),
                "iCalendar files (*.ics)",
            )
            if not name:
                return None
            path = Path(name)
            self.settings.setValue("calendar/folder", str(path.parent))
        try:
            out = check_output_path(path, self.ws.paths)
            written = write_upcoming_ics(
                self.ws.reads, out.target, self.ws.clock(), 30, self.ws.tz, data_dir=self.ws.paths
            )
        except TalentDeskError as exc:
            QMessageBox.warning(self, "Calendar not written", f"{exc.message}\n\n{exc.hint}")
            return None
        self.statusBar().showMessage(
            f"Wrote {written:,} reminder{'' if written == 1 else 's'} due in the next 30 days "
            f"to {out}. Import the file "
            "in Outlook or Google Calendar; importing a newer one updates the same events.",
            10000,
        )
        return written

    def _imported(self, report: ImportReport) -> None:
        self.status(f"Import finished. {report.summary()}")

    def export_csv(self, pool_id: int | None = None) -> ExportDialog:
        """Open the export dialog on what the window shows (on `pool_id` from the pool pane)."""
        from talentdesk.ui.dialogs.export_dialog import ExportDialog, ExportSource

        model = self.list_pane.model
        source = ExportSource(
            query=model.query,
            list_name=self.pool_pane.current_pool_name(),
            list_count=model.rowCount(),
            selection=tuple(self.list_pane.selected_candidate_ids()),
            pool_id=pool_id,
        )
        dialog = ExportDialog(self.ws, self.settings, source, parent=self)
        dialog.exported.connect(self._exported)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _exported(self, result: ExportResult) -> None:
        noun = "candidate" if result.rows == 1 else "candidates"
        self.statusBar().showMessage(f"Exported {result.rows:,} {noun} to {result.where}", 8000)

    # -- e-mail -------------------------------------------------------------------------------
    @property
    def mail(self) -> MailServices:
        if self._mail is None:
            from talentdesk.ui.mail.services import MailServices

            self._mail = MailServices(self.ws, self.events.ops)
        return self._mail

    def email_candidate(self) -> ComposeDialog | None:
        """Compose to the candidate shown (the candidate pane's E-mail…)."""
        candidate_id = self.candidate_pane.candidate_id
        ids = [] if candidate_id is None else [candidate_id]
        return self.compose_email(ids, self.list_pane.model.query.pool_id)

    def email_selected(self) -> ComposeDialog | None:
        ids = self.list_pane.selected_candidate_ids()
        if not ids and self.candidate_pane.candidate_id is not None:
            ids = [self.candidate_pane.candidate_id]
        return self.compose_email(ids, self.list_pane.model.query.pool_id)

    def email_list(self) -> ComposeDialog | None:
        """Everyone in the list as shown: its pool and search."""
        query = self.list_pane.model.query
        return self.compose_email(self.ws.listing.ids(query), query.pool_id)

    def email_pool(self) -> ComposeDialog | None:
        from talentdesk.core.candidate_list import ListQuery

        pool_id = self.pool_pane.current_pool_id()
        if pool_id is None:
            self.statusBar().showMessage("Choose a pool first.", 4000)
            return None
        return self.compose_email(self.ws.listing.ids(ListQuery(pool_id=pool_id)), pool_id)

    def compose_email(self, ids: list[int], pool_id: int | None = None) -> ComposeDialog | None:
        if not ids:
            self.statusBar().showMessage("Select one or more candidates first.", 4000)
            return None
        account = self.mail.account()
        if account is None:
            self.statusBar().showMessage("Set up your e-mail account first.", 8000)
            self.open_mail_account()
            return None
        from talentdesk.ui.mail.compose_dialog import ComposeDialog

        dialog = ComposeDialog(self.mail, account, ids, pool_id, self)
        dialog.queued.connect(self._mail_queued)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _mail_queued(self, count: int) -> None:
        self.statusBar().showMessage(f"{count:,} message{'s' if count != 1 else ''} queued.", 8000)
        self.open_outbox().send()

    def open_outbox(self) -> OutboxWindow:
        if self.outbox_window is None:
            from talentdesk.ui.mail.outbox_window import OutboxWindow

            self.outbox_window = OutboxWindow(self.mail, self.events, self)
        else:
            self.outbox_window.reload()
        self.outbox_window.show()
        self.outbox_window.raise_()
        self.outbox_window.activateWindow()
        return self.outbox_window

    def open_mail_account(self) -> AccountDialog:
        from talentdesk.ui.mail.account_dialog import AccountDialog

        dialog = AccountDialog(self.mail, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def open_mail_templates(self) -> TemplatesDialog:
        from talentdesk.ui.mail.templates_dialog import TemplatesDialog

        dialog = TemplatesDialog(self.mail, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _check_outbox(self) -> None:
        """The outbox resumes: what is still queued is sent; messages a run that died left
        "sending" (or undecided since) are shown for the user to decide."""
        found = dict(
            self.ws.reader.execute(
                "SELECT status, count(*) FROM outbox_message"
                " WHERE status IN ('sending', 'unknown', 'queued') GROUP BY status"
            ).fetchall()
        )
        if found.get("queued"):
            self.statusBar().showMessage(
                f"Sending the {found['queued']:,} e-mail(s) still in the outbox.", 15000
            )
            self.open_outbox().send()  # which first marks any left "sending" unknown
        elif found.get("sending"):
            self.open_outbox()  # which marks them unknown and asks what to do
        elif found.get("unknown"):
            self.statusBar().showMessage(
                f"{found['unknown']:,} e-mail(s) may or may not have been delivered: "
                "see E-mail → Outbox (Ctrl+Shift+O).",
                15000,
            )

    def load_sample_data(self) -> None:
        from talentdesk.core import demo

        if self._refuse_read_only():
            return
        ws = self.ws
        self.status("Loading the sample data…", 0)
        self.events.ops.run(
            "Loading the sample data",
            lambda: demo.load_sample_data(ws.db, ws.clock()),
            success=lambda summary: self.status(
                f"Loaded {summary.candidates} sample candidates in {summary.pools} pools."
            ),
            parent=self,
            announce=True,
        )

    def open_backups(self) -> BackupsDialog:
        from talentdesk.ui.dialogs.backups_dialog import BackupsDialog

        pane = self._candidate_pane
        dialog = BackupsDialog(self.ws, self, lambda: pane is None or pane.confirm_leave())
        dialog.restored.connect(lambda _result: self.reload_everything("Backup restored."))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

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
        from talentdesk.ui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            self.ws, self.events.ops, self, tray_available=self.tray is not None
        )
        dialog.mail_account_button.clicked.connect(lambda: self.open_mail_account())
        dialog.accepted.connect(self._settings_saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _settings_saved(self) -> None:
        # Due times of reminders without a time, birthdays and feedback rules may have moved.
        if self.scheduler is not None:
            self.scheduler.refresh_generated()

    def quit(self) -> None:
        """Ctrl+Q and the tray's Quit: close for real (saving the layout) and end the app."""
        if self._candidate_pane is not None and self._candidate_pane.dirty:
            self.bring_to_front()  # "Save the changes?" needs its window on screen
        self._quitting = True
        if self.close():
            QApplication.quit()
        else:
            self._quitting = False

    # -- due reminders: the tray, or the banner where there is none -------------------------
    def attach_reminders(self, scheduler: ReminderScheduler, tray: TrayNotifier | None) -> None:
        self.scheduler = scheduler
        self.tray = tray
        scheduler.announced.connect(self.reminders_pane.reload)  # what fell due moves group
        if tray is None:
            scheduler.announced.connect(self.due_banner.show_due)
            scheduler.counts_changed.connect(self.due_banner.show_counts)
            self.statusBar().showMessage(
                "This desktop has no system tray: due reminders show at the top of the window, "
                "and closing the window quits TalentDesk.",
                15000,
            )

    def tray_arrived(self, tray: TrayNotifier) -> None:
        """The desktop's tray appeared after start-up: announce there from now on."""
        assert self.scheduler is not None
        self.scheduler.announced.disconnect(self.due_banner.show_due)
        self.scheduler.counts_changed.disconnect(self.due_banner.show_counts)
        self.due_banner.hide()
        self.tray = tray
        self.statusBar().showMessage(
            "The system tray is available now: due reminders are announced there, and closing "
            "the window keeps TalentDesk running in it.",
            15000,
        )

    def _show_from_banner(self, candidate_id: int | None) -> None:
        if candidate_id is None:
            self.show_due_reminders()
        else:
            self.open_candidate(candidate_id)

    def _after_first_paint(self) -> None:
        """What is not on the first screen: the rest of the list's ids, the reminders, the
        pools' member and losing-touch counts."""
        self.list_pane.model.load_rest()
        self.reminders_pane.first_load()
        self.pool_pane.count_members()
        self._check_outbox()
        self.first_paint_done = True

    def go_read_only(self, reason: str) -> None:
        """The database cannot be written: say so, and switch off what would write."""
        self.read_only_reason = reason
        self.read_only_banner.show_reason(reason)
        why = f"Read-only: {reason}"
        self.pool_pane.set_read_only()
        self.reminders_pane.reminder_actions.set_read_only()
        self.undo_stack.clear()
        for act in self.write_actions():
            act.setEnabled(False)
            act.setToolTip(why)
        if self._candidate_pane is not None:
            self._candidate_pane.set_read_only(why)

    def _refuse_read_only(self) -> bool:
        """True (and says why) when the database cannot be written."""
        if self.read_only_reason is None:
            return False
        self.status(f"Read-only: {self.read_only_reason}", 8000)
        return True

    def write_actions(self) -> list[QAction]:
        pools = self.pool_pane
        return [
            self.new_candidate_action,
            self.add_to_pool_action,
            self.add_reminder_action,
            self.delete_action,
            self.sample_action,
            self.import_action,
            self.undo_action,
            self.redo_action,
            self.email_action,
            self.email_list_action,
            self.email_pool_action,
            self.templates_action,
            self.mail_account_action,
            self.settings_action,
            pools.new_action,
            pools.rename_action,
            pools.delete_action,
            pools.cadence_action,
        ]

    # -- reactions -----------------------------------------------------------------------------
    def _pool_selected(self, pool_id: int | None) -> None:
        self.list_pane.model.cadence_days = self.pool_pane.current_cadence()
        self.list_pane.set_pool(pool_id)

    def _candidate_selected(self, candidate_id: int | None) -> None:
        # None: the list was re-read or filtered; keep showing (and editing) who is open.
        if self._restoring or candidate_id is None:
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

    def _candidate_created(self, candidate_id: int) -> None:
        self.list_pane.refresh(keep_candidate=candidate_id)

    def _changed(self, changes: Changes) -> None:
        """What an operation changed, for the list: re-read it, or only the rows that moved."""
        if changes.candidate_list or changes.pools or changes.external:
            self.list_pane.model.cadence_days = self.pool_pane.current_cadence()
            self.list_pane.refresh()
        elif changes.candidates:
            self.list_pane.model.refresh_rows(*sorted(changes.candidates))

    def _update_counts(self, shown: int, total: int) -> None:
        noun = "candidate" if total == 1 else "candidates"
        self.count_label.setText(f"{shown:,} of {total:,} {noun}")

    def _about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<b>{APP_NAME}</b> {talentdesk.__version__}<br>"
            "A talent-pool manager for recruiters.<br><br>"
            f"Data folder: {self.ws.paths.data_dir}",
        )

    # -- a CSV file dropped on the window opens the import wizard ---------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_file(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.import_csv(path)

    # -- window state --------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        for splitter in (self.splitter, self.left):
            state = self.settings.value(f"window/{splitter.objectName()}")
            if state is not None:
                splitter.restoreState(state)

    def save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        for splitter in (self.splitter, self.left):
            self.settings.setValue(f"window/{splitter.objectName()}", splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._quitting and self._keeps_running_in_tray():
            # Unsaved edits stay in the form: nothing is lost by hiding.
            self.save_layout()
            self.hide()
            event.ignore()
            self._hint_tray_once()
            return
        if self._candidate_pane is not None and not self._candidate_pane.confirm_leave():
            event.ignore()
            return
        self.save_layout()
        event.accept()
        if self.outbox_window is not None:
            self.outbox_window.stop_sending()
        if self.scheduler is not None:
            self.scheduler.stop()
        if self.tray is not None:
            self.tray.hide()
            if not self._quitting:  # the tray keeps the app alive: closing means quitting
                QApplication.quit()

    def _keeps_running_in_tray(self) -> bool:
        if self.tray is None:
            return False
        from talentdesk.core import settings

        return settings.read(self.ws.reader, settings.CLOSE_TO_TRAY)

    def _hint_tray_once(self) -> None:
        from talentdesk.core import settings

        if self.tray is None or settings.read(self.ws.reader, settings.TRAY_HINT_SHOWN):
            return
        self.tray.show_hint()
        store = settings.AppSettings(self.ws.db.sessions)
        self.events.ops.run(
            "Noting the tray hint was shown", lambda: store.set(settings.TRAY_HINT_SHOWN, True)
        )


DROPPABLE = {".csv", ".tsv", ".txt"}


def _dropped_file(mime: QMimeData) -> Path | None:
    """The one local CSV-like file being dragged, if that is what it is."""
    urls = mime.urls()
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.suffix.lower() in DROPPABLE else None
