"""The window's commands that are not part of a pane: deleting (undoable), adding to a pool
(undoable: a bulk action, see ui/bulk) or a vacancy (loading the sample data is in
`sample_data`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from talentdesk.core.db.enums import VacancyStatus

if TYPE_CHECKING:  # the dialogs load when first opened, not before the window's first paint
    from talentdesk.core.services.candidates import DeletedCandidates
    from talentdesk.core.vacancies.records import Added
    from talentdesk.ui.main_window import MainWindow


class DeleteCandidates(QUndoCommand):
    """Deleting is an operation; Undo (another one) puts back the candidates with everything
    they owned. What was deleted is kept by the operation itself, on the write path, so an
    Undo queued right behind the delete finds it."""

    def __init__(self, window: MainWindow, ids: list[int], who: str) -> None:
        super().__init__(f"delete {who}")
        self._window = window
        self._ids = ids
        self._who = who
        self._deleted: DeletedCandidates | None = None

    def redo(self) -> None:
        ws = self._window.ws
        candidates = ws.candidates

        def delete() -> None:
            if len(self._ids) > 1:  # a bulk delete: a backup first (Undo is for this session)
                from talentdesk.core.backups.auto import auto_backup
                from talentdesk.core.backups.names import BEFORE_BULK_DELETE

                auto_backup(ws.paths, BEFORE_BULK_DELETE, ws.clock())
            self._deleted = candidates.delete(self._ids)

        self._window.events.ops.run(
            f"Deleting {self._who}",
            delete,
            success=lambda _: self._window.status(f"Deleted {self._who}. Undo with Ctrl+Z."),
            parent=self._window,
        )

    def undo(self) -> None:
        candidates = self._window.ws.candidates

        def restore() -> None:
            if self._deleted is not None:  # None: the delete itself failed
                candidates.restore(self._deleted)

        def restored(_: object) -> None:
            self._window.status(f"Restored {self._who}.")
            if len(self._ids) == 1:
                self._window.open_candidate(self._ids[0])

        self._window.events.ops.run(
            f"Restoring {self._who}", restore, success=restored, parent=self._window
        )


def add_to_pool(w: MainWindow, ids: list[int]) -> None:
    """Ask which pool (and stage), then add `ids` (or, none selected, the candidate shown)."""
    pane = w.built_candidate_pane
    if not ids and pane is not None and pane.candidate_id is not None:
        ids = [pane.candidate_id]
    if not ids:
        w.status("Select one or more candidates first.", 4000)
        return
    if w.pool_pane.model.pool_count() == 0:
        from PySide6.QtWidgets import QMessageBox  # loaded when it first opens

        QMessageBox.information(w, "No pools yet", "Create a pool first (Ctrl+Shift+N).")
        return
    from talentdesk.ui.dialogs.add_to_pool_dialog import AddToPoolDialog  # after first paint

    dialog = AddToPoolDialog(w.ws, len(ids), w.pool_pane.current_pool_id(), w)
    if dialog.exec() != dialog.DialogCode.Accepted:
        return
    pool_id, stage_id = dialog.choice()
    from talentdesk.core.bulk.result import people  # not before the first paint

    # A bulk action: one operation, a summary, and one Ctrl+Z takes them out again.
    w.bulk_ui.add_to_pool(ids, people(len(ids)), pool_id, stage_id)


def add_selected_to_vacancy(w: MainWindow) -> None:
    """Ctrl+Shift+V and the list's menu: the selection, or else the candidate shown."""
    add_to_vacancy(w, w.list_pane.selected_candidate_ids())


def add_shown_to_vacancy(w: MainWindow) -> None:
    """The candidate pane's "Add to vacancy…": the candidate it shows."""
    pane = w.built_candidate_pane
    add_to_vacancy(w, [] if pane is None or pane.candidate_id is None else [pane.candidate_id])


def add_to_vacancy(w: MainWindow, ids: list[int]) -> None:
    """Ask which open vacancy (and stage), then add `ids` (none: the candidate shown)."""
    pane = w.built_candidate_pane
    if not ids and pane is not None and pane.candidate_id is not None:
        ids = [pane.candidate_id]
    if not ids:
        w.status("Select one or more candidates first.", 4000)
        return
    if not w.ws.vacancies.summaries(frozenset({VacancyStatus.OPEN})):
        from PySide6.QtWidgets import QMessageBox  # loaded when it first opens

        QMessageBox.information(w, "No open vacancies", "Open a vacancy first.")
        return
    from talentdesk.ui.dialogs.add_to_vacancy_dialog import AddToVacancyDialog

    dialog = AddToVacancyDialog(w.ws, len(ids), w)
    if dialog.exec() != dialog.DialogCode.Accepted:
        return
    vacancy_id, stage_id = dialog.choice()
    title = dialog.title()
    vacancies = w.ws.vacancies
    w.events.ops.run(
        f"Adding {len(ids):,} candidate(s) to {title}",
        lambda: vacancies.add_candidates(vacancy_id, ids, stage_id),
        success=lambda added: _added(w, added, title),
        parent=w,
    )


def _added(w: MainWindow, added: Added, title: str) -> None:
    from talentdesk.ui.dialogs.add_to_vacancy_dialog import describe_added

    w.status(describe_added(added, title))
