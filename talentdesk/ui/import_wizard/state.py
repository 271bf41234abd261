"""What the import wizard's pages decide together, in one place."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from talentdesk.core.csvio.importer import ImportReport
from talentdesk.core.csvio.options import ImportOptions
from talentdesk.core.csvio.reader import CsvLayout


@dataclass
class ImportState:
    path: Path | None = None
    layout: CsvLayout | None = None
    preview: list[list[str]] = field(default_factory=list)
    estimated_rows: int = 0
    preset: str = "auto"
    mapping: list[str] = field(default_factory=list)
    options: ImportOptions | None = None
    pool_name: str | None = None
    dry_run: ImportReport | None = None
    result: ImportReport | None = None
