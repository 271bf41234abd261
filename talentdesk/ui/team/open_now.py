"""After Connect's Save: open the team database now, or at the next start (a question that
does not block: the window's event loop goes on while it is asked)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from talentdesk.core.team.connection import TeamConnection
    from talentdesk.ui.main_window import MainWindow

OPEN_NOW = "Open now"
LATER = "At the next start"


def ask_open_now(
    window: MainWindow, conn: TeamConnection, switch: Callable[[], None]
) -> QMessageBox:
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Open the team database?",
        f"Saved the team database {conn.label}. Open it now in place of this database?",
        QMessageBox.StandardButton.NoButton,
        window,
    )
    box.setObjectName("openNowQuestion")
    box.setInformativeText(
        "The window closes this database (what is being saved is finished first) and opens "
        "the team database. Else TalentDesk opens it at its next start."
    )
    now = box.addButton(OPEN_NOW, QMessageBox.ButtonRole.AcceptRole)
    later = box.addButton(LATER, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(now)

    def answered() -> None:
        if box.clickedButton() is now:
            switch()
        else:
            window.status(f"Saved the team database {conn.label}: it opens at the next start.")

    box.finished.connect(answered)
    box.finished.connect(box.deleteLater)
    later.setObjectName("openLater")
    now.setObjectName("openNow")
    box.open()
    return box
