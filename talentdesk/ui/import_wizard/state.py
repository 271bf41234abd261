"""What the import wizard's pages decide together, in one place."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from talentdesk.core.csvio.importer import ImportReport
from talentdesk.core.csvio.options import ImportOptions
from talentdesk.core.csvio.reader import CsvLayout

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from talentdesk.core.workspace import Workspace
    from talentdesk.ui.import_wizard.run_pages import RunPage
    from talentdesk.ui.ops import Ops


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


class WizardHost(Protocol):
    """What the pages need of their wizard (the import wizard is one; the pages do not import
    it, so the wizard and its pages do not import each other)."""

    ws: Workspace
    ops: Ops
    settings: QSettings
    pool_id: int | None
    state: ImportState

    def run_finished(self, page: RunPage) -> None: ...
