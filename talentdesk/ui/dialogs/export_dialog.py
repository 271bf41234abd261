"""File → Export CSV…: which candidates, which columns in which order, the format, the file.

The export runs in a Job on its own read connection (a sqlite3 connection belongs to the
thread that opened it). The core writes a temporary file and renames it at the end, so Cancel
or an error leaves no file behind; the dialog stays open after either. A file the core refuses
(the database, the data folder, a device, a folder) is refused before the export starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QWidget,
)

from talentdesk.core.candidate_list import CandidateListing, ListQuery
from talentdesk.core.csvio.exporter import (
    ExportOptions,
    ExportResult,
    export_candidates,
)
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.files import check_output_path
from talentdesk.core.workspace import Workspace
from talentdesk.ui.dialogs import export_choices, export_layout
from talentdesk.ui.dialogs.export_choices import column_key
from talentdesk.ui.dialogs.export_layout import Scope
from talentdesk.ui.formatting import local
from talentdesk.ui.jobs import Cancelled, Job, Progress


@dataclass(frozen=True)
class ExportSource:
    """What the window shows when the dialog opens."""

    query: ListQuery  # the list as shown: pool, search and sort
    list_name: str  # the pool shown, or "All candidates"
    list_count: int
    selection: tuple[int, ...]
    pool_id: int | None = None  # preselected (Export pool… in the pool pane)


def slug(name: str) -> str:
    """A pool name as part of a file name: "Java – Kraków" → "java-kraków"."""
    return re.sub(r"\W+", "-", name.casefold()).strip("-") or "pool"


class ExportDialog(QDialog):
    exported = Signal(object)  # ExportResult of a finished, not cancelled, export

    # Made by export_layout.build (one builder per box).
    list_scope: QRadioButton
    selection_scope: QRadioButton
    pool_scope: QRadioButton
    pool_choice: QComboBox
    everyone_scope: QRadioButton
    scopes: QButtonGroup
    columns: QListWidget
    move_up_button: QPushButton
    move_down_button: QPushButton
    all_button: QPushButton
    none_button: QPushButton
    columns_count: QLabel
    utf8_format: QRadioButton
    excel_format: QRadioButton
    decimal_comma: QCheckBox
    path_edit: QLineEdit
    browse_button: QPushButton
    progress: QProgressBar
    status: QLabel
    buttons: QDialogButtonBox
    export_button: QPushButton
    close_button: QPushButton
    _pool_names: dict[int, str]
    _form: tuple[QGroupBox, ...]

    def __init__(
        self,
        ws: Workspace,
        settings: QSettings,
        source: ExportSource,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ws = ws
        self._settings = settings
        self._source = source
        self.job: Job | None = None
        self.export_result: ExportResult | None = None
        self.error: Exception | None = None
        self._confirmed: Path | None = None  # the file dialog already asked about replacing it
        self._auto_path = ""  # the suggested path, replaced while the user has not edited it
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export CSV")

        export_layout.build(self, ws)

        self._restore_choices()
        self.scopes.buttonToggled.connect(self._scope_toggled)
        self.pool_choice.activated.connect(lambda _i: self.pool_scope.setChecked(True))
        self.pool_choice.currentIndexChanged.connect(lambda _i: self._suggest_path())
        self.columns.itemChanged.connect(lambda _item: self._update_buttons())
        self.columns.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.move_up_button.clicked.connect(lambda: self._move(-1))
        self.move_down_button.clicked.connect(lambda: self._move(1))
        self.all_button.clicked.connect(lambda: self._check_all(Qt.CheckState.Checked))
        self.none_button.clicked.connect(lambda: self._check_all(Qt.CheckState.Unchecked))
        self.excel_format.toggled.connect(self.decimal_comma.setEnabled)
        self.path_edit.textChanged.connect(lambda _text: self._update_buttons())
        self.browse_button.clicked.connect(self.browse)
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        self.decimal_comma.setEnabled(self.excel_format.isChecked())
        self._suggest_path()
        self._update_buttons()
        self.resize(620, 720)

    # -- the choices ----------------------------------------------------------------------
    def _list_label(self) -> str:
        source = self._source
        what = source.list_name
        if source.query.search:
            what += f", matching “{source.query.search}”"
        return f"Current list: {what} ({source.list_count:,})"

    def _restore_choices(self) -> None:
        source, settings = self._source, self._settings
        if source.pool_id is not None and self.pool_choice.findData(source.pool_id) >= 0:
            self.pool_choice.setCurrentIndex(self.pool_choice.findData(source.pool_id))
            self.pool_scope.setChecked(True)
        elif len(source.selection) > 1:
            self.selection_scope.setChecked(True)
        else:
            self.list_scope.setChecked(True)
        if source.pool_id is None and source.query.pool_id is not None:
            index = self.pool_choice.findData(source.query.pool_id)
            self.pool_choice.setCurrentIndex(max(index, 0))

        export_choices.restore(self, settings)

    def scope(self) -> Scope:
        checked = self.scopes.checkedButton()
        assert checked is not None  # one of the exclusive group is always checked
        return Scope(checked.property("scope"))

    def chosen_columns(self) -> list[str]:
        """The ticked columns' keys, in the order shown."""
        items = [self.columns.item(row) for row in range(self.columns.count())]
        return [column_key(i) for i in items if i.checkState() == Qt.CheckState.Checked]

    def options(self) -> ExportOptions:
        excel = self.excel_format.isChecked()
        return ExportOptions(
            columns=self.chosen_columns(),
            excel=excel,
            decimal_comma=excel and self.decimal_comma.isChecked(),
            pool_id=self._pool_exported(),
        )

    def _pool_exported(self) -> int | None:
        """The pool whose stage and near-fit flag the Stage and Near-fit columns give."""
        match self.scope():
            case Scope.POOL:
                return self.pool_choice.currentData()  # type: ignore[no-any-return]
            case Scope.LIST:
                return self._source.query.pool_id
            case _:
                return None

    def destination(self) -> Path | None:
        """The typed path; relative to the suggested folder, ".csv" added without a suffix."""
        path = Path(self.path_edit.text().strip()).expanduser()
        if not path.name:  # empty, or a bare "/"
            return None
        if not path.is_absolute():
            path = self._folder() / path
        return path if path.suffix else path.with_suffix(".csv")

    def _folder(self) -> Path:
        stored = str(self._settings.value("export/folder", "", str))
        if stored and Path(stored).is_dir():
            return Path(stored)
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return Path(documents) if documents and Path(documents).is_dir() else Path.home()

    def suggested_name(self) -> str:
        match self.scope():
            case Scope.LIST:
                query = self._source.query
                everyone = query.pool_id is None and query.list_id is None
                what = "all" if everyone else slug(self._source.list_name)
            case Scope.SELECTION:
                what = "selection"
            case Scope.POOL:
                what = slug(self._pool_names.get(self.pool_choice.currentData(), ""))
            case Scope.EVERYONE:
                what = "all"
        day = local(self._ws.clock()).date().isoformat()
        return f"talentdesk-{what}-{day}.csv"

    def _suggest_path(self) -> None:
        if self.path_edit.text() not in ("", self._auto_path):
            return  # the user typed or chose a file: keep it
        folder = Path(self._auto_path).parent if self._auto_path else self._folder()
        self._auto_path = str(folder / self.suggested_name())
        self.path_edit.setText(self._auto_path)

    def _scope_toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked:
            self._suggest_path()

    def _check_all(self, state: Qt.CheckState) -> None:
        for row in range(self.columns.count()):
            self.columns.item(row).setCheckState(state)

    def _move(self, step: int) -> None:
        row = self.columns.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.columns.count():
            return
        item = self.columns.takeItem(row)
        self.columns.insertItem(target, item)
        self.columns.setCurrentRow(target)

    def _update_buttons(self) -> None:
        running = self.job is not None
        row = self.columns.currentRow()
        self.move_up_button.setEnabled(not running and row > 0)
        self.move_down_button.setEnabled(not running and 0 <= row < self.columns.count() - 1)
        chosen = len(self.chosen_columns())
        self.columns_count.setText(f"{chosen} of {self.columns.count()} columns")
        self.export_button.setEnabled(not running and chosen > 0 and self.destination() is not None)
        self.close_button.setText("Cancel" if running else "Close")

    def browse(self) -> None:
        current = self.destination()
        start = str(current) if current is not None else str(self._folder())
        name, _filter = QFileDialog.getSaveFileName(
            self, "Export CSV", start, "CSV files (*.csv);;All files (*)"
        )
        if name:
            self._confirmed = Path(name)
            self._settings.setValue("export/folder", str(Path(name).parent))
            self.path_edit.setText(name)

    # -- running --------------------------------------------------------------------------
    def start_export(self) -> None:
        dest = self.destination()
        if self.job is not None or dest is None or not self.chosen_columns():
            return
        data = self._ws.paths
        try:
            output = check_output_path(dest, data)
        except TalentDeskError as refused:
            self.status.setText(refused.message)
            self._show_error(refused)
            return
        if output.target.is_file() and dest != self._confirmed:
            link = output.target if output.link is not None else None
            if not self._replace_ok(dest, link):
                return
        export_choices.remember(self, self._settings, dest)
        scope = self.scope()
        options = self.options()
        ws = self._ws
        ids: tuple[int, ...] | None = None
        query = self._source.query
        if scope is Scope.SELECTION:
            ids = self._source.selection
        elif scope is Scope.POOL:
            query = ListQuery(pool_id=self.pool_choice.currentData())
        elif scope is Scope.EVERYONE:
            query = ListQuery()

        def work(progress: Progress, cancelled: Cancelled) -> ExportResult:
            with ws.own_reader() as reader:  # the local file's, or the team database's
                wanted = ids if ids is not None else CandidateListing(reader).ids(query)
                return export_candidates(
                    reader, wanted, dest, options, progress, cancelled, data_dir=data
                )

        self.export_result = None
        self.error = None
        self.progress.setRange(0, 0)  # busy until the first chunk says how many
        self.progress.show()
        self.status.setText(f"Exporting to {dest}…")
        self.job = Job(work, self)
        self.job.progressed.connect(self._progressed)
        self.job.succeeded.connect(self._succeeded)
        self.job.failed.connect(self._failed)
        self.job.finished.connect(self._finished)
        for box in self._form:
            box.setEnabled(False)
        self._update_buttons()
        self.job.start()

    def _replace_ok(self, dest: Path, link_target: Path | None) -> bool:
        where = f"{dest.name} already exists in {dest.parent}."
        if link_target is not None:
            where = f"{dest} is a link to {link_target}, which already exists."
        answer = QMessageBox.question(
            self,
            "Replace the file?",
            f"{where}\nReplace it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def cancel_export(self) -> None:
        if self.job is not None and not self.job.cancel_requested:
            self.job.cancel()
            self.status.setText("Cancelling…")

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        if self.job is not None and not self.job.cancel_requested:
            self.status.setText(f"Exported {done:,} of {total:,} candidates…")

    def _succeeded(self, result: ExportResult) -> None:
        self.export_result = result

    def _failed(self, error: Exception) -> None:
        self.error = error

    def _finished(self) -> None:
        job, self.job = self.job, None
        if job is not None:
            job.deleteLater()
        self.progress.hide()
        for box in self._form:
            box.setEnabled(True)
        self._update_buttons()
        if self.error is not None:
            self.status.clear()
            self._show_error(self.error)
        elif self.export_result is not None and self.export_result.cancelled:
            self.status.setText("Export cancelled. No file was written.")
        elif self.export_result is not None:
            self.exported.emit(self.export_result)
            self.accept()

    def _show_error(self, error: Exception) -> None:
        if isinstance(error, TalentDeskError):
            message, hint = error.message, error.hint
        else:  # a bug: the job logged the traceback
            message = f"The export failed: {error}."
            hint = "No file was written. The log file in the data folder has the details."
        box = QMessageBox(
            QMessageBox.Icon.Warning, "Export failed", message, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("exportError")
        box.setInformativeText(hint)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not exec(): no event loop nested in the job's finished slot

    # -- closing --------------------------------------------------------------------------
    def reject(self) -> None:
        """Esc and Cancel stop a running export (the dialog stays); otherwise they close."""
        if self.job is not None:
            self.cancel_export()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.job is not None:
            event.ignore()
            self.cancel_export()
            return
        super().closeEvent(event)
