"""The window's files: importing a CSV (from the menu or dropped on the window), exporting a
CSV or the upcoming reminders as a calendar, and the backups."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData

from talentdesk.core.errors import TalentDeskError

if TYPE_CHECKING:
    from talentdesk.core.csvio.exporter import ExportResult
    from talentdesk.core.csvio.importer import ImportReport
    from talentdesk.ui.dialogs.backups_dialog import BackupsDialog
    from talentdesk.ui.dialogs.export_dialog import ExportDialog
    from talentdesk.ui.import_wizard.wizard import ImportWizard
    from talentdesk.ui.main_window import MainWindow

DROPPABLE = {".csv", ".tsv", ".txt"}
CALENDAR_DAYS = 30


def import_csv(window: MainWindow, path: Path | None = None) -> ImportWizard | None:
    """Open the import wizard (on `path` when a file was dropped or named)."""
    from talentdesk.ui.import_wizard.wizard import ImportWizard

    wizard = ImportWizard(
        window.ws,
        window.events.ops,
        window.settings,
        path,
        window.pool_pane.current_pool_id(),
        parent=window,
    )

    def imported(report: ImportReport) -> None:
        window.status(f"Import finished. {report.summary()}")

    wizard.imported.connect(imported)
    wizard.finished.connect(wizard.deleteLater)
    wizard.open()
    return wizard


def export_calendar(window: MainWindow, path: Path | None = None) -> int | None:
    """Upcoming reminders (next 30 days) to an .ics file; returns how many were written."""
    from talentdesk.core.files import check_output_path
    from talentdesk.core.reminders.upcoming import write_upcoming_ics

    ws, settings = window.ws, window.settings
    if path is None:
        folder = str(settings.value("calendar/folder", str(Path.home())))
        from PySide6.QtWidgets import QFileDialog  # loaded when it first opens

        name, _ = QFileDialog.getSaveFileName(
            window,
            "Export reminders to calendar",
            str(Path(folder) / "talentdesk-reminders.ics"),
            "iCalendar files (*.ics)",
        )
        if not name:
            return None
        path = Path(name)
        settings.setValue("calendar/folder", str(path.parent))
    try:
        out = check_output_path(path, ws.paths)
        written = write_upcoming_ics(
            ws.reads, out.target, ws.clock(), CALENDAR_DAYS, ws.tz, data_dir=ws.paths
        )
    except TalentDeskError as exc:
        from PySide6.QtWidgets import QMessageBox  # loaded when it first opens

        QMessageBox.warning(window, "Calendar not written", f"{exc.message}\n\n{exc.hint}")
        return None
    window.status(
        f"Wrote {written:,} reminder{'' if written == 1 else 's'} due in the next "
        f"{CALENDAR_DAYS} days to {out}. Import the file in Outlook or Google Calendar; "
        "importing a newer one updates the same events.",
        10000,
    )
    return written


def export_csv(window: MainWindow, pool_id: int | None = None) -> ExportDialog:
    """Open the export dialog on what the window shows (on `pool_id` from the pool pane)."""
    from talentdesk.ui.dialogs.export_dialog import ExportDialog, ExportSource

    model = window.list_pane.model
    source = ExportSource(
        query=model.query,
        list_name=window.pool_pane.current_pool_name(),
        list_count=model.rowCount(),
        selection=tuple(window.list_pane.selected_candidate_ids()),
        pool_id=pool_id,
    )
    dialog = ExportDialog(window.ws, window.settings, source, parent=window)

    def exported(result: ExportResult) -> None:
        noun = "candidate" if result.rows == 1 else "candidates"
        window.status(f"Exported {result.rows:,} {noun} to {result.where}")

    dialog.exported.connect(exported)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def open_backups(window: MainWindow) -> BackupsDialog:
    from talentdesk.ui.dialogs.backups_dialog import BackupsDialog

    pane = window.built_candidate_pane
    dialog = BackupsDialog(
        window.ws, window, lambda: pane is None or pane.confirm_leave(), window.events
    )
    dialog.restored.connect(lambda _result: window.reload_everything("Backup restored."))
    dialog.backed_up.connect(lambda _path: window.privacy_ui.note_backup())
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def dropped_file(mime: QMimeData) -> Path | None:
    """The one local CSV-like file being dragged, if that is what it is."""
    urls = mime.urls()
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.suffix.lower() in DROPPABLE else None
