"""Candidate → "Export everything about this person…": a save dialog with a default name,
the zip written off the GUI thread, then the export noted in the audit log (an operation)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from talentdesk.ui.errors import show_error
from talentdesk.ui.jobs import Job

if TYPE_CHECKING:
    from talentdesk.core.privacy.access_export import ExportResult
    from talentdesk.ui.main_window import MainWindow

FOLDER_KEY = "privacy/exportFolder"
TITLE = "Export everything about this person"


def person_to_export(window: MainWindow) -> int | None:
    """The one candidate selected (or shown); None when several or none are."""
    selected = window.list_pane.selected_candidate_ids()
    if len(selected) == 1:
        return selected[0]
    if not selected:
        return window.list_pane.current_candidate_id()
    return None


def ask_path(window: MainWindow, candidate_id: int) -> Path | None:
    from talentdesk.core.privacy.access_export import default_file_name

    rows = window.ws.listing.rows([candidate_id], None)
    name = rows[0].name if rows else ""
    folder = Path(str(window.settings.value(FOLDER_KEY, str(Path.home()))))
    chosen, _ = QFileDialog.getSaveFileName(
        window,
        f"{TITLE} — {name}" if name else TITLE,
        str(folder / default_file_name(name, candidate_id, window.ws.clock())),
        "Zip files (*.zip)",
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".zip":
        path = path.with_name(path.name + ".zip")
    window.settings.setValue(FOLDER_KEY, str(path.parent))
    return path


def export_person(
    window: MainWindow, candidate_id: int | None = None, path: Path | None = None
) -> Job | None:
    """Ask where (unless `path` is given), then write the zip in the background; the Job is
    returned (and kept by the window until it ends)."""
    candidate_id = candidate_id if candidate_id is not None else person_to_export(window)
    if candidate_id is None:
        window.status("Select one candidate to export their data.")
        return None
    path = path if path is not None else ask_path(window, candidate_id)
    if path is None:
        return None
    ws = window.ws
    job = Job(lambda _progress, _cancelled: ws.subject_access.write(candidate_id, path), window)

    def done(result: ExportResult) -> None:
        window.status(
            f"Wrote {result.path}: {result.rows:,} rows from {result.tables} tables about "
            f"{result.name}.",
            10000,
        )
        if ws.read_only is None:
            window.events.ops.run(
                "noting the export in the audit log",
                lambda: ws.subject_access.record(result),
                parent=window,
            )

    job.succeeded.connect(done)
    job.failed.connect(lambda exc: show_error(window, exc, "Export not written"))
    job.finished.connect(job.deleteLater)
    job.start()
    return job
