"""CSV imports and the sample data, as the Workspace offers them: a base class of `Workspace`,
kept apart so the façade stays readable (each loads its module on first use)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from talentdesk.core.clock import Clock
    from talentdesk.core.csvio.importer import ImportReport
    from talentdesk.core.csvio.options import ImportOptions
    from talentdesk.core.csvio.reader import CsvLayout
    from talentdesk.core.csvio.saved_mappings import SavedMapping
    from talentdesk.core.db.migrate import Database
    from talentdesk.core.demo.sample import SampleSummary
    from talentdesk.core.imports.service import ImportHistory


class ImportServices:
    clock: Clock

    @property
    def db(self) -> Database:
        raise NotImplementedError  # the Workspace's write side, loaded on first use

    def saved_mappings(self) -> list[SavedMapping]:
        from talentdesk.core.csvio import saved_mappings

        return saved_mappings.list_mappings(self.db)

    def save_mapping(
        self, name: str, header: list[str], targets: list[str], preset: str
    ) -> SavedMapping:
        from talentdesk.core.csvio import saved_mappings

        return saved_mappings.save(self.db, name, header, targets, preset)

    def delete_mapping(self, name: str) -> None:
        from talentdesk.core.csvio import saved_mappings

        saved_mappings.delete(self.db, name)

    def import_csv(
        self,
        path: Path,
        layout: CsvLayout,
        options: ImportOptions,
        *,
        dry_run: bool = False,
        progress: Callable[[int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportReport:
        from talentdesk.core.csvio.importer import run_import

        return run_import(
            self.db,
            path,
            layout,
            options,
            self.clock,
            dry_run=dry_run,
            progress=progress,
            cancelled=cancelled,
        )

    @property
    def imports(self) -> ImportHistory:
        """The import history, and undoing an import (core/imports/service.py)."""
        from talentdesk.core.imports.service import ImportHistory

        return ImportHistory(self.db.sessions, self.clock)

    def sample_people_missing(self) -> int:
        from talentdesk.core.demo.sample import sample_people_missing

        return sample_people_missing(self.db)

    def load_sample_data(self) -> SampleSummary:
        from talentdesk.core.demo.sample import load_sample_data

        return load_sample_data(self.db, self.clock())
