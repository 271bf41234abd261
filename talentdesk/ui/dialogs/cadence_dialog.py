"""Keep in touch with everyone in a pool every N days, or switch the cadence off."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

SUGGESTED_DAYS = 90  # a quarter: what recruiters commonly keep warm passive candidates with
MAX_DAYS = 3650


class CadenceDialog(QDialog):
    def __init__(self, pool_name: str, days: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Keep in touch — {pool_name}")
        now = f"every {days:,} days" if days else "no cadence"
        intro = QLabel(f"Check in with everyone in “{pool_name}” at least this often (now: {now}).")
        intro.setWordWrap(True)
        self.days = QSpinBox()
        self.days.setObjectName("cadenceDays")
        self.days.setRange(0, MAX_DAYS)
        self.days.setSpecialValueText("Off — no cadence")
        self.days.setPrefix("every ")
        self.days.setSuffix(" days")
        self.days.setValue(days or SUGGESTED_DAYS)
        self.days.setToolTip("0 switches the cadence off")
        explain = QLabel(
            "Members with no contact for longer get one check-in reminder, which logging a "
            "call, meeting or e-mail clears. The candidate list marks them amber once past "
            "the cadence and red past twice as long."
        )
        explain.setWordWrap(True)
        explain.setStyleSheet("color: #4b5563;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(intro)
        form.addRow("&Keep in touch:", self.days)
        form.addRow(explain)
        form.addRow(buttons)
        # Tall enough for the wrapped lines at this width (the size hint alone ignores them).
        self.resize(440, max(self.heightForWidth(440), self.sizeHint().height()))
        self.days.selectAll()

    def value(self) -> int | None:
        """The cadence in days; None switches it off."""
        return self.days.value() or None
