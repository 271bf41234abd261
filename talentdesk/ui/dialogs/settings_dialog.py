"""Settings…: the tray, starting at login, the working day and birthday reminders."""

from __future__ import annotations

import logging
import sys
from functools import partial
from pathlib import Path

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from talentdesk.core import settings
from talentdesk.core.reminders import autostart
from talentdesk.core.workspace import Workspace
from talentdesk.ui.errors import show_error
from talentdesk.ui.ops import Ops
from talentdesk.ui.qdates import time_of

log = logging.getLogger(__name__)


def start_command(data_dir: Path) -> list[str]:
    """What starts this TalentDesk on this data folder at login, in the tray: the bundle's own
    executable when frozen (PyInstaller and the like set `sys.frozen`), else this Python
    running the package."""
    if getattr(sys, "frozen", False):
        program = [sys.executable]
    else:
        python = Path(sys.executable)
        windowless = python.with_name("pythonw.exe")  # no console window at login on Windows
        if sys.platform == "win32" and windowless.exists():
            python = windowless
        program = [str(python), "-m", "talentdesk"]
    return [*program, "--data-dir", str(data_dir), "--in-tray"]


class SettingsDialog(QDialog):
    def __init__(
        self, ws: Workspace, ops: Ops, parent: QWidget | None, *, tray_available: bool
    ) -> None:
        super().__init__(parent)
        self._ws = ws
        self._ops = ops
        self._store = ws.settings_store()
        self.setWindowTitle("Settings")
        self._window_choices(tray_available)
        self._reminder_fields()
        kept = self._backups_row()
        # The main window opens the account dialog: it holds the session's e-mail password.
        self.mail_account_button = QPushButton("E-mail account…")
        self.mail_account_button.setObjectName("mailAccountButton")
        self.imap_account_button = QPushButton("Mailbox for replies…")
        self.imap_account_button.setObjectName("imapAccountButton")
        self.imap_account_button.setToolTip("The IMAP mailbox TalentDesk reads replies from")
        mail_row = QHBoxLayout()
        mail_row.addWidget(self.mail_account_button)
        mail_row.addWidget(self.imap_account_button)
        mail_row.addStretch(1)
        buttons = self._buttons()
        form = QFormLayout(self)
        form.addRow(self.close_to_tray)
        form.addRow(self.start_at_login)
        form.addRow("Working day starts at", self.day_start)
        form.addRow("Birthday reminders", self.birthday_days)
        form.addRow("Feedback owed after", self.feedback_days)
        form.addRow("Consent renewal reminders", self.renewal_days)
        form.addRow("Consent “expiring soon”", self.expiring_days)
        form.addRow("Automatic backups kept", kept)
        form.addRow("E-mail", mail_row)
        form.addRow(buttons)

    # -- building ----------------------------------------------------------------------------
    def _window_choices(self, tray_available: bool) -> None:
        self.close_to_tray = QCheckBox(
            "Keep TalentDesk running in the tray when the window is closed"
        )
        self.close_to_tray.setObjectName("closeToTray")
        self.close_to_tray.setChecked(self._store.get(settings.CLOSE_TO_TRAY))
        if not tray_available:
            self.close_to_tray.setEnabled(False)
            self.close_to_tray.setToolTip("This desktop has no system tray.")
        self.start_at_login = QCheckBox("Start TalentDesk when I log in")
        self.start_at_login.setObjectName("startAtLogin")
        # The login entry itself is the truth: the desktop's own settings may have removed it.
        self.start_at_login.setChecked(autostart.is_enabled())

    def _reminder_fields(self) -> None:
        self.day_start = QTimeEdit()
        self.day_start.setObjectName("workDayStart")
        self.day_start.setDisplayFormat("HH:mm")
        start = self._store.get(settings.WORK_DAY_START)
        self.day_start.setTime(QTime(start.hour, start.minute))
        self.day_start.setToolTip("When a reminder without a time of its own falls due")
        self.birthday_days = QSpinBox()
        self.birthday_days.setObjectName("birthdayDaysBefore")
        self.birthday_days.setRange(0, 30)
        self.birthday_days.setSuffix(" days before")
        self.birthday_days.setSpecialValueText("On the day")
        self.birthday_days.setValue(self._store.get(settings.BIRTHDAY_DAYS_BEFORE))
        self.feedback_days = QSpinBox()
        self.feedback_days.setObjectName("feedbackAfterInterviewDays")
        self.feedback_days.setRange(1, 365)
        self.feedback_days.setSuffix(" days in Interviewing")
        self.feedback_days.setValue(self._store.get(settings.FEEDBACK_AFTER_INTERVIEW_DAYS))
        self.feedback_days.setToolTip(
            "A “feedback owed” reminder appears when someone has been interviewing this long"
        )

        self.renewal_days = self._count_box(
            settings.CONSENT_RENEWAL_DAYS_BEFORE, 1, 365, " days before consent ends"
        )
        self.expiring_days = self._count_box(
            settings.CONSENT_EXPIRING_DAYS, 1, 365, " days before consent ends"
        )
        self.expiring_days.setToolTip(
            "Consent ending within this many days counts as expiring: `consent:expiring`, "
            "the “Consent expiring soon” list and the consent chip"
        )

    def _backups_row(self) -> QHBoxLayout:
        # The ranges are the settings' own (core/settings.py).
        self.keep_daily = self._count_box(settings.BACKUPS_KEEP_DAILY, 1, 365, " days")
        self.keep_weekly = self._count_box(settings.BACKUPS_KEEP_WEEKLY, 0, 520, " weeks")
        self.keep_before = self._count_box(settings.BACKUPS_KEEP_BEFORE, 1, 1000, " before changes")
        self.keep_before.setToolTip("Backups taken before an import, a merge, a restore…")
        kept = QHBoxLayout()
        for box in (self.keep_daily, self.keep_weekly, self.keep_before):
            kept.addWidget(box)
        return kept

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons

    def accept(self) -> None:
        """Store the settings (one operation); the dialog closes once they are stored."""
        if not self._apply_start_at_login():
            return
        store = self._store
        # Read on the GUI thread; each pair type-checked (a setting and a value of its type).
        writes = (
            partial(store.set, settings.CLOSE_TO_TRAY, self.close_to_tray.isChecked()),
            partial(store.set, settings.WORK_DAY_START, time_of(self.day_start.time())),
            partial(store.set, settings.BIRTHDAY_DAYS_BEFORE, self.birthday_days.value()),
            partial(store.set, settings.FEEDBACK_AFTER_INTERVIEW_DAYS, self.feedback_days.value()),
            partial(store.set, settings.CONSENT_RENEWAL_DAYS_BEFORE, self.renewal_days.value()),
            partial(store.set, settings.CONSENT_EXPIRING_DAYS, self.expiring_days.value()),
            partial(store.set, settings.BACKUPS_KEEP_DAILY, self.keep_daily.value()),
            partial(store.set, settings.BACKUPS_KEEP_WEEKLY, self.keep_weekly.value()),
            partial(store.set, settings.BACKUPS_KEEP_BEFORE, self.keep_before.value()),
        )

        def save() -> None:
            for write in writes:
                write()

        self.setEnabled(False)
        self._ops.run(
            "Saving the settings",
            save,
            success=lambda _: super(SettingsDialog, self).accept(),
            failure=self._not_saved,
        )

    def _not_saved(self, exc: BaseException) -> None:
        self.setEnabled(True)
        show_error(self, exc, "Settings not saved")

    def _count_box(
        self, setting: settings.Setting[int], low: int, high: int, suffix: str
    ) -> QSpinBox:
        box = QSpinBox()
        box.setObjectName(setting.key)
        box.setRange(low, high)
        box.setSuffix(suffix)
        box.setValue(self._store.get(setting))
        return box

    def _apply_start_at_login(self) -> bool:
        wanted = self.start_at_login.isChecked()
        if wanted == autostart.is_enabled():
            return True
        try:
            if wanted:
                autostart.enable(start_command(self._ws.paths.data_dir))
            else:
                autostart.disable()
        except OSError as exc:
            log.warning("cannot change starting at login: %s", exc)
            QMessageBox.warning(
                self, "Start at login", f"TalentDesk could not change how it starts:\n{exc}"
            )
            return False
        return True
