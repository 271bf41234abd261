"""The pool pane's "Lists": each saved smart list with its live count, and the commands on
them (new, edit, rename, duplicate, delete with Undo), from buttons, the menu and the keys."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QListView, QMenu, QToolButton, QVBoxLayout, QWidget

from talentdesk.core.errors import TalentDeskError
from talentdesk.core.ops.changes import Changes
from talentdesk.core.workspace import Workspace
from talentdesk.ui.errors import show_error
from talentdesk.ui.events import Events
from talentdesk.ui.lists.commands import DeleteList
from talentdesk.ui.models.saved_lists import (
    LIST_FILTER_ROLE,
    LIST_ID_ROLE,
    LIST_NAME_ROLE,
    SavedListModel,
)
from talentdesk.ui.qaction import make_action
from talentdesk.ui.widgets.heading import heading

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent

    from talentdesk.core.lists.filters import Filter
    from talentdesk.core.lists.service import ListSummary
    from talentdesk.ui.lists.filter_dialog import FilterDialog


RECOUNT_DELAY_MS = 200


def copy_name(name: str, taken: list[str]) -> str:
    """The name of a copy: "Silver medallists (copy)", then "(copy 2)" and on."""
    folded = {t.casefold() for t in taken}
    candidate, n = f"{name} (copy)", 2
    while candidate.casefold() in folded:
        candidate, n = f"{name} (copy {n})", n + 1
    return candidate


def lists_may_change(changes: Changes) -> bool:
    """Whether what an operation changed may change who is in a saved list, or the lists."""
    return bool(
        changes.lists
        or changes.candidates
        or changes.candidate_list
        or changes.pools
        or changes.reminders
        or changes.vacancies
        or changes.external
    )


class ListsSection(QWidget):
    list_selected = Signal(int)  # a list became the current one
    current_gone = Signal()  # the list shown was deleted (by another window or process)
    _write_side_loaded = Signal()  # emitted on the thread that loaded it, heard on the GUI's

    def __init__(
        self,
        ws: Workspace,
        events: Events,
        pool_name: Callable[[int], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ws = ws
        self.extra_menu_actions: list[QAction] = []  # the window's: export, e-mail the list
        self._events = events
        self.writable = True
        self.undo_stack: QUndoStack | None = None  # the window's (Delete is undoable)
        self.status: Callable[[str], None] = lambda _text: None  # the window's status bar
        self.model = SavedListModel(self._load, pool_name, self)
        self.view = QListView()
        self.view.setObjectName("savedLists")
        self.view.setModel(self.model)
        self.view.setAccessibleName("Smart lists")
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.doubleClicked.connect(lambda _index: self.edit_list())
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self._make_actions()
        # Operations often come in bursts (a bulk edit, an import): count once after them.
        self._recount = QTimer(self, singleShot=True, interval=RECOUNT_DELAY_MS)
        self._recount.timeout.connect(self._recount_now)
        self.stale = False  # counts put off while hidden (shown again, it counts)
        self.loaded = False  # the lists are read once the write side is (see `load`)
        # Queued even on the GUI thread: the workspace calls back while it holds its lock.
        self._write_side_loaded.connect(self._recount_now, Qt.ConnectionType.QueuedConnection)

        buttons = QHBoxLayout()
        buttons.addWidget(heading("Lists"))
        buttons.addStretch()
        for action in (self.new_action, self.edit_action):  # as the pools' buttons read
            button = QToolButton()
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.view)
        self._update_actions()

    def _make_actions(self) -> None:
        self.new_action = make_action(
            self,
            "New &list…",
            "Ctrl+Shift+L",
            lambda: self.new_list(),
            "Create a smart list (Ctrl+Shift+L)",
        )
        self.edit_action = make_action(
            self, "&Edit list…", None, self.edit_list, "Change the list's name and filter"
        )
        self.rename_action = make_action(self, "&Rename list…", "F2", self.rename_list)
        self.duplicate_action = make_action(
            self, "D&uplicate list", None, self.duplicate_list, "A copy of the list to change"
        )
        self.delete_action = make_action(
            self,
            "&Delete list",
            QKeySequence.StandardKey.Delete,
            self.delete_list,
            "Delete the list (its candidates stay; undo with Ctrl+Z)",
        )
        self.up_action = make_action(
            self, "Move list &up", "Alt+Up", lambda: self.move_list(-1), "Reorder the lists"
        )
        self.down_action = make_action(
            self, "Move list d&own", "Alt+Down", lambda: self.move_list(1), "Reorder the lists"
        )
        # The window opens the export dialog and the compose window on the list.
        self.export_action = QAction("Export list…", self)
        self.export_action.setToolTip("Export this list's candidates to a CSV file")
        keyed = [self.rename_action, self.delete_action, self.up_action, self.down_action]
        for action in keyed:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addActions(keyed)

    # -- what is shown ----------------------------------------------------------------------
    def _load(self, counted: bool) -> list[ListSummary]:
        return self._ws.lists.all(counts=counted)

    def load(self) -> None:
        """Read the lists and their counts once the database's write side is loaded (the
        service comes with it; the app loads it in the background after the first paint, and
        the GUI thread must not wait for that)."""
        alive = weakref.ref(self)

        def loaded(_db: object) -> None:
            section = alive()
            if section is not None and shiboken6.isValid(section):
                section._write_side_loaded.emit()

        self._ws.when_loaded(loaded)
        # Shown again (from the tray) after a count was put off, it counts then. A filter
        # from now on, not a showEvent: an event handed to Python before the first paint
        # makes PySide build its QEvent classes first (~5 ms).
        self.installEventFilter(self)

    def reload_soon(self) -> None:
        """Re-read the lists and their counts once the operations in flight have landed."""
        self._recount.start()

    def _recount_now(self) -> None:
        # A hidden or closed window's pane stays quiet (a closed one's database may be
        # closed); shown again (from the tray), it counts then.
        if self.isVisible():
            self.reload()
        else:
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        from PySide6.QtCore import QEvent  # built by now (see `load`)

        if watched is self and event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self.reload()
        return False

    def reload(self, counted: bool = True) -> None:
        self._recount.stop()
        self.loaded = True
        current = self.current_list_id()
        self.model.reload(counted)
        gone = current is not None and self.current_list_id() != current
        if gone and current is not None and not self.select_list(current):
            self.current_gone.emit()

    def current_list_id(self) -> int | None:
        list_id: int | None = self.view.currentIndex().data(LIST_ID_ROLE)
        return list_id

    def current_name(self) -> str:
        return str(self.view.currentIndex().data(LIST_NAME_ROLE) or "")

    def current_filter(self) -> Filter | None:
        flt: Filter | None = self.view.currentIndex().data(LIST_FILTER_ROLE)
        return flt

    def select_list(self, list_id: int) -> bool:
        row = self.model.row_of(list_id)
        if row is None:
            return False
        self.view.selectionModel().setCurrentIndex(
            self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        return True

    def clear_current(self) -> None:
        """No list is current (a pool was chosen)."""
        selection = self.view.selectionModel()
        if not selection.hasSelection() and not selection.currentIndex().isValid():
            return  # none was: nothing to clear or repaint (the window's start, ~10 ms)
        self.view.selectionModel().blockSignals(True)
        self.view.selectionModel().clear()
        self.view.selectionModel().blockSignals(False)
        self.view.viewport().update()
        self._update_actions()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_actions()
        if current.isValid():
            self.list_selected.emit(current.data(LIST_ID_ROLE))

    # -- commands -------------------------------------------------------------------------
    def new_list(self, flt: Filter | None = None, name: str = "") -> FilterDialog | None:
        """The filter builder on a new list (`flt`: what the search box holds)."""
        if not self.writable:
            return None
        lists = self._ws.lists
        return self._open_dialog("New list", name, flt, lambda n, f: lists.create(n, f))

    def edit_list(self) -> FilterDialog | None:
        list_id = self.current_list_id()
        if list_id is None or not self.writable:
            return None
        lists = self._ws.lists

        old_name = self.current_name()

        def save(name: str, flt: Filter) -> int:
            if name != old_name:
                lists.rename(list_id, name)
            lists.update(list_id, flt)
            return list_id

        title = f"Edit list — {self.current_name()}"
        return self._open_dialog(title, self.current_name(), self.current_filter(), save)

    def _open_dialog(
        self,
        title: str,
        name: str,
        flt: Filter | None,
        saver: Callable[[str, Filter], int],
    ) -> FilterDialog:
        # The builder's modules are loaded when first opened: not before the first paint.
        from talentdesk.ui.lists.filter_dialog import FilterDialog, choices_of

        ws = self._ws
        dialog = FilterDialog(
            self._events,
            choices_of(ws),
            ws.listing.count_filter,  # on the reader: no wait for the write side
            saver,
            today=lambda: ws.clock().date(),
            title=title,
            name=name,
            flt=flt,
            parent=self.window(),
        )
        dialog.saved.connect(self._saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _saved(self, list_id: int) -> None:
        self.reload()
        self.select_list(list_id)

    def rename_list(self) -> None:
        list_id, old = self.current_list_id(), self.current_name()
        if list_id is None or not self.writable:
            return
        from PySide6.QtWidgets import QInputDialog  # loaded when it first opens

        name, ok = QInputDialog.getText(self, "Rename list", "New name:", text=old)
        if not ok or name.strip() == old:
            return
        lists = self._ws.lists
        self._events.ops.run(
            f"Renaming the list to “{name.strip()}”",
            lambda: lists.rename(list_id, name),
            failure=lambda exc: self._refused("List not renamed", exc),
        )

    def duplicate_list(self) -> None:
        flt, list_id = self.current_filter(), self.current_list_id()
        if flt is None or list_id is None or not self.writable:
            return
        name = copy_name(self.current_name(), self.model.names())
        lists = self._ws.lists
        self._events.ops.run(
            f"Copying the list to “{name}”",
            lambda: lists.create(name, flt),
            success=self._saved,
            failure=lambda exc: self._refused("List not copied", exc),
        )

    def move_list(self, step: int) -> None:
        """Alt+Up / Alt+Down: the current list one place up or down."""
        list_id, row = self.current_list_id(), self.view.currentIndex().row()
        if list_id is None or not self.writable or not 0 <= row + step < self.model.rowCount():
            return
        lists = self._ws.lists
        self._events.ops.run(
            "Reordering the lists",
            lambda: lists.move(list_id, row + step),
            success=lambda _: self._saved(list_id),
        )

    def delete_list(self) -> None:
        list_id, name = self.current_list_id(), self.current_name()
        if list_id is None or not self.writable or self.undo_stack is None:
            return
        row = self.view.currentIndex().row()

        def deleted() -> None:
            # The next list (or the one before) becomes current, as after deleting a row.
            self.model.reload()
            if self.model.rowCount():
                self.view.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1)))
            else:
                self.current_gone.emit()

        self.undo_stack.push(
            DeleteList(self._ws, self._events, list_id, name, self.status, self._saved, deleted)
        )

    def _refused(self, title: str, exc: BaseException) -> None:
        if isinstance(exc, TalentDeskError) and not exc.hint:  # a name in use, an empty one
            from PySide6.QtWidgets import QMessageBox  # loaded when it first opens

            QMessageBox.warning(self, title, exc.message)
        else:
            show_error(self, exc, title)

    # -- state ----------------------------------------------------------------------------
    def set_read_only(self) -> None:
        self.writable = False
        self._update_actions()

    def _update_actions(self) -> None:
        is_list = self.current_list_id() is not None
        self.new_action.setEnabled(self.writable)
        for action in (
            self.edit_action,
            self.rename_action,
            self.duplicate_action,
            self.delete_action,
            self.up_action,
            self.down_action,
        ):
            action.setEnabled(is_list and self.writable)
        self.export_action.setEnabled(is_list)

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.addActions([self.new_action, self.edit_action, self.rename_action])
        menu.addActions([self.duplicate_action, self.delete_action])
        menu.addActions([self.up_action, self.down_action])
        menu.addSeparator()
        menu.addActions(self.extra_menu_actions)
        menu.exec(self.view.viewport().mapToGlobal(pos))
