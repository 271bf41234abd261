"""Hand over to…'s dialog: to which colleague, and whether the follow-ups go along."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from talentdesk.core.workspace import Workspace

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
