"""Left pane: "All candidates" and the pools, with create, rename and delete; under them the
saved smart lists (`ListsSection`). One of them is current: a pool (or everyone), or a list."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QListView, QMenu, QToolButton, QVBoxLayout, QWidget

from talentdesk.core.errors import TalentDeskError
from talentdesk.core.ops.changes import Changes
from talentdesk.core.workspace import Workspace
from talentdesk.ui.errors import show_error
from talentdesk.ui.events import Events
from talentdesk.ui.lists.lists_section import ListsSection, lists_may_change
from talentdesk.ui.models.pool_list import (
    POOL_CADENCE_ROLE,
    POOL_COUNT_ROLE,
    POOL_ID_ROLE,
    POOL_NAME_ROLE,
    PoolListModel,
)
from talentdesk.ui.panes.owner_toggle import OwnerToggle
from talentdesk.ui.qaction import make_action
from talentdesk.ui.widgets.heading import heading

CADENCE_TIP = "Check in with every member of this pool at least every N days"
ONLY_POOLS = "A smart list has no stages or cadence of its own: choose a pool for this"


class PoolPane(QWidget):
    pool_selected = Signal(object)  # int pool id, or None for all candidates
    list_selected = Signal(int)  # a saved list became current (no pool is then)

    def __init__(self, ws: Workspace, events: Events, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._events = events
        self.writable = True  # False: a read-only database
        self.model = PoolListModel(ws.reads, self)
        self.model.reload(counted=False)  # the window calls count_members after its first paint

        self.view = QListView()
        self.view.setObjectName("poolList")
        self.view.setModel(self.model)
        self.view.setAccessibleName("Pools")
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.new_action = QAction("New pool…", self)
        self.new_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.new_action.setToolTip("Create a talent pool (Ctrl+Shift+N)")
        self.new_action.triggered.connect(self.create_pool)
        self.rename_action = QAction("Rename pool…", self)
        self.rename_action.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.rename_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.rename_action.triggered.connect(self.rename_pool)
        self.delete_action = QAction("Delete pool…", self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self.delete_pool)
        self.cadence_action = QAction("&Keep in touch every N days…", self)
        self.cadence_action.setToolTip(CADENCE_TIP)
        self.cadence_action.triggered.connect(self.set_cadence)
        self.stages_action = make_action(
            self, "Edit &stages…", None, self.edit_stages, "Rename, reorder and add the stages"
        )
        # The window opens the export dialog on the current pool.
        self.export_action = QAction("Export pool…", self)
        self.export_action.setToolTip("Export this pool's candidates to a CSV file")
        # On the pools only: the lists under them have their own F2 and Delete.
        self.view.addActions([self.rename_action, self.delete_action])

        title = heading("Pools")
        buttons = QHBoxLayout()
        buttons.addWidget(title)
        buttons.addStretch()
        for action, text in (
            (self.new_action, "+"),
            (self.rename_action, "Rename"),
            (self.delete_action, "Delete"),
        ):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setText(text)
            button.setAutoRaise(True)
            buttons.addWidget(button)
        self.lists = ListsSection(ws, events, lambda i: self.model.name_of(i) or None)
        self.lists.list_selected.connect(self._list_chosen)
        self.lists.current_gone.connect(lambda: self.select_pool(None))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(buttons)
        self.owner_toggle = OwnerToggle(self)  # "My candidates / Everyone's": with colleagues
        self.owner_toggle.show_for(ws.reads.several_users())
        layout.addWidget(self.owner_toggle)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.lists, 1)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.setCurrentIndex(self.model.index(0))
        self._update_actions()
        events.changed.connect(self._changed)

    def current_pool_id(self) -> int | None:
        pool_id: int | None = self.view.currentIndex().data(POOL_ID_ROLE)
        return pool_id

    def current_cadence(self) -> int | None:
        """The current pool's keep-in-touch cadence in days (None: none, or all candidates)."""
        cadence: int | None = self.view.currentIndex().data(POOL_CADENCE_ROLE)
        return cadence

    def current_pool_name(self) -> str:
        """What the list shows: the pool's or the saved list's name, or "All candidates"."""
        if self.current_list_id() is not None:
            return self.lists.current_name()
        return self.view.currentIndex().data(POOL_NAME_ROLE) or "All candidates"

    def current_list_id(self) -> int | None:
        """The saved list shown (None: a pool or everyone is)."""
        return self.lists.current_list_id()

    def _list_chosen(self, list_id: int) -> None:
        # No pool is current while a list is: the pools' actions and cadence switch off.
        selection = self.view.selectionModel()
        selection.blockSignals(True)
        selection.clear()
        selection.blockSignals(False)
        self.view.viewport().update()
        self._update_actions()
        self.list_selected.emit(list_id)

    def select_pool(self, pool_id: int | None) -> None:
        self.lists.clear_current()
        self.view.selectionModel().setCurrentIndex(
            self.model.index(self.model.row_of_pool(pool_id)),
            QItemSelectionModel.SelectionFlag.ClearAndSelect,
        )

    def _changed(self, changes: Changes) -> None:
        # Counts follow members; losing-touch marks follow contacts (candidate_list).
        if changes.pools or changes.candidate_list or changes.external:
            self.reload()
        # A user added or renamed (a closed window's pane stays quiet: its database may be).
        if (changes.settings or changes.external) and self.isVisible():
            self.owner_toggle.show_for(self._ws.reads.several_users())
        if self.lists.loaded and lists_may_change(changes):
            self.lists.reload_soon()

    def reload(self) -> None:
        current = self.current_pool_id()
        self.model.reload()
        if self.current_list_id() is not None:  # a list is shown: no pool is current
            return
        if self.current_pool_id() != current or not self.view.currentIndex().isValid():
            self.select_pool(current)

    def after_first_paint(self) -> None:
        """What waits for the window's first paint: the counts, and the keys from the pools on
        to the lists (an event filter: every event of both views would go through Python)."""
        from talentdesk.ui.lists import keys  # its QEvent classes cost ~5 ms to build

        keys.link_views(self.view, self.lists.view)
        self.count_members()

    def count_members(self) -> None:
        """Fill in the member and losing-touch counts (a tenth of a second at 100,000), and
        the saved lists with theirs."""
        if self.isVisible():  # a closed window's pane stays quiet: its database may be closed
            self.model.reload()
            self.lists.load()

    def create_pool(self) -> None:
        from PySide6.QtWidgets import QInputDialog  # loaded when it first opens

        name, ok = QInputDialog.getText(self, "New pool", "Name of the talent pool:")
        if not ok:
            return
        pools = self._ws.pools
        self._events.ops.run(
            f"Creating the pool “{name.strip()}”",
            lambda: pools.create(name),
            success=self.select_pool,
            failure=lambda exc: self._refused("Pool not created", exc),
        )

    def rename_pool(self) -> None:
        pool_id = self.current_pool_id()
        if pool_id is None:
            return
        from PySide6.QtWidgets import QInputDialog  # loaded when it first opens

        name, ok = QInputDialog.getText(
            self, "Rename pool", "New name:", text=self.current_pool_name()
        )
        if not ok or name.strip() == self.current_pool_name():
            return
        pools = self._ws.pools
        self._events.ops.run(
            f"Renaming the pool to “{name.strip()}”",
            lambda: pools.rename(pool_id, name),
            failure=lambda exc: self._refused("Pool not renamed", exc),
        )

    def delete_pool(self) -> None:
        pool_id = self.current_pool_id()
        if pool_id is None:
            return
        members = self.view.currentIndex().data(POOL_COUNT_ROLE)
        if members is None:  # asked before the counts came in after the first paint
            self.model.reload()
            members = self.view.currentIndex().data(POOL_COUNT_ROLE)
        from PySide6.QtWidgets import QMessageBox  # loaded when it first opens

        answer = QMessageBox.question(
            self,
            "Delete pool",
            f"Delete the pool “{self.current_pool_name()}”?\n\n"
            f"Its {members:,} member(s) leave the pool; "
            "the candidates themselves and their history stay.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        pools = self._ws.pools
        self.select_pool(None)
        self._events.ops.run(
            f"Deleting the pool “{self.model.name_of(pool_id)}”",
            lambda: pools.delete(pool_id),
            failure=lambda exc: self._refused("Pool not deleted", exc),
        )

    def set_cadence(self) -> None:
        pool_id = self.current_pool_id()
        if pool_id is None:
            return
        from talentdesk.ui.dialogs.cadence_dialog import CadenceDialog

        current = self.current_cadence()
        dialog = CadenceDialog(self.current_pool_name(), current, self)
        if dialog.exec() != dialog.DialogCode.Accepted or dialog.value() == current:
            return
        pools, days = self._ws.pools, dialog.value()
        self._events.ops.run(
            f"Setting the cadence of “{self.current_pool_name()}”",
            lambda: pools.set_cadence(pool_id, days),
            failure=lambda exc: self._refused("Cadence not set", exc),
        )

    def edit_stages(self) -> None:
        pool_id = self.current_pool_id()
        if pool_id is None:
            return
        from talentdesk.core.stages import Pipeline
        from talentdesk.ui.dialogs.stages_dialog import StagesDialog

        name = self.current_pool_name()
        StagesDialog(self._ws, self._events, Pipeline.POOL, pool_id, name, self).exec()

    def _refused(self, title: str, exc: BaseException) -> None:
        if isinstance(exc, TalentDeskError) and not exc.hint:  # a name in use, an empty one
            from PySide6.QtWidgets import QMessageBox  # loaded when it first opens

            QMessageBox.warning(self, title, exc.message)
        else:
            show_error(self, exc, title)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.lists.clear_current()
        self._update_actions()
        self.pool_selected.emit(current.data(POOL_ID_ROLE) if current.isValid() else None)

    def set_read_only(self) -> None:
        self.writable = False
        self.lists.set_read_only()
        self._update_actions()

    def _update_actions(self) -> None:
        is_pool = self.current_pool_id() is not None
        self.new_action.setEnabled(self.writable)
        self.rename_action.setEnabled(is_pool and self.writable)
        self.delete_action.setEnabled(is_pool and self.writable)
        self.export_action.setEnabled(is_pool)
        self.cadence_action.setEnabled(is_pool and self.writable)
        self.stages_action.setEnabled(is_pool and self.writable)
        on_list = self.current_list_id() is not None
        for action, tip in (
            (self.cadence_action, CADENCE_TIP),
            (self.stages_action, "Rename, reorder and add the stages"),
        ):
            action.setToolTip(ONLY_POOLS if on_list else tip)

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction(self.new_action)
        menu.addAction(self.rename_action)
        menu.addAction(self.delete_action)
        menu.addSeparator()
        menu.addAction(self.stages_action)
        menu.addAction(self.cadence_action)
        menu.addAction(self.export_action)
        menu.exec(self.view.viewport().mapToGlobal(pos))
