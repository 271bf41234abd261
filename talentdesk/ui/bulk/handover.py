"""Selection → Hand over to…: the selected candidates become a colleague's, their follow-ups
going along (ws.users.hand_over), as one bulk command: off the GUI thread, with progress when
large, and one Ctrl+Z gives each person their previous owner back. Shown only when the
database has several users (alone, there is no one to hand over to)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from talentdesk.core.ops.changes import Changes
from talentdesk.core.workspace import Workspace
from talentdesk.ui.qaction import make_action

if TYPE_CHECKING:
    from talentdesk.ui.main_window import MainWindow

FOLLOW_UPS = "Their follow-ups go along"
FOLLOW_UPS_TIP = (
    "The open reminders their present owner has about them (call-backs, check-ins, "
    "birthdays) become the new owner's. A colleague's own reminders stay theirs."
)


class HandOverDialog(QDialog):
    """To whom (a colleague first: handing over to oneself is taking them back), and whether
    the follow-ups go along (they do unless unticked)."""

    def __init__(self, ws: Workspace, who: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Hand over {who}")
        self.user = QComboBox()
        self.user.setObjectName("handOverUser")
        me = ws.users.current_id
        users = ws.users.all()
        for user in sorted(users, key=lambda u: u.id == me):  # colleagues first, by name
            self.user.addItem(f"{user.name} (me)" if user.id == me else user.name, user.id)
        self.follow_ups = QCheckBox(FOLLOW_UPS)
        self.follow_ups.setObjectName("handOverFollowUps")
        self.follow_ups.setToolTip(FOLLOW_UPS_TIP)
        self.follow_ups.setChecked(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Hand over")
        ok.setEnabled(self.user.count() > 0)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel(f"Hand {who} over to:"))
        form.addRow("Colleague", self.user)
        form.addRow(self.follow_ups)
        form.addRow(buttons)

    def user_id(self) -> int:
        return int(self.user.currentData())

    def user_name(self) -> str:
        return self.user.currentText().removesuffix(" (me)")

    def with_follow_ups(self) -> bool:
        return self.follow_ups.isChecked()


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
        dialog = HandOverDialog(w.ws, who, w)
        if dialog.exec() != QDialog.DialogCode.Accepted:
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
