"""Candidates → Find duplicates…: a window of its own (not modal) listing the groups of likely
duplicates, most confident first, each pair with its reasons and the people side by side.

The search is a read on a connection of its own, off the GUI thread, with progress and Cancel
(ui/jobs.py). "Not duplicates" is undoable with Ctrl+Z on the window's own undo stack; Merge…
opens the merge dialog. The list follows what operations change (events.changed): a merge or
an edit of someone listed searches again, keeping what was selected.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from talentdesk.core.diagnose import CancelledError
from talentdesk.core.duplicates.groups import regrouped
from talentdesk.core.duplicates.records import DuplicateGroup, DuplicateReport, Pair, Person
from talentdesk.core.ops.changes import Changes
from talentdesk.core.workspace import Workspace
from talentdesk.ui.duplicates import layout
from talentdesk.ui.duplicates.commands import DismissPair
from talentdesk.ui.duplicates.merging import open_merge_dialog
from talentdesk.ui.errors import show_error
from talentdesk.ui.events import Events
from talentdesk.ui.jobs import Cancelled, Job, Progress

if TYPE_CHECKING:
    from talentdesk.ui.main_window import MainWindow

REFRESH_DELAY_MS = 300  # changes arriving together make one search


class DuplicatesWindow(QWidget):
    # Made by layout.build.
    status: QLabel
    progress: QProgressBar
    cancel_button: QPushButton
    refresh_button: QPushButton
    tree: QTreeWidget
    reasons: QLabel
    table: QTableWidget
    open_button: QPushButton
    merge_button: QPushButton
    dismiss_button: QPushButton

    def __init__(
        self,
        ws: Workspace,
        events: Events,
        open_candidate: Callable[[int], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ws = ws
        self.events = events
        self._open_candidate = open_candidate
        self.report: DuplicateReport | None = None
        self.job: Job | None = None
        self._search_again = False  # something changed while a search ran
        self._own_changes: list[frozenset[int]] = []  # our dismissals: shown already
        self.undo_stack = QUndoStack(self)
        self.setWindowTitle("Find duplicates")
        self.setObjectName("duplicatesWindow")
        layout.build(self)
        self._shortcuts()
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.search)
        self.tree.currentItemChanged.connect(lambda *_: self._selection_changed())
        self.tree.itemActivated.connect(lambda *_: self.open_selected())
        self.table.currentCellChanged.connect(lambda *_: self._update_buttons())
        self.open_button.clicked.connect(self.open_selected)
        self.merge_button.clicked.connect(self.merge_selected)
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        self.refresh_button.clicked.connect(self.search)
        self.cancel_button.clicked.connect(self.cancel)
        events.changed.connect(self._changed)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)
        self._update_buttons()
        self.tree.setFocus()  # arrows move through the groups at once
        self.search()

    def _shortcuts(self) -> None:
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.addActions([undo, redo])
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.search)
        QShortcut(QKeySequence("Escape"), self, self.close)

    # -- searching ------------------------------------------------------------------------
    def search(self) -> None:
        """Search (again) off the GUI thread; what is shown stays until the answer lands."""
        if self.job is not None:
            self._search_again = True
            return
        ws = self.ws

        def work(progress: Progress, cancelled: Cancelled) -> DuplicateReport:
            # The service is asked for here: the first time, it loads the write side.
            return ws.duplicates.find(progress=progress, cancelled=cancelled)

        self.job = Job(work, self)
        self.job.progressed.connect(self._progressed)
        self.job.succeeded.connect(self._found)
        self.job.failed.connect(self._failed)
        self.job.finished.connect(self._finished)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.setEnabled(True)
        self.refresh_button.setEnabled(False)
        self.status.setText("Looking for duplicates…")
        self.job.start()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self._search_again = False

    def stop(self) -> None:
        """Cancel a search and wait for its thread (a thread must not outlive the app)."""
        if self.job is not None:
            self.cancel()
            self.job.wait()

    @property
    def searching(self) -> bool:
        return self.job is not None

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _found(self, report: DuplicateReport) -> None:
        self.show_report(report)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, CancelledError):
            stale = " The list shown may be out of date." if self.report is not None else ""
            self.status.setText("Cancelled." + stale)
            return
        self.status.setText("Looking for duplicates failed.")
        show_error(self, error, "Finding duplicates failed")

    def _finished(self) -> None:
        if self.job is not None:
            self.job.deleteLater()
        self.job = None
        self.progress.hide()
        self.cancel_button.setEnabled(False)
        self.refresh_button.setEnabled(True)
        if self._search_again:
            self._search_again = False
            self.search()

    # -- what is shown --------------------------------------------------------------------
    def show_report(self, report: DuplicateReport) -> None:
        """Show `report`, keeping the selected pair (or group) selected where it still is."""
        wanted = self._selected_key()
        self.report = report
        layout.fill_tree(self.tree, report.groups)
        self._say_what_was_found(report)
        item = self._find_item(wanted) or self.tree.topLevelItem(0)
        if item is not None:
            self.tree.setCurrentItem(item)
        else:
            self._selection_changed()

    def _say_what_was_found(self, report: DuplicateReport) -> None:
        groups = len(report.groups)
        if not groups:
            self.status.setText(f"No duplicates found among {_candidates(report.candidates)}.")
            return
        shown = min(groups, layout.SHOWN_GROUPS)
        more = f" (the {shown:,} most likely shown)" if shown < groups else ""
        noun = "group" if groups == 1 else "groups"
        self.status.setText(
            f"{groups:,} {noun} of possible duplicates among {_candidates(report.candidates)}"
            f"{more}, most likely first."
        )

    def selected_pair(self) -> Pair | None:
        """The pair selected, or the most likely pair of the group selected."""
        item = self.tree.currentItem()
        if item is None:
            return None
        pair = item.data(0, layout.PAIR_ROLE)
        if isinstance(pair, Pair):
            return pair
        group = item.data(0, layout.GROUP_ROLE)
        return group.pairs[0] if isinstance(group, DuplicateGroup) else None

    def selected_group(self) -> DuplicateGroup | None:
        item = self.tree.currentItem()
        group = None if item is None else item.data(0, layout.GROUP_ROLE)
        return group if isinstance(group, DuplicateGroup) else None

    def shown_people(self) -> tuple[Person, ...]:
        """Who the comparison shows: the pair's two people, or the whole group's."""
        group = self.selected_group()
        if group is None:
            return ()
        item = self.tree.currentItem()
        pair = None if item is None else item.data(0, layout.PAIR_ROLE)
        if isinstance(pair, Pair):
            return tuple(p for p in group.members if p.id in pair.ids)
        return group.members

    def _selected_key(self) -> tuple[int, ...] | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        pair = item.data(0, layout.PAIR_ROLE)
        if isinstance(pair, Pair):
            return pair.ids
        group = item.data(0, layout.GROUP_ROLE)
        return group.ids if isinstance(group, DuplicateGroup) else None

    def _find_item(self, key: tuple[int, ...] | None) -> QTreeWidgetItem | None:
        if key is None:
            return None
        fallback = None
        for index in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(index)
            if top is None:
                continue
            for row in range(top.childCount()):
                child = top.child(row)
                if child is not None and child.data(0, layout.PAIR_ROLE).ids == key:
                    return child
            if fallback is None and set(key) & set(top.data(0, layout.GROUP_ROLE).ids):
                fallback = top  # the group someone selected is in now
        return fallback

    def _selection_changed(self) -> None:
        item = self.tree.currentItem()
        chosen = None if item is None else item.data(0, layout.PAIR_ROLE)
        # A group's chips are its most likely pair's reasons.
        layout.fill_comparison(self, self.shown_people(), self.selected_pair())
        if isinstance(chosen, Pair) or self.table.columnCount():
            self.table.setCurrentCell(0, 0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        pair = self.selected_pair()
        writable = self.ws.read_only is None
        self.open_button.setEnabled(bool(self.shown_people()))
        self.merge_button.setEnabled(pair is not None and writable)
        self.dismiss_button.setEnabled(pair is not None and writable)

    # -- acting ---------------------------------------------------------------------------
    def current_person_id(self) -> int | None:
        """The person of the comparison's current column (else the first shown)."""
        people = self.shown_people()
        if not people:
            return None
        column = self.table.currentColumn()
        return people[column].id if 0 <= column < len(people) else people[0].id

    def open_selected(self) -> None:
        candidate_id = self.current_person_id()
        if candidate_id is not None:
            self._open_candidate(candidate_id)

    def merge_selected(self) -> object:
        """Merge… on the selected pair: the person created first is kept by default."""
        pair = self.selected_pair()
        if pair is None:
            return None
        return open_merge_dialog(self.ws, self.events, pair.first_id, pair.second_id, self)

    def dismiss_selected(self) -> None:
        pair, group = self.selected_pair(), self.selected_group()
        if pair is None or group is None:
            return
        people = tuple(p for p in group.members if p.id in pair.ids)
        self.undo_stack.push(DismissPair(self, pair, people))

    # -- after an operation ---------------------------------------------------------------
    def expect_own_change(self, ids: Iterable[int]) -> None:
        """Our own dismissal (or its undo) is about to change these two: it is shown at once,
        so it needs no new search."""
        self._own_changes.append(frozenset(ids))

    def pair_dismissed(self, pair: Pair, who: str) -> None:
        if self.report is not None:
            self.show_report(regrouped(self.report, without=[pair.ids]))
        self.status.setText(f"{who} are different people. Undo with Ctrl+Z.")

    def pair_restored(self, pair: Pair, people: tuple[Person, ...], who: str) -> None:
        if self.report is not None:
            self.show_report(regrouped(self.report, adding=[pair], people=people))
            item = self._find_item(pair.ids)
            if item is not None:
                self.tree.setCurrentItem(item)
        self.status.setText(f"{who} are listed as possible duplicates again.")

    def _changed(self, changes: Changes) -> None:
        if not changes.candidate_list and not changes.external:
            if changes.candidates in self._own_changes:
                self._own_changes.remove(changes.candidates)
                return
            shown = {i for g in (self.report.groups if self.report else ()) for i in g.ids}
            if not changes.candidates & shown:
                return  # nothing listed changed; someone new is only found by Refresh
        if self.isVisible():
            self._refresh_timer.start()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.cancel()  # the search stops at its next check
        super().closeEvent(event)


def _candidates(count: int) -> str:
    return f"{count:,} candidate{'' if count == 1 else 's'}"


def open_for(window: MainWindow) -> DuplicatesWindow:
    """Candidates → Find duplicates…: the window (one per main window), searching afresh."""
    found = window.findChild(DuplicatesWindow, "duplicatesWindow")
    if found is None:

        def open_candidate(candidate_id: int) -> None:
            window.bring_to_front()
            window.open_candidate(candidate_id)

        found = DuplicatesWindow(window.ws, window.events, open_candidate, window)
    elif not found.isVisible():
        found.search()
    found.show()
    found.raise_()
    found.activateWindow()
    return found
