"""A merge as an undoable command: redo merges (an operation), undo unmerges (another one).

What the merge did is kept by the operation itself, on the write path, so an Undo queued
right behind the merge finds it (as `DeleteCandidates` does)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from talentdesk.core.duplicates.merge_fields import Side
from talentdesk.core.duplicates.merge_records import MergeResult
from talentdesk.core.workspace import Workspace
from talentdesk.ui.events import Events


class MergeCandidates(QUndoCommand):
    def __init__(
        self,
        ws: Workspace,
        events: Events,
        keep_id: int,
        other_id: int,
        picks: Mapping[str, Side],
        names: tuple[str, str],  # (kept, merged) for the undo menu's "merge A into B"
        parent: QWidget | None,
        done: Callable[[MergeResult], object] | None = None,
        failed: Callable[[BaseException], object] | None = None,
        undone: Callable[[MergeResult], object] | None = None,
        redone: Callable[[MergeResult], object] | None = None,
    ) -> None:
        super().__init__(f"merge {names[1]} into {names[0]}")
        self._ws = ws
        self._events = events
        self._ids = (keep_id, other_id)
        self._picks = dict(picks)
        self._parent = parent
        self._done, self._failed, self._undone = done, failed, undone
        self._redone = redone
        self.result: MergeResult | None = None

    def redo(self) -> None:
        merging = self._ws.merging
        keep_id, other_id = self._ids
        # The dialog hears the first run only (it is gone by a redo after an undo).
        done, self._done = self._done, self._redone
        failed, self._failed = self._failed, None

        def merge() -> MergeResult:
            self.result = merging.merge(keep_id, other_id, self._picks)
            return self.result

        self._events.ops.run(
            f"Merging {self.text().removeprefix('merge ')}",
            merge,
            success=done,
            failure=failed,
            parent=self._parent,
        )

    def undo(self) -> None:
        merging = self._ws.merging

        def unmerge() -> MergeResult | None:
            result = self.result
            if result is not None:  # None: the merge itself failed
                merging.unmerge(result)
            return result

        def unmerged(result: MergeResult | None) -> None:
            if result is not None and self._undone is not None:
                self._undone(result)

        self._events.ops.run(
            f"Undoing {self.text()}", unmerge, success=unmerged, parent=self._parent
        )
