"""The main window's e-mail: its actions and menu, composing to the selection, the list or a
pool, the outbox window (one, for the window's lifetime) and resuming the outbox at start."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from talentdesk.ui.qaction import make_action

if TYPE_CHECKING:
    from talentdesk.ui.mail.account_dialog import AccountDialog
    from talentdesk.ui.mail.compose_dialog import ComposeDialog
    from talentdesk.ui.mail.imap_dialog import ImapDialog
    from talentdesk.ui.mail.outbox_window import OutboxWindow
    from talentdesk.ui.mail.services import MailServices
    from talentdesk.ui.mail.sync_runner import MailSyncRunner
    from talentdesk.ui.mail.templates_dialog import TemplatesDialog
    from talentdesk.ui.main_window import MainWindow


class WindowMail(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        # Built when first used (the outbox window lives as long as the main window).
        self._services: MailServices | None = None
        self.outbox_window: OutboxWindow | None = None
        self._sync_runner: MailSyncRunner | None = None

        def action(
            text: str, shortcut: str | None, slot: Callable[[], object], tip: str = ""
        ) -> QAction:
            return make_action(window, text, shortcut, slot, tip)

        self.email_action = action(
            "&E-mail…",
            "Ctrl+Shift+E",
            lambda: self.email_selected(),
            "E-mail the selected candidates, or the candidate shown (Ctrl+Shift+E)",
        )
        self.email_list_action = action(
            "E-mail everyone in this &list…", None, lambda: self.email_list()
        )
        self.email_pool_action = action("E-mail this &pool…", None, lambda: self.email_pool())
        self.outbox_action = action("&Outbox…", "Ctrl+Shift+O", lambda: self.open_outbox())
        self.templates_action = action("&Templates…", None, lambda: self.open_templates())
        self.account_action = action("E-mail &account…", None, lambda: self.open_account())
        self.imap_action = action(
            "&Mailbox for replies (IMAP)…",
            None,
            lambda: self.open_imap(),
            "The mailbox TalentDesk reads candidates' replies from (read-only)",
        )
        self.sync_action = action(
            "S&ync mail now",
            "F9",
            lambda: self.sync_runner.sync_now(),
            "Read new replies from your mailbox now (F9)",
        )

    def fill_menu(self, menu: QMenu) -> None:
        menu.addAction(self.email_action)
        menu.addAction(self.email_list_action)
        menu.addAction(self.email_pool_action)
        menu.addSeparator()
        menu.addAction(self.outbox_action)
        menu.addAction(self.sync_action)
        menu.addAction(self.templates_action)
        menu.addSeparator()
        menu.addAction(self.account_action)
        menu.addAction(self.imap_action)

    def write_actions(self) -> list[QAction]:
        """What a read-only database switches off."""
        return [
            self.email_action,
            self.email_list_action,
            self.email_pool_action,
            self.templates_action,
            self.account_action,
            self.imap_action,
            self.sync_action,
        ]

    @property
    def services(self) -> MailServices:
        if self._services is None:
            from talentdesk.ui.mail.services import MailServices

            self._services = MailServices(self._window.ws, self._window.events.ops)
        return self._services

    # -- composing ------------------------------------------------------------------------------
    def email_candidate(self) -> ComposeDialog | None:
        """Compose to the candidate shown (the candidate pane's E-mail…)."""
        window = self._window
        candidate_id = window.candidate_pane.candidate_id
        ids = [] if candidate_id is None else [candidate_id]
        return self.compose(ids, window.list_pane.model.query.pool_id)

    def email_selected(self) -> ComposeDialog | None:
        window = self._window
        ids = window.list_pane.selected_candidate_ids()
        if not ids and window.candidate_pane.candidate_id is not None:
            ids = [window.candidate_pane.candidate_id]
        return self.compose(ids, window.list_pane.model.query.pool_id)

    def email_list(self) -> ComposeDialog | None:
        """Everyone in the list as shown: its pool and search."""
        query = self._window.list_pane.model.query
        return self.compose(self._window.ws.listing.ids(query), query.pool_id)

    def email_pool(self) -> ComposeDialog | None:
        """Everyone in the pool chosen in the pool pane (or the saved list chosen there)."""
        from talentdesk.core.candidate_list import ListQuery

        pool_id = self._window.pool_pane.current_pool_id()
        list_id = self._window.pool_pane.current_list_id()
        if list_id is not None:
            return self.compose(self._window.ws.listing.ids(ListQuery(list_id=list_id)))
        if pool_id is None:
            self._window.status("Choose a pool first.", 4000)
            return None
        return self.compose(self._window.ws.listing.ids(ListQuery(pool_id=pool_id)), pool_id)

    def compose(
        self, ids: list[int], pool_id: int | None = None, vacancy_id: int | None = None
    ) -> ComposeDialog | None:
        if not ids:
            self._window.status("Select one or more candidates first.", 4000)
            return None
        if len(ids) == 1 and self._refused(ids[0]):
            return None
        account = self.services.account()
        if account is None:
            self._window.status("Set up your e-mail account first.")
            self.open_account()
            return None
        from talentdesk.ui.mail.compose_dialog import ComposeDialog

        dialog = ComposeDialog(
            self.services, account, ids, pool_id, self._window, vacancy_id=vacancy_id
        )
        dialog.queued.connect(
            lambda count: self._queued(count, dialog.plan.not_contacted if dialog.plan else "")
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _refused(self, candidate_id: int) -> bool:
        """One person who may not be e-mailed: no compose window, the reason instead."""
        reason = self._window.ws.not_contactable([candidate_id]).get(candidate_id)
        if reason is None:
            return False
        name = self._window.ws.reads.candidate_names([candidate_id]).get(candidate_id, "")
        why = "is marked Do not contact" if reason == "do not contact" else "withdrew consent"
        from PySide6.QtWidgets import QMessageBox  # loaded when it first opens

        QMessageBox.information(
            self._window,
            "Not e-mailed",
            f"{name or 'This candidate'} {why}: TalentDesk sends them no e-mail.",
        )
        return True

    def _queued(self, count: int, not_contacted: str = "") -> None:
        queued = f"{count:,} message{'s' if count != 1 else ''} queued"
        self._window.status(f"{queued} · {not_contacted}." if not_contacted else f"{queued}.")
        self.open_outbox().send()

    # -- the outbox, the account, the templates ---------------------------------------------------
    def open_outbox(self) -> OutboxWindow:
        if self.outbox_window is None:
            from talentdesk.ui.mail.outbox_window import OutboxWindow

            self.outbox_window = OutboxWindow(self.services, self._window.events, self._window)
        else:
            self.outbox_window.reload()
        self.outbox_window.show()
        self.outbox_window.raise_()
        self.outbox_window.activateWindow()
        return self.outbox_window

    def open_account(self) -> AccountDialog:
        from talentdesk.ui.mail.account_dialog import AccountDialog

        dialog = AccountDialog(self.services, self._window)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def open_imap(self) -> ImapDialog:
        from talentdesk.ui.mail.imap_dialog import ImapDialog

        dialog = ImapDialog(self.services, self._window)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    # -- reading replies over IMAP ----------------------------------------------------------------
    @property
    def sync_runner(self) -> MailSyncRunner:
        if self._sync_runner is None:
            from talentdesk.ui.mail.sync_runner import MailSyncRunner

            self._sync_runner = MailSyncRunner(self._window, self.services)
        return self._sync_runner

    def start_background_sync(self) -> None:
        """Read the mailbox every few minutes while the app runs (once it is set up)."""
        self.sync_runner.start()

    def open_templates(self) -> TemplatesDialog:
        from talentdesk.ui.mail.templates_dialog import TemplatesDialog

        dialog = TemplatesDialog(self.services, self._window)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def check_outbox(self) -> None:
        """The outbox resumes: what is still queued is sent; messages a run that died left
        "sending" (or undecided since) are shown for the user to decide. A colleague's queued
        messages are theirs to send (from their account): not counted."""
        from talentdesk.core.users.mine import local_user

        reader = self._window.ws.reader
        found = dict(
            reader.execute(
                "SELECT status, count(*) FROM outbox_message"
                " WHERE status IN ('sending', 'unknown', 'queued')"
                " AND (status <> 'queued' OR queued_by_id IS NULL OR queued_by_id = ?)"
                " GROUP BY status",
                [local_user(reader)],
            ).fetchall()
        )
        if found.get("queued"):
            self._window.status(
                f"Sending the {found['queued']:,} e-mail(s) still in the outbox.", 15000
            )
            self.open_outbox().send()  # which first marks any left "sending" unknown
        elif found.get("sending"):
            self.open_outbox()  # which marks them unknown and asks what to do
        elif found.get("unknown"):
            self._window.status(
                f"{found['unknown']:,} e-mail(s) may or may not have been delivered: "
                "see E-mail → Outbox (Ctrl+Shift+O).",
                15000,
            )

    def stop(self) -> None:
        """The window closes: the outbox stops sending, a running sync is cancelled."""
        if self.outbox_window is not None:
            self.outbox_window.stop_sending()
        if self._sync_runner is not None:
            self._sync_runner.stop()
