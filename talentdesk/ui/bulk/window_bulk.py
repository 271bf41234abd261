"""The window's bulk actions: the Selection menu (also in the list's right-click menu), what
each asks, and the undoable command it pushes. Each applies to the selected candidates, or,
when everyone in the list is selected (the banner's "Select all N in this list"), to every id
of the list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QVBoxLayout

from talentdesk.ui.bulk.banner import SelectAllBanner, everyone_selected
from talentdesk.ui.bulk.handover import HandOver
from talentdesk.ui.qaction import make_action

# The dialogs, the command and what they import load when an action first runs, not before
# the window's first paint.
if TYPE_CHECKING:
    from talentdesk.core.bulk.result import BulkResult
    from talentdesk.ui.bulk.command import Cancelled, Progress
    from talentdesk.ui.bulk.dialogs import PoolChoiceDialog
    from talentdesk.ui.main_window import MainWindow

    Run = Callable[[Progress | None, Cancelled | None], BulkResult]


class WindowBulk(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._w = window
        w = window

        def action(text: str, keys: str | None, slot: Callable[[], object], tip: str) -> QAction:
            return make_action(w, text, keys, slot, tip)

        self.tag_action = action("&Tag…", "Ctrl+T", self.tag, "Tag the selected (Ctrl+T)")
        self.untag_action = action("Remove ta&g…", None, self.untag, "Take tags off the selected")
        self.stage_action = action(
            "Move to &stage…", None, self.move_to_stage, "Move the selected to a stage of a pool"
        )
        self.remove_pool_action = action(
            "Remove from p&ool…", None, self.remove_from_pool, "Take the selected out of a pool"
        )
        self.near_fit_action = action(
            "Mark &near-fit…", None, lambda: self.near_fit(True), "Flag them near-fits in a pool"
        )
        self.clear_near_fit_action = action(
            "&Clear near-fit…", None, lambda: self.near_fit(False), "Clear their near-fit flag"
        )
        self.status_action = action(
            "Set stat&us…", None, self.set_status, "Active, passive, placed or do not contact"
        )
        self.touchpoint_action = action(
            "&Log a touchpoint for each…", None, self.log_touchpoint, "A call, e-mail or note each"
        )
        self.reminder_action = action(
            "Add a &reminder for each…", None, self.add_reminder, "The same reminder for each"
        )
        self.remind_all_action = action(
            "Remind &everyone in this list…",
            None,
            lambda: self.add_reminder(everyone=True),
            "The same reminder for everyone the list shows, selected or not",
        )
        self.hand_over = HandOver(w)  # team mode: shown once there are colleagues
        self.banner = SelectAllBanner(w.list_pane.table, w.list_pane.model)
        layout = w.list_pane.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(w.list_pane.stack), self.banner)  # above the table
        w.list_pane.model.counts_changed.connect(lambda *_: self.update_enabled())
        self.update_enabled()

    def write_actions(self) -> list[QAction]:
        return [
            self.tag_action,
            self.untag_action,
            self.stage_action,
            self.remove_pool_action,
            self.near_fit_action,
            self.clear_near_fit_action,
            self.status_action,
            self.touchpoint_action,
            self.reminder_action,
            self.remind_all_action,
            self.hand_over.action,
        ]

    def fill_menu(self, menu: QMenu) -> None:
        w = self._w
        menu.addActions(self.write_actions()[:2])
        menu.addSeparator()
        menu.addActions([w.add_to_pool_action, *self.write_actions()[2:6]])
        menu.addSeparator()
        menu.addActions(self.write_actions()[6:10])
        menu.addSeparator()
        menu.addAction(self.hand_over.action)  # hidden alone (a separator then collapses)
        menu.addSeparator()
        menu.addActions(
            [w.add_to_vacancy_action, w.mail_ui.email_action, w.export_action, w.delete_action]
        )

    def update_enabled(self) -> None:
        on = self._w.list_pane.model.rowCount() > 0 and self._w.read_only_reason is None
        for act in self.write_actions():
            act.setEnabled(on)

    # -- whom ---------------------------------------------------------------------------------
    def target(self, everyone: bool = False) -> tuple[list[int], str] | None:
        """The ids an action applies to and how to name them; None (said why) for nobody.
        `everyone`: the whole list shown, whatever is selected."""
        pane = self._w.list_pane
        if everyone:
            ids = pane.model.all_ids()
            return (ids, f"all {len(ids):,} in this list") if ids else None
        ids = pane.selected_candidate_ids()
        if not ids:
            self._w.status("Select one or more candidates first.", 4000)
            return None
        if everyone_selected(pane.table, pane.model):
            return ids, f"all {len(ids):,} in this list"
        from talentdesk.core.bulk.result import people as n_people

        return ids, n_people(len(ids))

    def _push(self, label: str, ids: list[int], run: Run) -> None:
        from talentdesk.ui.bulk.command import BulkCommand

        self._w.undo_stack.push(BulkCommand(self._w, label, len(ids), run))

    # -- the actions ----------------------------------------------------------------------------
    def tag(self, remove: bool = False) -> None:
        from talentdesk.ui.bulk.dialogs import TagsDialog

        found = self.target()
        if found is None:
            return
        ids, who = found
        dialog = TagsDialog(self._w.ws, who, remove, self._w)
        if dialog.exec() != dialog.DialogCode.Accepted:
            return
        tags, bulk = dialog.tags(), self._w.ws.bulk
        if remove:
            self._push(
                f"Untagging {who}",
                ids,
                lambda p, c: bulk.untag(ids, tags, progress=p, cancelled=c),
            )
        else:
            self._push(
                f"Tagging {who}", ids, lambda p, c: bulk.tag(ids, tags, progress=p, cancelled=c)
            )

    def untag(self) -> None:
        self.tag(remove=True)

    def _pool(self, title: str, text: str, with_stage: bool) -> PoolChoiceDialog | None:
        from talentdesk.ui.bulk.dialogs import PoolChoiceDialog

        if self._w.pool_pane.model.pool_count() == 0:
            from PySide6.QtWidgets import QMessageBox  # loaded when it first opens

            QMessageBox.information(self._w, "No pools yet", "Create a pool first (Ctrl+Shift+N).")
            return None
        preselect = self._w.list_pane.model.query.pool_id
        dialog = PoolChoiceDialog(self._w.ws, title, text, preselect, with_stage, self._w)
        return dialog if dialog.exec() == dialog.DialogCode.Accepted else None

    def add_to_pool(self, ids: list[int], who: str, pool_id: int, stage_id: int | None) -> None:
        bulk = self._w.ws.bulk
        self._push(
            f"Adding {who} to a pool",
            ids,
            lambda p, c: bulk.add_to_pool(ids, pool_id, stage_id, progress=p, cancelled=c),
        )

    def move_to_stage(self) -> None:
        found = self.target()
        if found is None:
            return
        ids, who = found
        dialog = self._pool("Move to stage", f"Move {who} (members of the pool) to:", True)
        if dialog is None or (stage_id := dialog.stage_id()) is None:
            return
        pool_id, bulk = dialog.pool_id(), self._w.ws.bulk
        self._push(
            f"Moving {who}",
            ids,
            lambda p, c: bulk.move_to_stage(ids, pool_id, stage_id, progress=p, cancelled=c),
        )

    def remove_from_pool(self) -> None:
        found = self.target()
        if found is None:
            return
        ids, who = found
        dialog = self._pool("Remove from pool", f"Remove {who} from:", False)
        if dialog is None:
            return
        pool_id, bulk = dialog.pool_id(), self._w.ws.bulk
        self._push(
            f"Removing {who} from {dialog.pool_name()}",
            ids,
            lambda p, c: bulk.remove_from_pool(ids, pool_id, progress=p, cancelled=c),
        )

    def near_fit(self, flag: bool) -> None:
        found = self.target()
        if found is None:
            return
        ids, who = found
        verb = "Mark near-fit" if flag else "Clear near-fit"
        dialog = self._pool(verb, f"{verb}: {who}, in the pool", False)
        if dialog is None:
            return
        pool_id, bulk = dialog.pool_id(), self._w.ws.bulk
        self._push(
            f"{'Marking' if flag else 'Clearing'} near-fit of {who}",
            ids,
            lambda p, c: bulk.set_near_fit(ids, pool_id, flag, progress=p, cancelled=c),
        )

    def set_status(self) -> None:
        from talentdesk.ui.bulk.dialogs import StatusDialog

        found = self.target()
        if found is None:
            return
        ids, who = found
        dialog = StatusDialog(who, self._w)
        if dialog.exec() != dialog.DialogCode.Accepted:
            return
        status, bulk = dialog.choice(), self._w.ws.bulk
        self._push(
            f"Setting the status of {who}",
            ids,
            lambda p, c: bulk.set_status(ids, status, progress=p, cancelled=c),
        )

    def log_touchpoint(self) -> None:
        from talentdesk.core.db.enums import InteractionKind
        from talentdesk.ui.dialogs.interaction_dialog import InteractionDialog

        found = self.target()
        if found is None:
            return
        ids, who = found
        dialog = InteractionDialog(InteractionKind.CALL, self._w.ws.clock(), who, self._w)
        if dialog.exec() != dialog.DialogCode.Accepted:
            return
        kind, when, subject, body = dialog.values()
        bulk = self._w.ws.bulk
        self._push(
            f"Logging a {kind.label.lower()} for {who}",
            ids,
            lambda p, c: bulk.log_touchpoint(
                ids, kind, when, subject, body, progress=p, cancelled=c
            ),
        )

    def add_reminder(self, everyone: bool = False) -> None:
        from talentdesk.ui.dialogs.reminder_dialog import ReminderDialog

        found = self.target(everyone)
        if found is None:
            return
        ids, who = found
        actions = self._w.reminders_pane.reminder_actions
        dialog = ReminderDialog(
            now=self._w.ws.clock(),
            zone=actions.zone,
            day_start=actions.day_start(),
            candidate_name=who,
            parent=self._w,
        )
        if dialog.exec() != dialog.DialogCode.Accepted:
            return
        values, bulk = dialog.values(), self._w.ws.bulk
        due: datetime = values.due_at
        self._push(
            f"Adding a reminder for {who}",
            ids,
            lambda p, c: bulk.add_reminder(
                ids, due, values.kind, values.note, values.recurrence, progress=p, cancelled=c
            ),
        )
