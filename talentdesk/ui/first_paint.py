"""Work that waits for the list's first paint: what is not on the first screen loads right
after it, not before it (a fixed delay is too short on a slow machine and too long on a fast
one).

The paint is seen through the list's model, not through an event filter: the first QEvent
handed to Python costs PySide a one-time set-up of 25-40 ms (measured here), which would all
come before the first paint. The view reads the first row's text when it paints it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer

from talentdesk.ui.models.candidate_table import CandidateTableModel


def after_first_paint(model: CandidateTableModel, callback: Callable[[], None]) -> None:
    """Call `callback` once, from the event loop, right after the view showing `model` first
    paints its rows; at once (from the event loop) when there is no row to paint."""
    if model.rowCount() == 0:
        QTimer.singleShot(0, callback)
        return

    def painting() -> None:
        model.first_read.disconnect(painting)
        QTimer.singleShot(0, callback)  # after this paint is on screen

    model.first_read.connect(painting)
