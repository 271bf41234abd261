"""File → Export CSV…: which candidates, which columns in which order, the format, the file.

The export runs in a Job on its own read connection (a sqlite3 connection belongs to the
thread that opened it). The core writes a temporary file and renames it at the end, so Cancel
or an error leaves no file behind; the dialog stays open after either. A file the core refuses
(the database, the data folder, a device, a folder) is refused before the export starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings, QStandardPaths, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.candidate_list import CandidateListing, ListQuery
from talentdesk.core.csvio.exporter import (
    EXPORT_COLUMNS,
    ExportOptions,
    ExportResult,
    export_candidates,
)
from talentdesk.core.db.reader import open_reader
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.files import check_output_path
from talentdesk.core.workspace import Workspace
from talentdesk.ui.formatting import local
from talentdesk.ui.jobs import Cancelled, Job, Progress

KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class Scope(Enum):
    LIST = "list"
    SELECTION = "selection"
    POOL = "pool"
    EVERYONE = "everyone"


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


def locale_uses_decimal_comma() -> bool:
    return QLocale().decimalPoint() == ","


class ExportDialog(QDialog):
    exported = Signal(object)  # ExportResult of a finished, not cancelled, export

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

        # -- which candidates
        self.list_scope = QRadioButton(self._list_label())
        selected = len(source.selection)
        self.selection_scope = QRadioButton(
            f"Selected candidates ({selected:,})" if selected else "Selected candidates (none)"
        )
        self.selection_scope.setEnabled(selected > 0)
        self.pool_scope = QRadioButton("Pool")
        self.pool_choice = QComboBox()
        self.pool_choice.setObjectName("exportPool")
        self.pool_choice.setAccessibleName("Pool to export")
        pools = ws.reads.pool_summaries()
        for pool in pools:
            self.pool_choice.addItem(f"{pool.name} ({pool.members:,})", pool.id)
        self._pool_names = {pool.id: pool.name for pool in pools}
        self.pool_scope.setEnabled(self.pool_choice.count() > 0)
        self.pool_choice.setEnabled(self.pool_choice.count() > 0)
        self.everyone_scope = QRadioButton(f"Everyone ({ws.listing.total(None):,})")
        self.scopes = QButtonGroup(self)
        for scope_button, scope in (
            (self.list_scope, Scope.LIST),
            (self.selection_scope, Scope.SELECTION),
            (self.pool_scope, Scope.POOL),
            (self.everyone_scope, Scope.EVERYONE),
        ):
            scope_button.setProperty("scope", scope.value)
            self.scopes.addButton(scope_button)
        scope_box = QGroupBox("Candidates")
        scope_layout = QGridLayout(scope_box)
        scope_layout.addWidget(self.list_scope, 0, 0, 1, 2)
        scope_layout.addWidget(self.selection_scope, 1, 0, 1, 2)
        scope_layout.addWidget(self.pool_scope, 2, 0)
        scope_layout.addWidget(self.pool_choice, 2, 1)
        scope_layout.addWidget(self.everyone_scope, 3, 0, 1, 2)
        scope_layout.setColumnStretch(1, 1)

        # -- which columns, in which order
        self.columns = QListWidget()
        self.columns.setObjectName("exportColumns")
        self.columns.setAccessibleName("Columns to export")
        self.columns.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.columns.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.move_up_button = QPushButton("Move &up")
        self.move_down_button = QPushButton("Move &down")
        self.all_button = QPushButton("&All")
        self.none_button = QPushButton("&None")
        self.columns_count = QLabel()
        self.columns_count.setWordWrap(True)
        column_buttons = QVBoxLayout()
        for button in (
            self.move_up_button,
            self.move_down_button,
            self.all_button,
            self.none_button,
        ):
            column_buttons.addWidget(button)
        column_buttons.insertSpacing(2, 12)
        column_buttons.addStretch(1)
        column_buttons.addWidget(self.columns_count)
        columns_box = QGroupBox("Columns (tick to include, drag or move to reorder)")
        columns_layout = QHBoxLayout(columns_box)
        columns_layout.addWidget(self.columns, 1)
        columns_layout.addLayout(column_buttons)

        # -- format
        self.utf8_format = QRadioButton("UTF-8 (default)")
        self.excel_format = QRadioButton("Excel (UTF-8 with BOM)")
        self.decimal_comma = QCheckBox("Semicolons between fields and decimal commas (18000,00)")
        self.decimal_comma.setToolTip(
            "What Excel expects where numbers are written with a decimal comma"
        )
        formats = QButtonGroup(self)
        formats.addButton(self.utf8_format)
        formats.addButton(self.excel_format)
        format_box = QGroupBox("Format")
        format_layout = QGridLayout(format_box)
        format_layout.addWidget(self.utf8_format, 0, 0)
        format_layout.addWidget(self.excel_format, 0, 1)
        format_layout.addWidget(self.decimal_comma, 1, 1)
        format_layout.setColumnStretch(1, 1)

        # -- file
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("exportPath")
        self.path_edit.setAccessibleName("File to write")
        self.browse_button = QPushButton("&Browse…")
        file_box = QGroupBox("File")
        file_layout = QHBoxLayout(file_box)
        file_layout.addWidget(self.path_edit, 1)
        file_layout.addWidget(self.browse_button)

        # -- running
        self.progress = QProgressBar()
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            "&Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)

        layout = QVBoxLayout(self)
        layout.addWidget(scope_box)
        layout.addWidget(columns_box, 1)
        layout.addWidget(format_box)
        layout.addWidget(file_box)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._form = (scope_box, columns_box, format_box, file_box)
        # Enter exports wherever the focus is, except on the button that has it.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        self.export_button.setDefault(True)

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

        order = _keys(str(settings.value("export/order", "", str)))
        added = [key for key in EXPORT_COLUMNS if key not in order]  # since the choice was kept
        order += added
        stored = str(settings.value("export/columns", "", str))
        # Columns added since the choice was remembered (Stage, Near-fit) start ticked.
        checked = set(_keys(stored)) | set(added) if stored else set(EXPORT_COLUMNS)
        for key in order:
            item = QListWidgetItem(EXPORT_COLUMNS[key])
            item.setData(KEY_ROLE, key)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsDragEnabled
            )
            item.setCheckState(Qt.CheckState.Checked if key in checked else Qt.CheckState.Unchecked)
            self.columns.addItem(item)
        self.columns.setCurrentRow(0)

        excel = bool(settings.value("export/excel", False, bool))
        (self.excel_format if excel else self.utf8_format).setChecked(True)
        self.decimal_comma.setChecked(
            bool(settings.value("export/decimal_comma", locale_uses_decimal_comma(), bool))
        )

    def scope(self) -> Scope:
        checked = self.scopes.checkedButton()
        assert checked is not None  # one of the exclusive group is always checked
        return Scope(checked.property("scope"))

    def chosen_columns(self) -> list[str]:
        """The ticked columns' keys, in the order shown."""
        items = [self.columns.item(row) for row in range(self.columns.count())]
        return [i.data(KEY_ROLE) for i in items if i.checkState() == Qt.CheckState.Checked]

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
                pool_id = self._source.query.pool_id
                what = "all" if pool_id is None else slug(self._source.list_name)
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

    def _remember_choices(self, dest: Path) -> None:
        keys = [self.columns.item(row).data(KEY_ROLE) for row in range(self.columns.count())]
        self._settings.setValue("export/order", ",".join(keys))
        self._settings.setValue("export/columns", ",".join(self.chosen_columns()))
        self._settings.setValue("export/excel", self.excel_format.isChecked())
        self._settings.setValue("export/decimal_comma", self.decimal_comma.isChecked())
        self._settings.setValue("export/folder", str(dest.parent))

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
            where = f"{dest.name} already exists in {dest.parent}."
            if output.link is not None:
                where = f"{dest} is a link to {output.target}, which already exists."
            answer = QMessageBox.question(
                self,
                "Replace the file?",
                f"{where}\nReplace it?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._remember_choices(dest)
        scope = self.scope()
        options = self.options()
        database = self._ws.paths.database
        ids: tuple[int, ...] | None = None
        query = self._source.query
        if scope is Scope.SELECTION:
            ids = self._source.selection
        elif scope is Scope.POOL:
            query = ListQuery(pool_id=self.pool_choice.currentData())
        elif scope is Scope.EVERYONE:
            query = ListQuery()

        def work(progress: Progress, cancelled: Cancelled) -> ExportResult:
            reader = open_reader(database)
            try:
                wanted = ids if ids is not None else CandidateListing(reader).ids(query)
                return export_candidates(
                    reader, wanted, dest, options, progress, cancelled, data_dir=data
                )
            finally:
                reader.close()

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


def _keys(stored: str) -> list[str]:
    """Column keys stored as "a,b,c", without ones this version does not know."""
    return [key for key in stored.split(",") if key in EXPORT_COLUMNS]
