"""Selection → Hand over to…: the selected candidates become a colleague's, their follow-ups
going along (ws.users.hand_over), as one bulk command: off the GUI thread, with progress when
large, and one Ctrl+Z gives each person their previous owner back. Shown only when the
database has several users (alone, there is no one to hand over to)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from talentdesk.core.ops.changes import Changes
from talentdesk.ui.qaction import make_action

if TYPE_CHECKING:
    from talentdesk.ui.main_window import MainWindow


class HandOver(QObject):
    """The action, kept visible only while the database has several users."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._w = window
        self.action = make_action(
            window,
            "&Hand over to…",
            None,
            self.hand_over,
            "Make the selected a colleague's, with their follow-ups",
        )
        self.action.setObjectName("handOverAction")
        self._show_for_users()
        window.events.changed.connect(self._changed)

    def _changed(self, changes: Changes) -> None:
        # A user added (core/users/service.py); a closed window's database may be closed.
        if (changes.settings or changes.external) and self._w.isVisible():
            self._show_for_users()

    def _show_for_users(self) -> None:
        self.action.setVisible(self._w.ws.reads.several_users())

    def hand_over(self) -> None:
        w = self._w
        if not self.action.isVisible():  # no colleague yet
            return
        found = w.bulk_ui.target()
        if found is None:
            return
        ids, who = found
        from talentdesk.ui.bulk.handover_dialog import HandOverDialog  # when first used

        dialog = HandOverDialog(w.ws, who, w)
        if dialog.exec() != dialog.DialogCode.Accepted:
            return
        user_id, name, follow = dialog.user_id(), dialog.user_name(), dialog.with_follow_ups()
        users = w.ws.users
        from talentdesk.ui.bulk.command import BulkCommand  # loaded when first used

        command = BulkCommand(
            w,
            f"Handing {who} over to {name}",
            len(ids),
            lambda p, c: users.hand_over(ids, user_id, reminders=follow, progress=p, cancelled=c),
        )
        w.undo_stack.push(command)
