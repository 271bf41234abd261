"""What the sending account's dialog and the mailbox's dialog share: the certificate authority
row, and a connection test run as a job whose outcome is shown in the dialog (closing waits
for a running test: it has a timeout, and abandoning it would leave its thread behind)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from talentdesk.core.mail.smtp import MailError
from talentdesk.ui.jobs import Job, Work
from talentdesk.ui.mail.services import describe_failure

OK_STYLE = "color: #047857;"
BAD_STYLE = "color: #b91c1c;"


class ConnectionDialog(QDialog):
    """The subclass builds `test_button` and `test_result` (`_test_row`) and `save_button`
    (`_buttons`), and sizes itself in `_fit_height` (a result of several lines grows the
    dialog)."""

    test_button: QPushButton
    save_button: QPushButton
    test_result: QLabel

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job: Job | None = None
        self._close_after_test = False

    def _fit_height(self) -> None:
        raise NotImplementedError

    def _test_row(
        self, label: str, names: tuple[str, str], test: Callable[[], object], tooltip: str = ""
    ) -> QHBoxLayout:
        """The test button (`names`: its object name and its result's) and, beside it, where
        the outcome is shown."""
        self.test_button = QPushButton(label)
        self.test_button.setObjectName(names[0])
        self.test_button.setToolTip(tooltip)
        self.test_button.clicked.connect(test)
        self.test_result = QLabel()
        self.test_result.setObjectName(names[1])
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.test_result, 1)
        return row

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        return buttons

    def _start_test(self, work: Work, doing: str, done: Callable[[Any], None]) -> None:
        """Run the test `work` as a job (one at a time), saying `doing` meanwhile; `done`
        shows what it returned, a failure is shown by `_test_failed`."""
        self._show_result(doing, "")
        self.test_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.job = Job(work, self)
        self.job.succeeded.connect(done)
        self.job.failed.connect(self._test_failed)
        self.job.finished.connect(self._test_finished)
        self.job.start()

    def _ca_row(self, object_name: str) -> QHBoxLayout:
        self.ca_file = QLineEdit()
        self.ca_file.setObjectName(object_name)
        self.ca_file.setPlaceholderText("only if your company uses its own certificates")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse_ca)
        row = QHBoxLayout()
        row.addWidget(self.ca_file, 1)
        row.addWidget(browse)
        return row

    def _browse_ca(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Certificate authority", self.ca_file.text(), "PEM certificates (*.pem *.crt)"
        )
        if name:
            self.ca_file.setText(name)

    # -- the test's outcome ---------------------------------------------------------------
    def _test_failed(self, error: Exception) -> None:
        if isinstance(error, MailError):
            self._show_result(describe_failure(error), BAD_STYLE)
        else:  # a bug: the job logged the traceback
            self._show_result(f"The test failed unexpectedly: {error}", BAD_STYLE)

    def _test_finished(self) -> None:
        job, self.job = self.job, None
        if job is not None:
            job.deleteLater()
        self.test_button.setEnabled(True)
        self.save_button.setEnabled(True)
        if self._close_after_test:
            super().reject()

    def _show_result(self, text: str, style: str) -> None:
        self.test_result.setText(text)
        self.test_result.setStyleSheet(style)
        self._fit_height()

    # -- closing: a running test is waited for, not abandoned -----------------------------
    def reject(self) -> None:
        if self.job is not None:
            self._close_after_test = True
            self._show_result("Closing when the test has finished…", "")
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.job is not None:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)
