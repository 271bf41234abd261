"""The snooze menu: 1 hour, this evening, tomorrow morning, next Monday, or a picked time; each
entry says when that is."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, tzinfo
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QMenu,
    QWidget,
)

from talentdesk.core.reminders.snooze import (
    SnoozePreset,
    short_when,
    snooze_until,
)

__all__ = ["PRESETS", "SnoozeMenu", "short_when"]

PRESETS = (
    (SnoozePreset.ONE_HOUR, "1 &hour"),
    (SnoozePreset.THIS_EVENING, "This &evening"),
    (SnoozePreset.TOMORROW_MORNING, "&Tomorrow morning"),
    (SnoozePreset.NEXT_MONDAY, "Next &Monday"),
)


class SnoozeMenu(QMenu):
    chosen = Signal(object)  # the aware UTC datetime to snooze until

    def __init__(
        self,
        now: Callable[[], datetime],
        zone: Callable[[], tzinfo],
        day_start: Callable[[], time],
        parent: QWidget | None = None,
        due: Callable[[], datetime | None] = lambda: None,
    ) -> None:
        """`due`: when the reminder being snoozed is due (None: not known)."""
        super().__init__("&Snooze", parent)
        self._now = now
        self._due = due
        self._zone = zone
        self._day_start = day_start
        self._labels: dict[SnoozePreset, str] = {}
        self.preset_actions: dict[SnoozePreset, QAction] = {}
        for preset, label in PRESETS:
            action = self.addAction(label)
            action.triggered.connect(partial(self._choose, preset))
            self._labels[preset] = label
            self.preset_actions[preset] = action
        self.addSeparator()
        self.pick_action = self.addAction("&Pick a date…")
        self.pick_action.triggered.connect(self.pick)
        self.aboutToShow.connect(self._show_times)

    def until(self, preset: SnoozePreset) -> datetime:
        return snooze_until(preset, self._now(), self._zone(), day_start=self._day_start())

    def not_before(self) -> datetime:
        """The earliest a snooze may be: now, or the due time of a reminder not due yet (a
        snooze moves a reminder later, never earlier)."""
        now, due = self._now(), self._due()
        return max(now, due) if due is not None else now

    def pick(self) -> None:
        from talentdesk.ui.widgets.snooze_dialog import PickSnoozeDialog  # when first picked

        dialog = PickSnoozeDialog(
            self.not_before(), self._zone(), self._day_start(), self.parentWidget()
        )
        if dialog.exec() == dialog.DialogCode.Accepted:
            self.chosen.emit(dialog.value())

    def _choose(self, preset: SnoozePreset) -> None:
        self.chosen.emit(self.until(preset))

    def _show_times(self) -> None:
        # After a tab, Qt right-aligns the text in the menu's shortcut column.
        now, not_before = self._now(), self.not_before()
        for preset, action in self.preset_actions.items():
            until = self.until(preset)
            action.setText(f"{self._labels[preset]}\t{short_when(until, now, self._zone())}")
            action.setEnabled(until > not_before)
