"""Erase permanently… (distinct from Delete): a reviewed list of who will be erased, confirmed
by typing the person's name (one) or how many (several); the erasure runs as an operation,
off the GUI thread, with its steps shown. It cannot be undone, and afterwards nothing in the
window's memory can bring them back: the undo history is cleared (an undone merge or bulk
action would write their rows again). When other people's notes, timeline entries or reminders
mention them (name, e-mail, phone), the dialog says how many and, ticked by default, those
mentions are replaced with "[erased]" in the same operation (core/privacy/mentions.py)."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.workspace import Workspace
from talentdesk.ui.errors import show_error
from talentdesk.ui.events import Events
from talentdesk.ui.gui_thread import sender_to

if TYPE_CHECKING:  # erasure's module loads SQLAlchemy: not before the first paint
    from talentdesk.core.privacy.erasure import ErasureResult, PersonToErase
    from talentdesk.core.privacy.mentions import Mentions
    from talentdesk.ui.main_window import MainWindow

_EXPLAIN = (
    "Everything about them is removed for good: profile, e-mail addresses, timeline and "
    "notes, reminders, pools, applications and outbox messages. Only a suppression entry is "
    "kept (a keyed hash of their e-mail addresses, LinkedIn URL and phone), so that a later "
    "import skips them. Unlike Delete, this cannot be undone. Backups made before now still "
    "hold them until they expire (File → Backups…)."
)


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


class EraseDialog(QDialog):
    erasing = Signal(list)  # the ids, as the erasure is queued
    erased = Signal(object)  # ErasureResult, once the erasure has landed

    def __init__(
        self,
        ws: Workspace,
        events: Events,
        people: list[PersonToErase],
        parent: QWidget,
        mentions: Mentions | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("eraseDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("Erase permanently")
        self.resize(560, 420)
        self._ws = ws
        self._events = events
        self._people = people
        self._erasing = False
        self._redact_was_enabled = False
        one = len(people) == 1
        self.expected = people[0].name if one else str(len(people))
        who = f"“{people[0].name}”" if one else f"{len(people):,} people"
        heading = QLabel(f"<b>Erase {who} permanently?</b>")
        explain = QLabel(_EXPLAIN)
        explain.setWordWrap(True)
        self.table = self._table(people)
        self.prompt = QLabel(
            f"Type their name, <b>{self.expected}</b>, to confirm:"
            if one
            else f"Type how many people will be erased, <b>{len(people)}</b>, to confirm:"
        )
        self.confirm = QLineEdit()
        self.confirm.setObjectName("eraseConfirm")
        self.prompt.setBuddy(self.confirm)
        self.progress_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the steps are named in the label
        self.progress.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button = QPushButton("&Erase permanently")
        self.erase_button.setObjectName("eraseButton")
        self.erase_button.setEnabled(False)
        self.buttons.addButton(self.erase_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.erase_button.clicked.connect(self.erase)
        self.buttons.rejected.connect(self.reject)
        self.confirm.textChanged.connect(self._check)
        self.redact = self._redact_box(mentions)
        layout = QVBoxLayout(self)
        for widget in (heading, explain, self.table, self.redact, self.prompt, self.confirm):
            layout.addWidget(widget)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)

    @staticmethod
    def _table(people: list[PersonToErase]) -> QTableWidget:
        table = QTableWidget(len(people), 4)
        table.setObjectName("eraseList")
        table.setHorizontalHeaderLabels(["Name", "Timeline", "Outbox", "Applications"])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        for row, p in enumerate(people):
            values = (p.name or f"#{p.id}", p.interactions, p.outbox, p.applications)
            for column, value in enumerate(values):
                table.setItem(row, column, QTableWidgetItem(str(value)))
        table.resizeColumnsToContents()
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        return table

    @staticmethod
    def _redact_box(mentions: Mentions | None) -> QCheckBox:
        """Ticked: their mentions in other people's records are replaced too. Until the
        look-up (`look_for_mentions`) answers it says so; hidden when there are none."""
        box = QCheckBox("Looking for mentions of them in other people's records…")
        box.setObjectName("eraseMentions")
        box.setChecked(True)
        box.setEnabled(False)
        if mentions is not None:
            EraseDialog._show_mentions(box, mentions)
        return box

    @staticmethod
    def _show_mentions(box: QCheckBox, mentions: Mentions) -> None:
        from talentdesk.core.privacy.mentions import TOO_MANY  # loads SQLAlchemy

        if mentions.too_many:
            box.setChecked(False)
            box.setText(TOO_MANY)
            return
        if not mentions.records:
            box.hide()
            return
        box.setEnabled(True)
        box.setText(
            f"Also mentioned in {mentions.summary()} (notes, timeline, reminders): "
            "replace their name, e-mail addresses and phone there with “[erased]”"
        )
        box.setToolTip(
            "Their name, e-mail addresses and phone in other people's records are their "
            "personal data too. Untick to keep those records as they are."
        )

    def look_for_mentions(self) -> None:
        """Count their mentions off the GUI thread (a read over every note and timeline
        entry: seconds in a very large database); the box shows the answer."""
        send, box, erasure = sender_to(self.redact), self.redact, self._ws.erasure
        ids = [p.id for p in self._people]

        def run() -> None:
            try:
                found = erasure.mentions(ids)
            except Exception as exc:  # shown in the box: the erasure itself may still go on
                message = f"Could not look for mentions in other people's records: {exc}"
                send(lambda: box.setText(message))
                return
            # Once erasing, the box stays as it was when Erase was pressed.
            send(lambda: None if self._erasing else self._show_mentions(box, found))

        threading.Thread(target=run, name="erase-mentions", daemon=True).start()

    def _check(self, text: str) -> None:
        typed = text.replace(",", "") if len(self._people) > 1 else text
        self.erase_button.setEnabled(_folded(typed) == _folded(self.expected))

    def reject(self) -> None:
        if not self._erasing:  # once started, the dialog waits for the erasure to land
            super().reject()

    def erase(self) -> None:
        if not self.erase_button.isEnabled():
            return
        self._erasing = True
        self.erase_button.setEnabled(False)
        self.buttons.setEnabled(False)
        self.confirm.setEnabled(False)
        self._redact_was_enabled = self.redact.isEnabled()
        self.redact.setEnabled(False)  # what it says now is what the erasure does
        self.progress.show()
        self.progress_label.setText("Waiting for the database…")
        send = sender_to(self.progress_label)
        label = self.progress_label
        ids = [p.id for p in self._people]
        erasure = self._ws.erasure
        redact = self.redact.isChecked()
        self.erasing.emit(ids)

        def on_writer(what: str) -> None:  # the writer's thread: handed to the GUI thread
            send(lambda: label.setText(what))

        self._events.ops.run(
            f"Erasing {len(ids):,} {'person' if len(ids) == 1 else 'people'} permanently",
            lambda: erasure.erase(ids, progress=on_writer, redact_mentions=redact),
            success=self._done,
            failure=self._failed,
            parent=self,
            announce=True,
        )

    def _done(self, result: ErasureResult) -> None:
        self._erasing = False
        self.erased.emit(result)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._erasing = False
        self.progress.hide()
        self.progress_label.clear()
        self.buttons.setEnabled(True)
        self.confirm.setEnabled(True)
        self.redact.setEnabled(self._redact_was_enabled)
        self._check(self.confirm.text())
        show_error(self, error, "Erasing failed")


def erase_selected(window: MainWindow) -> EraseDialog | None:
    """ "Erase permanently…" on the selected candidates (window-modal, returns at once)."""
    ids = window.list_pane.selected_candidate_ids()
    if not ids:
        window.status("Select the candidates to erase.", 4000)
        return None
    return erase_candidates(window, ids)


def erase_candidates(
    window: MainWindow, ids: list[int], parent: QWidget | None = None
) -> EraseDialog | None:
    """The reviewed erasure of `ids` (over `parent`, else the window; returns at once): also
    for lists other than the candidate table's selection (people due for deletion)."""
    over = parent if parent is not None else window
    try:
        people = window.ws.erasure.review(ids)
    except Exception as exc:  # shown, as any error of an action
        show_error(over, exc, "Cannot erase")
        return None
    if not people:
        return None
    dialog = EraseDialog(window.ws, window.events, people, over)
    dialog.look_for_mentions()
    dialog.erasing.connect(lambda erasing: _close_profile(window, erasing))
    dialog.erased.connect(lambda result: _after(window, result))
    dialog.open()
    return dialog


def _close_profile(window: MainWindow, ids: list[int]) -> None:
    """The profile of someone being erased closes (unsaved edits to it are dropped)."""
    pane = window.built_candidate_pane
    if pane is not None and pane.candidate_id in ids:
        pane.show_candidate(None)


def _after(window: MainWindow, result: ErasureResult) -> None:
    window.undo_stack.clear()  # see the module's docstring
    redacted = result.redacted
    also = f"; mentions replaced in {redacted.summary()}" if redacted.records else ""
    window.status(f"{result.summary()}{also}. This cannot be undone.")
