"""A figure's chart as a PNG and its table as CSV (UTF-8 with a BOM, so spreadsheets read the
accents; text cells protected against formulas as the candidate export does)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from talentdesk.core.csvio.exporter import protect_cell
from talentdesk.core.errors import TalentDeskError
from talentdesk.ui.metrics.shown import Cell, Table


def export_png(view: QWidget, path: Path) -> None:
    """What the chart shows now, at its size on screen."""
    if not view.grab().save(str(path), "PNG"):
        raise TalentDeskError(f"Could not write {path}.")


def export_csv(table: Table, path: Path) -> None:
    try:
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow([protect_cell(c) for c in table.columns])
            writer.writerows([_cell(v) for v in row] for row in table.rows)
    except OSError as exc:
        raise TalentDeskError(f"Could not write {path}: {exc.strerror or exc}.") from exc


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, int):
        return str(value)
    return protect_cell(value)


def file_stem(title: str) -> str:
    """A file name from a figure's title: "Reply rate by template" → reply-rate-by-template."""
    return re.sub(r"[^\w]+", "-", title.lower()).strip("-") or "figure"


def ask_path(parent: QWidget, title: str, suffix: str) -> Path | None:
    kind = {"png": "PNG images (*.png)", "csv": "CSV files (*.csv)"}[suffix]
    name, _ = QFileDialog.getSaveFileName(
        parent, f"Export {title}", f"{file_stem(title)}.{suffix}", kind
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_suffix(f".{suffix}")
