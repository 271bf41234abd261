"""How the export dialog is laid out: one builder per box (which candidates, columns, format,
file) and the running part; each makes the dialog's widgets as its attributes. The dialog
(`export_dialog`) says what they do."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from talentdesk.core.workspace import Workspace

if TYPE_CHECKING:
    from talentdesk.ui.dialogs.export_dialog import ExportDialog


class Scope(Enum):
    LIST = "list"
    SELECTION = "selection"
    POOL = "pool"
    EVERYONE = "everyone"


def build(d: ExportDialog, ws: Workspace) -> None:
    boxes = (scope_box(d, ws), columns_box(d), format_box(d), file_box(d))
    running(d)
    layout = QVBoxLayout(d)
    for box in boxes:
        layout.addWidget(box, 1 if box.objectName() == "exportColumnsBox" else 0)
    layout.addWidget(d.progress)
    layout.addWidget(d.status)
    layout.addWidget(d.buttons)
    d._form = boxes
    # Enter exports wherever the focus is, except on the button that has it.
    for button in d.findChildren(QPushButton):
        button.setAutoDefault(False)
    d.export_button.setDefault(True)


def scope_box(d: ExportDialog, ws: Workspace) -> QGroupBox:
    """Which candidates: the list shown, the selection, a pool, everyone."""
    d.list_scope = QRadioButton(d._list_label())
    selected = len(d._source.selection)
    d.selection_scope = QRadioButton(
        f"Selected candidates ({selected:,})" if selected else "Selected candidates (none)"
    )
    d.selection_scope.setEnabled(selected > 0)
    d.pool_scope = QRadioButton("Pool")
    d.pool_choice = QComboBox()
    d.pool_choice.setObjectName("exportPool")
    d.pool_choice.setAccessibleName("Pool to export")
    pools = ws.reads.pool_summaries()
    for pool in pools:
        d.pool_choice.addItem(f"{pool.name} ({pool.members:,})", pool.id)
    d._pool_names = {pool.id: pool.name for pool in pools}
    d.pool_scope.setEnabled(d.pool_choice.count() > 0)
    d.pool_choice.setEnabled(d.pool_choice.count() > 0)
    d.everyone_scope = QRadioButton(f"Everyone ({ws.listing.total(None):,})")
    d.scopes = QButtonGroup(d)
    for button, scope in (
        (d.list_scope, Scope.LIST),
        (d.selection_scope, Scope.SELECTION),
        (d.pool_scope, Scope.POOL),
        (d.everyone_scope, Scope.EVERYONE),
    ):
        button.setProperty("scope", scope.value)
        d.scopes.addButton(button)
    scope_box = QGroupBox("Candidates")
    scope_layout = QGridLayout(scope_box)
    scope_layout.addWidget(d.list_scope, 0, 0, 1, 2)
    scope_layout.addWidget(d.selection_scope, 1, 0, 1, 2)
    scope_layout.addWidget(d.pool_scope, 2, 0)
    scope_layout.addWidget(d.pool_choice, 2, 1)
    scope_layout.addWidget(d.everyone_scope, 3, 0, 1, 2)
    scope_layout.setColumnStretch(1, 1)
    return scope_box


def columns_box(d: ExportDialog) -> QGroupBox:
    """Which columns, in which order."""
    d.columns = QListWidget()
    d.columns.setObjectName("exportColumns")
    d.columns.setAccessibleName("Columns to export")
    d.columns.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
    d.columns.setDefaultDropAction(Qt.DropAction.MoveAction)
    d.move_up_button = QPushButton("Move &up")
    d.move_down_button = QPushButton("Move &down")
    d.all_button = QPushButton("&All")
    d.none_button = QPushButton("&None")
    d.columns_count = QLabel()
    d.columns_count.setWordWrap(True)
    column_buttons = QVBoxLayout()
    for button in (
        d.move_up_button,
        d.move_down_button,
        d.all_button,
        d.none_button,
    ):
        column_buttons.addWidget(button)
    column_buttons.insertSpacing(2, 12)
    column_buttons.addStretch(1)
    column_buttons.addWidget(d.columns_count)
    columns_box = QGroupBox("Columns (tick to include, drag or move to reorder)")
    columns_box.setObjectName("exportColumnsBox")
    columns_layout = QHBoxLayout(columns_box)
    columns_layout.addWidget(d.columns, 1)
    columns_layout.addLayout(column_buttons)
    return columns_box


def format_box(d: ExportDialog) -> QGroupBox:
    """UTF-8, or Excel's, with or without decimal commas."""
    d.utf8_format = QRadioButton("UTF-8 (default)")
    d.excel_format = QRadioButton("Excel (UTF-8 with BOM)")
    d.decimal_comma = QCheckBox("Semicolons between fields and decimal commas (18000,00)")
    d.decimal_comma.setToolTip("What Excel expects where numbers are written with a decimal comma")
    formats = QButtonGroup(d)
    formats.addButton(d.utf8_format)
    formats.addButton(d.excel_format)
    format_box = QGroupBox("Format")
    format_layout = QGridLayout(format_box)
    format_layout.addWidget(d.utf8_format, 0, 0)
    format_layout.addWidget(d.excel_format, 0, 1)
    format_layout.addWidget(d.decimal_comma, 1, 1)
    format_layout.setColumnStretch(1, 1)
    return format_box


def file_box(d: ExportDialog) -> QGroupBox:
    """The file to write."""
    d.path_edit = QLineEdit()
    d.path_edit.setObjectName("exportPath")
    d.path_edit.setAccessibleName("File to write")
    d.browse_button = QPushButton("&Browse…")
    file_box = QGroupBox("File")
    file_layout = QHBoxLayout(file_box)
    file_layout.addWidget(d.path_edit, 1)
    file_layout.addWidget(d.browse_button)
    return file_box


def running(d: ExportDialog) -> None:
    """The progress, the status line and the buttons."""
    d.progress = QProgressBar()
    d.progress.hide()
    d.status = QLabel()
    d.status.setObjectName("exportStatus")
    d.status.setWordWrap(True)
    d.buttons = QDialogButtonBox()
    d.export_button = d.buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
    d.close_button = d.buttons.addButton(QDialogButtonBox.StandardButton.Close)
