"""What the export dialog remembers between exports: the columns and their order, the format,
the folder. Kept in the window's settings, never the database."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtWidgets import QListWidgetItem

from talentdesk.core.csvio.exporter import EXPORT_COLUMNS

if TYPE_CHECKING:
    from talentdesk.ui.dialogs.export_dialog import ExportDialog

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
_MOVABLE = (
    Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsUserCheckable
    | Qt.ItemFlag.ItemIsDragEnabled
)


def locale_uses_decimal_comma() -> bool:
    return QLocale().decimalPoint() == ","


def restore(d: ExportDialog, settings: QSettings) -> None:
    """Fill the column list and the format from the last export's choices."""
    order = _keys(str(settings.value("export/order", "", str)))
    added = [key for key in EXPORT_COLUMNS if key not in order]  # since the choice was kept
    order += added
    stored = str(settings.value("export/columns", "", str))
    # Columns added since the choice was remembered (Stage, Near-fit) start ticked.
    checked = set(_keys(stored)) | set(added) if stored else set(EXPORT_COLUMNS)
    for key in order:
        item = QListWidgetItem(EXPORT_COLUMNS[key])
        item.setData(KEY_ROLE, key)
        item.setFlags(_MOVABLE)
        item.setCheckState(Qt.CheckState.Checked if key in checked else Qt.CheckState.Unchecked)
        d.columns.addItem(item)
    d.columns.setCurrentRow(0)

    excel = bool(settings.value("export/excel", False, bool))
    (d.excel_format if excel else d.utf8_format).setChecked(True)
    d.decimal_comma.setChecked(
        bool(settings.value("export/decimal_comma", locale_uses_decimal_comma(), bool))
    )


def remember(d: ExportDialog, settings: QSettings, dest: Path) -> None:
    keys = [column_key(d.columns.item(row)) for row in range(d.columns.count())]
    settings.setValue("export/order", ",".join(keys))
    settings.setValue("export/columns", ",".join(d.chosen_columns()))
    settings.setValue("export/excel", d.excel_format.isChecked())
    settings.setValue("export/decimal_comma", d.decimal_comma.isChecked())
    settings.setValue("export/folder", str(dest.parent))


def column_key(item: QListWidgetItem) -> str:
    return str(item.data(KEY_ROLE))


def _keys(stored: str) -> list[str]:
    """Column keys stored as "a,b,c", without ones this version does not know."""
    return [key for key in stored.split(",") if key in EXPORT_COLUMNS]
