"""Mark a reminder (or several) done and, in the same step, log what happened ("Called — left a
voicemail"): for several, the same interaction is logged with each candidate."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from talentdesk.core.db.enums import InteractionKind, ReminderKind
from talentdesk.core.reminders.recurrence import describe
from talentdesk.ui.formatting import format_datetime

if TYPE_CHECKING:
    from talentdesk.core.services.reminders import ReminderDetail

# What doing a reminder of each kind usually was; owed feedback logged as feedback closes the loop.
_LIKELY_KIND = {ReminderKind.FEEDBACK_OWED: InteractionKind.FEEDBACK}
# Names listed in the summary of several reminders; the rest are counted.
NAMES_SHOWN = 3


class CompleteDialog(QDialog):
    def __init__(
        self,
        details: ReminderDetail | Sequence[ReminderDetail],
        zone: tzinfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        many = list(details) if isinstance(details, Sequence) else [details]
        detail = many[0]
        if len(many) == 1:
            self.setWindowTitle(f"Mark done — {detail.candidate_name}")
            what = detail.kind.label + (f": {detail.note}" if detail.note else "")
            text = f"<b>{escape(what)}</b><br>due {format_datetime(detail.due_at)}"
        else:
            self.setWindowTitle(f"Mark {len(many):,} reminders done")
            text = f"<b>{len(many):,} reminders</b><br>{escape(_names(many))}"
        summary = QLabel(text)
        summary.setObjectName("completeSummary")
        summary.setWordWrap(True)
        self.log = QCheckBox("&Log what happened" + (" with each" if len(many) > 1 else ""))
        self.log.setObjectName("completeLog")
        self.log.setChecked(True)
        self.kind = QComboBox()
        self.kind.setObjectName("completeKind")
        for kind in InteractionKind:
            self.kind.addItem(kind.label, kind)
        kinds = {d.kind for d in many}
        likely = _LIKELY_KIND.get(detail.kind) if len(kinds) == 1 else None
        self.kind.setCurrentIndex(self.kind.findData(likely or InteractionKind.CALL))
        self.text = QLineEdit()
        self.text.setObjectName("completeText")
        self.text.setPlaceholderText("e.g. Called — left a voicemail")
        self.log.toggled.connect(self.kind.setEnabled)
        self.log.toggled.connect(self.text.setEnabled)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Done")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(summary)
        form.addRow(self.log)
        form.addRow("&As:", self.kind)
        form.addRow("&What happened:", self.text)
        if len(many) > 1:
            each = QLabel("Logged with each candidate; left empty, each reminder's own note.")
            each.setObjectName("completeEach")
            each.setWordWrap(True)
            each.setStyleSheet("color: #4b5563;")
            form.addRow(each)
        repeating = [d for d in many if d.recurrence]
        if repeating:
            if len(many) == 1:
                assert detail.recurrence is not None
                said = f"Repeats: {describe(detail.recurrence, zone)}. The next one is scheduled."
            elif len(repeating) == 1:
                said = "1 of them repeats: its next one is scheduled."
            else:
                said = f"{len(repeating):,} of them repeat: their next ones are scheduled."
            repeats = QLabel(said)
            repeats.setObjectName("completeRepeats")
            repeats.setWordWrap(True)
            repeats.setStyleSheet("color: #4b5563;")
            form.addRow(repeats)
        form.addRow(buttons)
        # Tall enough for the wrapped lines at this width (the size hint alone ignores them).
        self.resize(460, max(self.heightForWidth(460), self.sizeHint().height()))
        self.text.setFocus()

    def values(self) -> tuple[InteractionKind | None, str]:
        """The interaction to log (None: just mark it done) and what to say."""
        if not self.log.isChecked():
            return None, ""
        return InteractionKind(self.kind.currentData()), self.text.text()  # str from Qt


def _names(details: Sequence[ReminderDetail]) -> str:
    """ "Anna Kowalska, Bartek Nowak and 4 more" (each person once)."""
    names = list(dict.fromkeys(d.candidate_name for d in details))
    shown = ", ".join(names[:NAMES_SHOWN])
    more = len(names) - NAMES_SHOWN
    return shown + (f" and {more:,} more" if more > 0 else "")
