"""File → Load sample data: on a database that already has people it asks first and adds only
the sample people not already there (by e-mail); Undo takes out what it added."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from talentdesk.core.demo import SampleSummary
    from talentdesk.ui.main_window import MainWindow

TITLE = "Load sample data"


def load_sample_data(window: MainWindow) -> None:
    from talentdesk.core.demo.sample import sample_emails

    ws = window.ws
    if ws.candidates.count() > 0:
        missing = ws.sample_people_missing()
        if missing == 0:
            QMessageBox.information(
                window, TITLE, "The sample candidates are all here already: nothing to add."
            )
            return
        there = len(sample_emails()) - missing
        already = f" ({there} of them are here already)" if there else ""
        answer = QMessageBox.question(
            window,
            TITLE,
            f"Add {missing} sample candidates{already}, their pools and vacancies to your data?\n\n"
            "They are made-up people, to look around with. Edit → Undo takes them out again.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
    window.undo_stack.push(LoadSample(window))


class LoadSample(QUndoCommand):
    """Loading is an operation; Undo (another one) deletes the people it added and the pools it
    created. What it added is kept by the operation itself, on the write path, so an Undo
    queued right behind the load finds it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__("load the sample data")
        self._window = window
        self._summary: SampleSummary | None = None

    def redo(self) -> None:

        window, ws = self._window, self._window.ws

        def load() -> SampleSummary:
            self._summary = ws.load_sample_data()
            return self._summary

        def loaded(summary: SampleSummary) -> None:
            noun = "candidate" if summary.candidates == 1 else "candidates"
            window.status(
                f"Loaded {summary.candidates} sample {noun} in {summary.pools} pools"
                + (f" and {roles} vacancies." if (roles := len(summary.new_vacancy_ids)) else ".")
                + (" Undo with Ctrl+Z." if window.undo_stack.count() else "")
            )

        window.status("Loading the sample data…", 0)
        window.events.ops.run(
            "Loading the sample data", load, success=loaded, parent=window, announce=True
        )

    def undo(self) -> None:
        window, ws = self._window, self._window.ws

        def take_out() -> int:
            summary, self._summary = self._summary, None
            if summary is None:  # the load itself failed
                return 0
            for vacancy_id in summary.new_vacancy_ids:
                ws.vacancies.delete(vacancy_id)
            if summary.candidate_ids:
                ws.candidates.delete(list(summary.candidate_ids))
            for pool_id in summary.new_pool_ids:
                ws.pools.delete(pool_id)
            return len(summary.candidate_ids)

        window.events.ops.run(
            "Taking out the sample data",
            take_out,
            success=lambda n: window.status(f"Took out the {n} sample candidates."),
            parent=window,
        )
