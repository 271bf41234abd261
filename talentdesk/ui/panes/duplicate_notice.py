""" "Anna Kowalska has the same e-mail address": shown over a new candidate's form when what is
typed (any e-mail address, the LinkedIn URL, the phone number in the country given) is
already someone's, with a button to open them instead and, once Save was pressed, one to save
anyway. The lookup is a read on the window's own connection (core/duplicates/lookup.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from talentdesk.core.workspace import Workspace
from talentdesk.ui.widgets.profile_form import Contact

if TYPE_CHECKING:  # phonenumbers loads with the first lookup, not at start-up
    from talentdesk.core.duplicates.lookup import Match

_STYLE = "#duplicateNotice { background: #fffbeb; border: 1px solid #f59e0b; border-radius: 4px; }"
MAX_BUTTONS = 3
CHECK_AFTER_MS = 300  # after the last keystroke


class DuplicateNotice(QFrame):
    open_requested = Signal(int)  # open this existing candidate instead
    save_anyway = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicateNotice")
        self.setStyleSheet(_STYLE)
        self._ws = ws
        self.matches: list[Match] = []
        self._confirmed: frozenset[int] = frozenset()  # "save anyway" for these people
        self._contact: Contact | None = None
        self.text = QLabel()
        self.text.setObjectName("duplicateText")
        self.text.setWordWrap(True)
        self.save_button = QPushButton("Save anyway")
        self.save_button.setObjectName("saveAnyway")
        self.save_button.clicked.connect(self._save_anyway)
        self._layout = QHBoxLayout(self)
        self._layout.addWidget(self.text, 1)
        self._open_buttons: list[QPushButton] = []
        self._layout.addWidget(self.save_button)
        self._timer = QTimer(self, singleShot=True, interval=CHECK_AFTER_MS)
        self._timer.timeout.connect(self._check_later)
        self.clear()

    def clear(self) -> None:
        self._timer.stop()
        self.matches = []
        self._confirmed = frozenset()
        self.hide()

    def typed(self, contact: Contact) -> None:
        """The form changed: look again once typing pauses."""
        self._contact = contact
        self._timer.start()

    def blocks_saving(self, contact: Contact) -> bool:
        """At Save: True (the notice asking to open them or save anyway) when what is typed
        matches someone the recruiter has not said to save anyway beside."""
        self._timer.stop()
        self._show(self._look_up(contact), asking=True)
        return bool({m.id for m in self.matches} - self._confirmed)

    def _check_later(self) -> None:
        if self._contact is not None:
            self._show(self._look_up(self._contact), asking=False)

    def _look_up(self, contact: Contact) -> list[Match]:
        return self._ws.matching_people(
            contact.email,
            contact.linkedin,
            contact.phone,
            contact.country,
            other_emails=contact.other_emails,
        )

    def _show(self, matches: list[Match], asking: bool) -> None:
        self.matches = matches
        for button in self._open_buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self._open_buttons = []
        if not matches:
            self.hide()
            return
        self.text.setText(" ".join(f"{m.name} has {m.reason}." for m in matches))
        for match in matches[:MAX_BUTTONS]:
            button = QPushButton(f"Open {match.name}")
            button.setToolTip("Leave this new candidate unsaved and open the existing one")
            button.clicked.connect(lambda _=False, cid=match.id: self.open_requested.emit(cid))
            self._layout.insertWidget(self._layout.count() - 1, button)
            self._open_buttons.append(button)
        self.save_button.setVisible(asking)
        self.show()

    @property
    def open_buttons(self) -> list[QPushButton]:
        return list(self._open_buttons)

    def _save_anyway(self) -> None:
        self._confirmed = frozenset(m.id for m in self.matches)
        self.save_anyway.emit()
