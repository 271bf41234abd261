"""Steps 4 and 5: the dry run ("will create N, update M…") and the import itself, both off the
GUI thread with a progress bar and Cancel, through the same core importer."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from talentdesk.core.backups.auto import auto_backup
from talentdesk.core.backups.names import BEFORE_IMPORT
from talentdesk.core.csvio.importer import ImportReport, ImportStoppedError
from talentdesk.core.errors import TalentDeskError
from talentdesk.ui.import_wizard.consent_fields import consent_words
from talentdesk.ui.import_wizard.report_text import count_of, done_summary, dry_summary
from talentdesk.ui.jobs import Cancelled, Job, Progress

if TYPE_CHECKING:
    from talentdesk.ui.import_wizard.state import WizardHost

SHOWN_PROBLEMS = 1000


class RunPage(QWizardPage):
    """A page that runs the importer once when shown and reports what it did."""

    dry_run = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = QLabel()
        self.status.setObjectName("runStatus")
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("runProgress")
        self.cancel_button = QPushButton("&Cancel")
        self.cancel_button.setObjectName("cancelRun")
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        self.summary = QLabel()
        self.summary.setObjectName("runSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 11pt; font-weight: 600;")
        self.problems = QTableWidget(0, 3)
        self.problems.setObjectName("problemTable")
        self.problems.setHorizontalHeaderLabels(["Row", "Column", "What"])
        row_header = self.problems.horizontalHeaderItem(0)
        assert row_header is not None  # made by setHorizontalHeaderLabels
        row_header.setToolTip("Counting from the first row after the header")
        self.problems.verticalHeader().setDefaultSectionSize(24)
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.verticalHeader().hide()
        header = self.problems.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.problems.hide()
        self.buttons = QHBoxLayout()  # the pages' own buttons (check again, save rejected)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.status)
        layout.addLayout(row)
        layout.addWidget(self.problems, 100)
        layout.addLayout(self.buttons)
        layout.addStretch(1)  # keeps the text at the top while there is no table
        self.job: Job | None = None
        self.report: ImportReport | None = None
        self.error: TalentDeskError | None = None

    def _wizard(self) -> WizardHost:
        return self.wizard()  # type: ignore[return-value]

    def initializePage(self) -> None:
        self.start()

    def start(self) -> None:
        wizard = self._wizard()
        state = wizard.state
        assert state.path is not None and state.layout is not None and state.options is not None
        ws, path, layout, options = wizard.ws, state.path, state.layout, state.options
        estimate = max(state.estimated_rows, 1)
        dry_run = self.dry_run

        def work(progress: Progress, cancelled: Cancelled) -> ImportReport:
            if not dry_run and not ws.on_server:  # a backup first (a server has its own)
                auto_backup(ws.paths, BEFORE_IMPORT, ws.clock())
            return ws.import_csv(
                path,
                layout,
                options,
                dry_run=dry_run,
                progress=lambda rows: progress(rows, estimate),
                cancelled=cancelled,
            )

        self.report = None
        self.error = None
        self.summary.clear()
        self.problems.setRowCount(0)
        self.problems.hide()
        self.progress.setRange(0, estimate)
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.status.setText(self.running_text(0, estimate))
        self.job = Job(work, self)
        self.job.progressed.connect(self._progressed)
        self.job.succeeded.connect(self._succeeded)
        self.job.failed.connect(self._failed)
        self.job.finished.connect(self._finished)
        self.job.start()
        self.completeChanged.emit()

    def running_text(self, rows: int, estimate: int) -> str:
        raise NotImplementedError

    def running(self) -> bool:
        return self.job is not None

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText("Cancelling…")

    def stop_and_wait(self) -> None:
        """Cancel a running job and wait for it: the transaction rolls back."""
        if self.job is not None:
            self.job.cancel()
            self.job.wait()

    def _progressed(self, rows: int, estimate: int) -> None:
        if rows > self.progress.maximum():  # the estimate was low
            self.progress.setMaximum(rows + rows // 10)
        self.progress.setValue(rows)
        if self.job is not None and not self.job.cancel_requested:
            self.status.setText(self.running_text(rows, estimate))

    def _succeeded(self, report: ImportReport) -> None:
        self.report = report
        self.progress.setValue(self.progress.maximum())
        self.show_report(report)

    def _failed(self, error: Exception) -> None:
        if isinstance(error, ImportStoppedError):
            self.report = error.report
            self.error = error
            self.show_stopped(error)
            return
        if not isinstance(error, TalentDeskError):
            error = TalentDeskError(
                f"The import failed: {error}.",
                "Nothing was written. The log file in the data folder has the details.",
            )
        self.error = error
        self.summary.setText(error.message)
        self.status.setText(error.hint)

    def _finished(self) -> None:
        self.job = None
        self.progress.hide()
        self.cancel_button.hide()
        self.completeChanged.emit()
        self._wizard().run_finished(self)

    def show_report(self, report: ImportReport) -> None:
        raise NotImplementedError

    def show_stopped(self, error: ImportStoppedError) -> None:
        raise NotImplementedError

    def list_problems(self, report: ImportReport) -> None:
        names = self._wizard().ws.reads.candidate_names(
            [cid for _, cid in report.possible_duplicates[:SHOWN_PROBLEMS]]
        )
        entries: list[tuple[int, str, str]] = [
            (p.row, p.column, p.reason)
            for p in [*report.rejected[:SHOWN_PROBLEMS], *report.dropped[:SHOWN_PROBLEMS]]
        ]
        entries += [
            (row, "", f"possibly the same person as {names.get(cid, f'#{cid}')}, already in "
             "TalentDesk (same name and company, no shared e-mail or LinkedIn URL)")
            for row, cid in report.possible_duplicates[:SHOWN_PROBLEMS]
        ]  # fmt: skip
        entries += [
            (row, "", f"suppressed (erased on {at:%Y-%m-%d}): not imported")
            for row, at in report.suppressed[:SHOWN_PROBLEMS]
        ]
        entries.sort(key=lambda entry: entry[0])
        unlisted = report.rejected_count - min(len(report.rejected), SHOWN_PROBLEMS)
        unlisted += report.dropped_count - min(len(report.dropped), SHOWN_PROBLEMS)
        if unlisted > 0:  # the report keeps only the first ones in memory
            entries.append((0, "", f"…and {count_of(unlisted, 'more row')} with problems, "
                                   "all in the file Save rejected rows… writes"))  # fmt: skip
        self.problems.setRowCount(len(entries))
        for r, (row, column, what) in enumerate(entries):
            for c, value in enumerate((str(row) if row else "", column, what)):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.problems.setItem(r, c, item)
        self.problems.setVisible(bool(entries))


class DryRunPage(RunPage):
    dry_run = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Check before importing")
        self.setSubTitle("Every row is read and checked; nothing is written yet.")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Import")
        self.again = QPushButton("Check &again")
        self.again.clicked.connect(self.start)
        self.again.hide()
        self.buttons.insertWidget(0, self.again)

    def start(self) -> None:
        self.again.hide()
        super().start()

    def running_text(self, rows: int, estimate: int) -> str:
        return f"Checking row {rows:,} of about {estimate:,}…"

    def show_report(self, report: ImportReport) -> None:
        if report.cancelled:
            self.summary.setText("Check cancelled.")
            self.status.setText("Check again, or go back and change your choices.")
            self.again.show()
            return
        self.summary.setText(dry_summary(report))
        state = self._wizard().state
        assert state.options is not None
        where = ""
        if state.pool_name:
            where = f"New and updated candidates join the pool “{state.pool_name}”. "
        if state.options.tags:
            where += f"Everyone is tagged {', '.join(str(t) for t in state.options.tags)}. "
        where += consent_words(state.options.consent)
        self.status.setText(
            where
            + (
                "Press Import to write this to TalentDesk, or go back to change your choices."
                if report.created or report.updated
                else "Nothing would be imported. Go back to change your choices."
            )
        )
        self.list_problems(report)

    def show_stopped(self, error: ImportStoppedError) -> None:
        self.summary.setText(f"The import would stop: {error.message}")
        self.status.setText(
            "Nothing would be imported. Fix that row in the file, or go back and choose "
            "to skip rows with problems."
        )

    def isComplete(self) -> bool:
        report = self.report
        return (
            self.job is None
            and self.error is None
            and report is not None
            and not report.cancelled
            and bool(report.created or report.updated)
        )

    def cleanupPage(self) -> None:  # Back: stop checking
        self.stop_and_wait()


class ImportPage(RunPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Importing")
        self.setSubTitle("Everything is written in one go: Cancel leaves TalentDesk as it was.")
        self.save_button = QPushButton("&Save rejected rows…")
        self.save_button.setObjectName("saveRejected")
        self.save_button.clicked.connect(self.ask_save_rejected)
        self.save_button.hide()
        self.buttons.insertWidget(0, self.save_button)
        self.setFinalPage(True)

    def running_text(self, rows: int, estimate: int) -> str:
        return f"Importing row {rows:,} of about {estimate:,}…"

    def show_report(self, report: ImportReport) -> None:
        if report.cancelled:
            self.setTitle("Import cancelled")
            self.summary.setText("Import cancelled: nothing was written.")
            self.status.clear()
            return
        self.setTitle("Import finished")
        self.setSubTitle("")
        self.summary.setText(done_summary(report))
        name = self._wizard().state.path
        self.status.setText(
            f"Each new candidate's timeline says “Imported from {name.name if name else ''}”;"
            " File ▸ Import history… can undo the import while they are untouched."
        )
        self.list_problems(report)
        self.save_button.setVisible(bool(report.rejected_count or report.dropped_count))

    def show_stopped(self, error: ImportStoppedError) -> None:
        self.setTitle("Import stopped")
        self.summary.setText(error.message)
        self.status.setText(error.hint)

    def isComplete(self) -> bool:
        return self.job is None

    def ask_save_rejected(self) -> None:
        state = self._wizard().state
        assert state.path is not None
        suggested = state.path.with_name(f"{state.path.stem}-rejected.csv")
        name, _ = QFileDialog.getSaveFileName(
            self, "Save rejected rows", str(suggested), "CSV files (*.csv)"
        )
        if name:
            self.save_rejected(Path(name))

    def save_rejected(self, path: Path) -> None:
        from talentdesk.core.csvio.rejected import save_rejected_rows
        from talentdesk.core.files import check_output_path

        wizard = self._wizard()
        state, data = wizard.state, wizard.ws.paths
        assert self.report is not None and state.layout is not None
        try:
            out = check_output_path(path, data)
            count = save_rejected_rows(out.target, state.layout.header, self.report, data_dir=data)
        except TalentDeskError as exc:
            QMessageBox.warning(self, "Rejected rows not saved", f"{exc.message}\n\n{exc.hint}")
            return
        self.status.setText(
            f"Saved {count:,} rows with problems to {out}, with a “problem” column saying why."
        )
