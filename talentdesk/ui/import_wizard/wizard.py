"""File → Import CSV…: file and preview, column mapping, decisions, dry run, import, report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMessageBox, QWidget, QWizard

from talentdesk.core.csvio.importer import ImportReport
from talentdesk.core.workspace import Workspace
from talentdesk.ui.import_wizard.file_page import FilePage
from talentdesk.ui.import_wizard.mapping_page import MappingPage
from talentdesk.ui.import_wizard.options_page import OptionsPage
from talentdesk.ui.import_wizard.run_pages import DryRunPage, ImportPage, RunPage
from talentdesk.ui.import_wizard.state import ImportState
from talentdesk.ui.ops import Ops


class ImportWizard(QWizard):
    imported = Signal(object)  # ImportReport of an import that wrote something

    def __init__(
        self,
        ws: Workspace,
        ops: Ops,
        settings: QSettings,
        path: Path | None = None,
        pool_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.ops = ops  # the window's operations (saving a mapping)
        self.settings = settings
        self.pool_id = pool_id  # preselected on the options page
        self.state = ImportState()
        self.setObjectName("importWizard")
        self.setWindowTitle("Import CSV")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.file_page = FilePage()
        self.mapping_page = MappingPage()
        self.options_page = OptionsPage()
        self.dry_run_page = DryRunPage()
        self.import_page = ImportPage()
        for page in (
            self.file_page,
            self.mapping_page,
            self.options_page,
            self.dry_run_page,
            self.import_page,
        ):
            self.addPage(page)
        self.resize(900, 640)
        if path is not None:
            self.file_page.set_path(path)

    def run_finished(self, page: RunPage) -> None:
        if page is self.dry_run_page:
            self.state.dry_run = page.report
        elif page is self.import_page:
            self.state.result = page.report
            report = page.report
            if report is not None and not report.cancelled and page.error is None:
                self.imported.emit(report)

    def _running_page(self) -> RunPage | None:
        for page in (self.dry_run_page, self.import_page):
            if page.running():
                return page
        return None

    def reject(self) -> None:
        page = self._running_page()
        if page is not None:
            what = "import" if page is self.import_page else "check"
            answer = QMessageBox.question(
                self,
                f"Stop the {what}?",
                f"The {what} is still running. Stop it? Nothing will be written.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            page.stop_and_wait()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._running_page() is not None:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)

    @property
    def report(self) -> ImportReport | None:
        return self.state.result
