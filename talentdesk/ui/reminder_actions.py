"""Add, edit, snooze, complete and delete reminders: the actions (and shortcuts) both reminder
lists offer, on whichever reminder the list has selected."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime, time, tzinfo
from functools import cached_property
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from talentdesk.core.db.enums import InteractionKind
from talentdesk.core.errors import NotFoundError, TalentDeskError
from talentdesk.core.timezone import local_zone
from talentdesk.core.workspace import Workspace
from talentdesk.ui.events import Events
from talentdesk.ui.formatting import format_datetime
from talentdesk.ui.widgets.snooze_menu import SnoozeMenu, short_when

if TYPE_CHECKING:
    from talentdesk.core.services.reminders import ReminderDetail


class ReminderActions(QObject):
    """`selected()` gives the list's current reminder id; `anchor()` where, on screen, the
    snooze menu opens when asked for from the keyboard."""

    message = Signal(str)  # what happened, for the status bar

    def __init__(
        self,
        ws: Workspace,
        events: Events,
        host: QWidget,
        selected: Callable[[], int | None],
        anchor: Callable[[], QPoint],
    ) -> None:
        super().__init__(host)
        self._ws = ws
        self._events = events
        self._host = host
        self._selected = selected
        self._anchor = anchor

        def action(text: str, keys: list[str], tip: str, slot: Callable[[], object]) -> QAction:
            act = QAction(text, host)
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.setToolTip(f"{tip} ({keys[0]})")
            act.triggered.connect(slot)
            host.addAction(act)
            return act

        self.edit_action = action("&Edit…", ["F2"], "Edit the reminder", self.edit)
        self.done_action = action("Mark &done", ["Ctrl+D"], "Mark the reminder done", self.done)
        self.log_action = action(
            "Done and &log…",
            ["Ctrl+Shift+D"],
            "Mark it done and log what happened",
            self.done_and_log,
        )
        self.snooze_action = action(
            "&Snooze", ["Ctrl+Shift+S"], "Snooze the reminder", self.show_snooze_menu
        )
        self.delete_action = action("De&lete…", ["Del"], "Delete the reminder", self.delete)
        self.snooze_menu = SnoozeMenu(ws.clock, lambda: self.zone, self.day_start, host)
        self.snooze_menu.chosen.connect(self.snooze)
        self.snooze_action.setMenu(self.snooze_menu)
        self.set_enabled(False)

    @property
    def actions(self) -> list[QAction]:
        return [
            self.edit_action,
            self.done_action,
            self.log_action,
            self.snooze_action,
            self.delete_action,
        ]

    def set_enabled(self, has_reminder: bool) -> None:
        for act in self.actions:
            act.setEnabled(has_reminder)

    @cached_property
    def zone(self) -> tzinfo:
        """The user's time zone; looked up when first needed, not while the window opens."""
        return local_zone(self._ws.tz)

    def day_start(self) -> time:
        from talentdesk.core import settings

        return settings.read(self._ws.reader, settings.WORK_DAY_START)

    # -- the actions ---------------------------------------------------------------------------
    def add(self, candidate_id: int, candidate_name: str) -> int | None:
        """Ask for a new reminder for the candidate; its id, or None when cancelled."""
        from talentdesk.ui.dialogs.reminder_dialog import ReminderDialog

        dialog = ReminderDialog(
            now=self._ws.clock(),
            zone=self.zone,
            day_start=self.day_start(),
            candidate_name=candidate_name,
            parent=self._host,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        values = dialog.values()
        try:
            reminder_id = self._ws.reminders.add(
                candidate_id, values.due_at, values.kind, values.note, values.recurrence
            )
        except TalentDeskError as exc:
            QMessageBox.warning(self._host, "Reminder not added", exc.message)
            return None
        self.message.emit(f"Reminder added for {format_datetime(values.due_at)}.")
        self._changed(candidate_id)
        return reminder_id

    def edit(self) -> None:
        detail = self._open_detail()
        if detail is None:
            return
        from talentdesk.ui.dialogs.reminder_dialog import ReminderDialog

        dialog = ReminderDialog(
            now=self._ws.clock(),
            zone=self.zone,
            day_start=self.day_start(),
            candidate_name=detail.candidate_name,
            detail=detail,
            parent=self._host,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        try:
            self._ws.reminders.update(
                detail.id, values.due_at, values.kind, values.note, values.recurrence
            )
            # Saving ends a snooze; unless the due time changed, the user meant to keep it.
            snoozed = detail.snoozed_until
            if snoozed and not dialog.due_changed() and snoozed > self._ws.clock():
                self._ws.reminders.snooze([detail.id], snoozed)
        except TalentDeskError as exc:
            QMessageBox.warning(self._host, "Reminder not saved", exc.message)
            return
        self.message.emit("Reminder saved.")
        self._changed(detail.candidate_id)

    def done(self) -> None:
        detail = self._open_detail()
        if detail is not None:
            self._complete(detail, None, None)

    def done_and_log(self) -> None:
        detail = self._open_detail()
        if detail is None:
            return
        from talentdesk.ui.dialogs.complete_dialog import CompleteDialog

        dialog = CompleteDialog(detail, self.zone, self._host)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        kind, text = dialog.values()
        self._complete(detail, kind, text)

    def show_snooze_menu(self) -> None:
        if self._selected() is not None:
            self.snooze_menu.popup(self._anchor())

    def snooze(self, until: datetime) -> None:
        detail = self._open_detail()
        if detail is None:
            return
        try:
            self._ws.reminders.snooze([detail.id], until)
        except TalentDeskError as exc:
            QMessageBox.warning(self._host, "Not snoozed", exc.message)
            return
        when = short_when(until, self._ws.clock(), self.zone)
        self.message.emit(f"Snoozed until {when}.")
        self._changed(detail.candidate_id)

    def delete(self) -> None:
        detail = self._detail()
        if detail is None:
            return
        what = detail.kind.label + (f" “{detail.note}”" if detail.note else "")
        answer = QMessageBox.question(
            self._host,
            "Delete reminder",
            f"Delete the reminder {what} for {detail.candidate_name}?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._ws.reminders.delete(detail.id)
        self.message.emit("Reminder deleted.")
        self._changed(detail.candidate_id)

    # -- helpers -------------------------------------------------------------------------------
    def _detail(self) -> ReminderDetail | None:
        reminder_id = self._selected()
        if reminder_id is None:
            return None
        try:
            return self._ws.reminders.get(reminder_id)
        except NotFoundError:  # deleted meanwhile (elsewhere, or its candidate): show that
            self._events.reminders_changed.emit()
            return None

    def _open_detail(self) -> ReminderDetail | None:
        detail = self._detail()
        if detail is not None and detail.done_at is not None:
            self.message.emit("That reminder is done already.")
            return None
        return detail

    def _complete(
        self, detail: ReminderDetail, kind: InteractionKind | None, text: str | None
    ) -> None:
        with contextlib.suppress(NotFoundError):  # already gone: the reload shows that
            next_id = self._ws.reminders.complete(detail.id, kind, text)
            logged = " and logged" if kind is not None else ""
            if next_id is None:
                self.message.emit(f"Marked done{logged}.")
            else:
                due = self._ws.reminders.get(next_id).due_at
                self.message.emit(f"Marked done{logged}. Next: {format_datetime(due)}")
        self._changed(detail.candidate_id)

    def _changed(self, candidate_id: int) -> None:
        self._events.reminders_changed.emit()
        self._events.candidate_changed.emit(candidate_id)
