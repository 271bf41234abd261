""" "Not duplicates" as an undoable command on the duplicates window's own undo stack (Ctrl+Z
there): dismissing is an operation, and so is taking it back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from talentdesk.core.duplicates.records import Pair, Person

if TYPE_CHECKING:
    from talentdesk.core.duplicates.service import Dismissed
    from talentdesk.ui.duplicates.window import DuplicatesWindow


class DismissPair(QUndoCommand):
    """What the dismissal did is kept by the operation itself, on the write path, so an Undo
    queued right behind it finds it (as DeleteCandidates does)."""

    def __init__(self, window: DuplicatesWindow, pair: Pair, people: tuple[Person, ...]) -> None:
        self._who = " and ".join(p.name or f"#{p.id}" for p in people)
        super().__init__(f"mark {self._who} as different people")
        self._window = window
        self._pair = pair
        self._people = people
        self._done: Dismissed | None = None

    def redo(self) -> None:
        duplicates = self._window.ws.duplicates
        first, second = self._pair.ids

        def dismiss() -> None:
            self._done = duplicates.dismiss(first, second)

        self._window.expect_own_change(self._pair.ids)
        self._window.events.ops.run(
            f"Marking {self._who} as different people",
            dismiss,
            success=lambda _: self._window.pair_dismissed(self._pair, self._who),
            parent=self._window,
        )

    def undo(self) -> None:
        duplicates = self._window.ws.duplicates

        def undismiss() -> None:
            if self._done is not None and self._done.new:  # else it was dismissed before
                duplicates.undismiss(self._done.first_id, self._done.second_id)

        self._window.expect_own_change(self._pair.ids)
        self._window.events.ops.run(
            f"Listing {self._who} as possible duplicates again",
            undismiss,
            success=lambda _: self._window.pair_restored(self._pair, self._people, self._who),
            parent=self._window,
        )
