"""The window's privacy actions from this part of issue 16: a person's data on request (the
Candidate menu and the list's right-click menu), the audit log (Help), and retention: who is
due for deletion (the list, searched with `retention:due`) and the policy (the Lists menu)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from talentdesk.ui.qaction import make_action

if TYPE_CHECKING:
    from talentdesk.ui.jobs import Job  # (a QThread: loaded with the first export)
    from talentdesk.ui.main_window import MainWindow
    from talentdesk.ui.privacy.audit_window import AuditLogWindow
    from talentdesk.ui.privacy.retention_dialog import RetentionDialog

DUE_SEARCH = "retention:due"


class WindowPrivacy(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.audit_window: AuditLogWindow | None = None
        self.jobs: list[Job] = []  # exports running (kept until they end)

        def action(text: str, slot: Callable[[], object], tip: str = "") -> QAction:
            return make_action(window, text, None, slot, tip)

        self.export_person_action = action(
            "E&xport everything about this person…",
            lambda: self.export_person(),
            "Their data on request (GDPR Art. 15 and 20): a zip with a JSON file and a report",
        )
        self.audit_action = action(
            "&Audit log",
            lambda: self.open_audit_log(),
            "Exports, erasures, consent changes and restored backups: when and how many",
        )
        self.due_action = action(
            "Due for &deletion",
            lambda: self.show_due(),
            "Everyone the retention policy says to delete (search: retention:due)",
        )
        self.retention_action = action(
            "&Retention policy…",
            lambda: self.open_retention(),
            "How long data is kept after the last contact, and after a rejection",
        )

    def fill_lists_menu(self, menu: QMenu) -> None:
        menu.addSeparator()
        menu.addActions([self.due_action, self.retention_action])

    def export_person(self) -> Job | None:
        from talentdesk.ui.privacy.subject_access import export_person

        job = export_person(self._window)
        if job is not None:
            self.jobs.append(job)
            job.finished.connect(lambda: self.jobs.remove(job) if job in self.jobs else None)
        return job

    def open_audit_log(self) -> AuditLogWindow:
        from talentdesk.ui.privacy.audit_window import AuditLogWindow

        w = self._window
        if self.audit_window is None:
            self.audit_window = AuditLogWindow(w.ws, w.events, w)
        self.audit_window.reload()
        self.audit_window.show()
        self.audit_window.raise_()
        return self.audit_window

    def show_due(self) -> None:
        """Everyone, searched for who is due: select them there and act on the selection."""
        w = self._window
        w.pool_pane.select_pool(None)  # all candidates
        w.list_pane.show_search(DUE_SEARCH)

    def open_retention(self) -> RetentionDialog:
        from talentdesk.ui.privacy.retention_dialog import RetentionDialog

        w = self._window
        dialog = RetentionDialog(w.ws, w.events, w, saved=self._after_policy_saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def note_backup(self) -> None:
        """A backup made by hand copies everyone's data: the audit log says when."""
        from talentdesk.core.privacy.audit import BACKUP

        ws = self._window.ws
        if ws.read_only is None:
            self._window.events.ops.run(
                "noting the backup in the audit log", lambda: ws.audit.record(BACKUP, 1, "by hand")
            )

    def _after_policy_saved(self) -> None:
        w = self._window
        if w.list_pane.model.query.search.strip() == DUE_SEARCH:
            w.list_pane.refresh()
        w.status("Retention policy saved.")
