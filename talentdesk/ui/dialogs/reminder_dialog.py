"""Add or edit a reminder: when (local time, or just a day), what kind, a note, and whether and
how long it repeats."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from talentdesk.core.db.enums import ReminderKind, ReminderOrigin
from talentdesk.core.reminders.recurrence import Preset, describe, preset_rule
from talentdesk.core.reminders.snooze import at_working_day_start, local_time_on
from talentdesk.ui.formatting import format_datetime
from talentdesk.ui.qdates import date_of, qdate, time_of

if TYPE_CHECKING:
    from talentdesk.core.services.reminders import ReminderDetail

_NO_REPEAT = ""
_KEPT_RULE = "kept"  # a rule no preset makes (from elsewhere, or edited by hand): kept as it is
_NEVER, _ON_DATE, _AFTER = "never", "on_date", "after"
_UNTIL_UTC = "%Y%m%dT%H%M%SZ"
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NTH = ("First", "Second", "Third", "Fourth", "Last")
_ERROR_STYLE = "color: #b91c1c;"
_WARNING_STYLE = "color: #b45309;"
_ORIGINS = {
    ReminderOrigin.CADENCE: "the pool's keep-in-touch cadence",
    ReminderOrigin.BIRTHDAY: "the birthday",
    ReminderOrigin.FEEDBACK: "closing the loop",
    ReminderOrigin.CONSENT: "consent renewal",
    ReminderOrigin.NOTICE: "the information notice",
}


@dataclass(frozen=True)
class ReminderInput:
    due_at: datetime  # UTC
    kind: ReminderKind
    note: str
    recurrence: str | None


class ReminderDialog(QDialog):
    """Without `detail`, a new reminder for tomorrow at the start of the working day."""

    # Made by the builders below (one per row of the form); so are `date` and `time`, not
    # declared here, where they would hide the datetime types of those names.
    all_day: QCheckBox
    kind: QComboBox
    note: QLineEdit
    repeat: QComboBox
    ends: QComboBox
    until: QDateEdit
    count: QSpinBox
    repeat_text: QLabel
    message: QLabel
    save_button: QPushButton

    def __init__(
        self,
        *,
        now: datetime,
        zone: tzinfo,
        day_start: time,
        candidate_name: str,
        detail: ReminderDetail | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._now = now
        self._zone = zone
        self._day_start = day_start
        self._detail = detail
        self._kept_rule: str | None = None
        verb = "Edit" if detail else "Add"
        self.setWindowTitle(f"{verb} reminder — {candidate_name}")

        due_local = (
            detail.due_at.astimezone(zone)
            if detail
            else at_working_day_start(
                now.astimezone(zone).date() + timedelta(days=1), zone, day_start
            ).astimezone(zone)
        )
        when = self._when_row(due_local)
        self._kind_and_note()
        ends = self._repeat_rows(due_local)
        buttons = self._buttons()
        self._lay_out(when, ends, buttons)
        for signal in (
            self.date.dateChanged,
            self.time.timeChanged,
            self.all_day.toggled,
            self.kind.currentIndexChanged,
            self.note.textChanged,
            self.repeat.currentIndexChanged,
            self.ends.currentIndexChanged,
            self.until.dateChanged,
            self.count.valueChanged,
        ):
            signal.connect(self._update)
        # Tall enough for the wrapped lines at this width (the size hint alone ignores them).
        self.resize(560, max(self.heightForWidth(560), self.sizeHint().height()))
        self._initial_due = self._entered_due()
        self._update()
        self.note.setFocus()

    # -- building: one builder per row of the form ------------------------------------------
    def _when_row(self, due_local: datetime) -> QHBoxLayout:
        """Due day and time, or just the day (due at the start of the working day)."""
        self.date = QDateEdit(qdate(due_local.date()))
        self.date.setObjectName("reminderDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("ddd d MMM yyyy")
        self.time = QTimeEdit(QTime(due_local.hour, due_local.minute))
        self.time.setObjectName("reminderTime")
        self.time.setDisplayFormat("HH:mm")
        self.all_day = QCheckBox("No specific &time")
        self.all_day.setObjectName("reminderAllDay")
        self.all_day.setToolTip(
            f"Due at the start of the working day ({self._day_start:%H:%M}), local time"
        )
        self.all_day.setChecked(due_local.time().replace(second=0) == self._day_start)
        when = QHBoxLayout()
        when.addWidget(self.date)
        when.addWidget(self.time)
        when.addWidget(self.all_day)
        when.addStretch()
        return when

    def _kind_and_note(self) -> None:
        detail = self._detail
        self.kind = QComboBox()
        self.kind.setObjectName("reminderKind")
        for kind in ReminderKind:
            self.kind.addItem(kind.label, kind)
        self.kind.setCurrentIndex(self.kind.findData(detail.kind if detail else None))
        if self.kind.currentIndex() < 0:
            self.kind.setCurrentIndex(0)
        self.note = QLineEdit(detail.note or "" if detail else "")
        self.note.setObjectName("reminderNote")
        self.note.setPlaceholderText("e.g. Ask how the new role is going")

    def _repeat_rows(self, due_local: datetime) -> QHBoxLayout:
        """How it repeats, when the repeating ends (the returned row), and the rule in words."""
        self.repeat = QComboBox()
        self.repeat.setObjectName("reminderRepeat")
        self.ends = QComboBox()
        self.ends.setObjectName("reminderEnds")
        self.ends.addItem("Never", _NEVER)
        self.ends.addItem("On date", _ON_DATE)
        self.ends.addItem("After", _AFTER)
        self.until = QDateEdit(qdate(due_local.date() + timedelta(days=365)))
        self.until.setObjectName("reminderUntil")
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("d MMM yyyy")
        self.count = QSpinBox()
        self.count.setObjectName("reminderCount")
        self.count.setRange(2, 999)
        self.count.setValue(5)
        self.count.setSuffix(" times")
        ends = QHBoxLayout()
        ends.addWidget(self.ends)
        ends.addWidget(self.until)
        ends.addWidget(self.count)
        ends.addStretch()
        self.repeat_text = QLabel()
        self.repeat_text.setObjectName("repeatDescription")
        self.repeat_text.setStyleSheet("color: #4b5563;")
        self._fill_repeat(due_local)
        if self._detail and self._detail.recurrence:
            self._show_rule(self._detail.recurrence, due_local)
        return ends

    def _buttons(self) -> QDialogButtonBox:
        self.message = QLabel()
        self.message.setObjectName("reminderMessage")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        return buttons

    def _lay_out(self, when: QHBoxLayout, ends: QHBoxLayout, buttons: QDialogButtonBox) -> None:
        detail = self._detail
        form = QFormLayout(self)
        if detail and detail.origin is not ReminderOrigin.MANUAL:
            made = QLabel(
                f"Made by TalentDesk for {_ORIGINS.get(detail.origin, detail.origin.label)}"
                + (f": {detail.reason}" if detail.reason else ".")
            )
            made.setObjectName("reminderReason")
            made.setWordWrap(True)
            made.setStyleSheet("background: #eff6ff; color: #1e3a8a; padding: 6px;")
            form.addRow(made)
        form.addRow(_buddy("&Due:", self.date), when)
        if detail and detail.snoozed_until:
            snoozed = QLabel(
                f"Snoozed until {format_datetime(detail.snoozed_until)}. "
                "It stays snoozed unless you change the due time."
            )
            snoozed.setObjectName("reminderSnoozed")
            snoozed.setWordWrap(True)
            snoozed.setStyleSheet("color: #4b5563;")
            form.addRow("", snoozed)
        form.addRow("&Kind:", self.kind)
        form.addRow("&Note:", self.note)
        form.addRow("&Repeat:", self.repeat)
        form.addRow(_buddy("&Ends:", self.ends), ends)
        form.addRow("", self.repeat_text)
        form.addRow(self.message)
        form.addRow(buttons)

    # -- what the dialog says ----------------------------------------------------------------
    def due_at(self) -> datetime:
        """The due moment in UTC, from the local date and time (or the working day start);
        an edited reminder's own, to the second, while its date and time are left alone."""
        if self._detail and self._entered_due() == self._initial_due:
            return self._detail.due_at
        return self._entered_due()

    def due_changed(self) -> bool:
        return self._entered_due() != self._initial_due

    def _entered_due(self) -> datetime:
        day = date_of(self.date.date())
        if self.all_day.isChecked():
            return at_working_day_start(day, self._zone, self._day_start)
        wall = time_of(self.time.time())
        return local_time_on(day, wall.replace(second=0, microsecond=0), self._zone)

    def rule(self) -> str | None:
        choice = self.repeat.currentData()
        if choice == _NO_REPEAT:
            return None
        if choice == _KEPT_RULE:
            return self._kept_rule
        end = self.ends.currentData()
        return preset_rule(
            Preset(choice),
            self.due_at().astimezone(self._zone),
            until=date_of(self.until.date()) if end == _ON_DATE else None,
            count=self.count.value() if end == _AFTER else None,
        )

    def values(self) -> ReminderInput:
        # Qt hands StrEnum data back as plain str.
        return ReminderInput(
            self.due_at(), ReminderKind(self.kind.currentData()), self.note.text(), self.rule()
        )

    # -- repeat presets ----------------------------------------------------------------------
    def _fill_repeat(self, due_local: datetime) -> None:
        self.repeat.addItem("Does not repeat", _NO_REPEAT)
        self.repeat.addItem("Every week", Preset.WEEKLY.value)
        self.repeat.addItem("Every month", Preset.MONTHLY.value)
        self.repeat.addItem("Every 3 months", Preset.EVERY_3_MONTHS.value)
        self.repeat.addItem(_monthly_weekday(due_local.date()), Preset.MONTHLY_WEEKDAY.value)
        self.repeat.addItem("Every year", Preset.YEARLY.value)

    def _show_rule(self, rule: str, due_local: datetime) -> None:
        """Select the preset and end that make `rule`, or keep a rule no preset makes."""
        body, count, until = _split_end(rule)
        for preset in Preset:
            if preset_rule(preset, due_local) == body:
                self.repeat.setCurrentIndex(self.repeat.findData(preset.value))
                if count is not None:
                    self.ends.setCurrentIndex(self.ends.findData(_AFTER))
                    self.count.setMinimum(1)  # a repeat already under way may have one left
                    self.count.setValue(count)
                elif until is not None:
                    self.ends.setCurrentIndex(self.ends.findData(_ON_DATE))
                    self.until.setDate(qdate(until.astimezone(self._zone).date()))
                return
        self._kept_rule = rule
        self.repeat.addItem(f"As set up: {describe(rule, self._zone)}", _KEPT_RULE)
        self.repeat.setCurrentIndex(self.repeat.count() - 1)

    def _update(self) -> None:
        self.time.setEnabled(not self.all_day.isChecked())
        if self.all_day.isChecked():
            self.time.setTime(QTime(self._day_start.hour, self._day_start.minute))
        due = self.due_at()
        self.repeat.setItemText(
            self.repeat.findData(Preset.MONTHLY_WEEKDAY.value),
            _monthly_weekday(due.astimezone(self._zone).date()),
        )
        choice = self.repeat.currentData()
        presets_end = choice not in (_NO_REPEAT, _KEPT_RULE)
        self.ends.setEnabled(presets_end)
        self.until.setVisible(presets_end and self.ends.currentData() == _ON_DATE)
        self.count.setVisible(presets_end and self.ends.currentData() == _AFTER)

        error = self._error(due)
        rule = None if error else self.rule()
        self.repeat_text.setText(describe(rule, self._zone) if rule else "")
        self.save_button.setEnabled(error is None)
        if error:
            self.message.setStyleSheet(_ERROR_STYLE)
            self.message.setText(error)
        elif due < self._now and (self._detail is None or self.due_changed()):
            self.message.setStyleSheet(_WARNING_STYLE)
            self.message.setText("That time has passed: the reminder will show as overdue.")
        else:
            self.message.setText("")

    def _error(self, due: datetime) -> str | None:
        if ReminderKind(self.kind.currentData()) is ReminderKind.CUSTOM and not (
            self.note.text().strip()
        ):
            return "Say in the note what this custom reminder is for."
        if (
            self.repeat.currentData() not in (_NO_REPEAT, _KEPT_RULE)
            and self.ends.currentData() == _ON_DATE
            and date_of(self.until.date()) < due.astimezone(self._zone).date()
        ):
            return "The repeat would end before the reminder is first due."
        return None


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def _monthly_weekday(day: date) -> str:
    """The label of Preset.MONTHLY_WEEKDAY for a due date: its fifth weekday means the last."""
    return f"{_NTH[(day.day - 1) // 7]} {_WEEKDAYS[day.weekday()]} of each month"


def _split_end(rule: str) -> tuple[str, int | None, datetime | None]:
    """`rule` without its end, the COUNT and the UNTIL moment (UTC)."""
    body, count, until = [], None, None
    for part in rule.split(";"):
        name, _, value = part.partition("=")
        if name == "COUNT":
            count = int(value)
        elif name == "UNTIL":
            until = datetime.strptime(value, _UNTIL_UTC).replace(tzinfo=UTC)
        else:
            body.append(part)
    return ";".join(body), count, until
