"""Left pane: "All candidates" and the pools, with create, rename and delete."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QMenu,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.errors import TalentDeskError
from talentdesk.core.workspace import Workspace
from talentdesk.ui.events import Events
from talentdesk.ui.models.pool_list import (
    POOL_CADENCE_ROLE,
    POOL_COUNT_ROLE,
    POOL_ID_ROLE,
    POOL_NAME_ROLE,
    PoolListModel,
)


class PoolPane(QWidget):
    pool_selected = Signal(object)  # int pool id, or None for all candidates

    def __init__(self, ws: Workspace, events: Events, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._events = events
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
        self.cadence_action.setToolTip(
            "Check in with every member of this pool at least every N days"
        )
        self.cadence_action.triggered.connect(self.set_cadence)
        # The window opens the export dialog on the current pool.
        self.export_action = QAction("Export pool…", self)
        self.export_action.setToolTip("Export this pool's candidates to a CSV file")
        self.addActions([self.rename_action, self.delete_action])

        title = QLabel("<b>Pools</b>")
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(buttons)
        layout.addWidget(self.view)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.setCurrentIndex(self.model.index(0))
        self._update_actions()
        events.pools_changed.connect(self.reload)
        events.candidates_changed.connect(self.reload)
        # A logged contact or a done check-in moves members back in touch.
        events.candidate_changed.connect(self.reload)
        events.reminders_changed.connect(self.reload)

    def current_pool_id(self) -> int | None:
        return self.view.currentIndex().data(POOL_ID_ROLE)

    def current_cadence(self) -> int | None:
        """The current pool's keep-in-touch cadence in days (None: none, or all candidates)."""
        return self.view.currentIndex().data(POOL_CADENCE_ROLE)

    def current_pool_name(self) -> str:
        return self.view.currentIndex().data(POOL_NAME_ROLE) or "All candidates"

    def select_pool(self, pool_id: int | None) -> None:
        self.view.selectionModel().setCurrentIndex(
            self.model.index(self.model.row_of_pool(pool_id)),
            QItemSelectionModel.SelectionFlag.ClearAndSelect,
        )

    def reload(self) -> None:
        current = self.current_pool_id()
        self.model.reload()
        if self.current_pool_id() != current or not self.view.currentIndex().isValid():
            self.select_pool(current)

    def count_members(self) -> None:
        """Fill in the member and losing-touch counts (a tenth of a second at 100,000)."""
        if self.isVisible():  # a closed window's pane stays quiet: its database may be closed
            self.model.reload()

    def create_pool(self) -> None:
        name, ok = QInputDialog.getText(self, "New pool", "Name of the talent pool:")
        if not ok:
            return
        try:
            pool_id = self._ws.pools.create(name)
        except TalentDeskError as exc:
            QMessageBox.warning(self, "Pool not created", exc.message)
            return
        self._events.pools_changed.emit()
        self.select_pool(pool_id)

    def rename_pool(self) -> None:
        pool_id = self.current_pool_id()
        if pool_id is None:
            return
        name, ok = QInputDialog.getText(
            self, "Rename pool", "New name:", text=self.current_pool_name()
        )
        if not ok or name.strip() == self.current_pool_name():
            return
        try:
            self._ws.pools.rename(pool_id, name)
        except TalentDeskError as exc:
            QMessageBox.warning(self, "Pool not renamed", exc.message)
            return
        self._events.pools_changed.emit()

    def delete_pool(self) -> None:
        pool_id = self.current_pool_id()
        if pool_id is None:
            return
        members = self.view.currentIndex().data(POOL_COUNT_ROLE)
        if members is None:  # asked before the counts came in after the first paint
            self.model.reload()
            members = self.view.currentIndex().data(POOL_COUNT_ROLE)
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
        try:
            self._ws.pools.delete(pool_id)
        except TalentDeskError as exc:
            QMessageBox.warning(self, "Pool not deleted", exc.message)
        self.select_pool(None)
        self._events.pools_changed.emit()

    def set_cadence(self) -> None:
        pool_id = self.current_pool_id()
        if pool_id is None:
            return
        from talentdesk.ui.dialogs.cadence_dialog import CadenceDialog

        current = self.current_cadence()
        dialog = CadenceDialog(self.current_pool_name(), current, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.value() == current:
            return
        try:
            self._ws.pools.set_cadence(pool_id, dialog.value())
        except TalentDeskError as exc:
            QMessageBox.warning(self, "Cadence not set", exc.message)
            return
        self._events.pools_changed.emit()
        self._events.reminders_changed.emit()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_actions()
        self.pool_selected.emit(current.data(POOL_ID_ROLE) if current.isValid() else None)

    def _update_actions(self) -> None:
        is_pool = self.current_pool_id() is not None
        self.rename_action.setEnabled(is_pool)
        self.delete_action.setEnabled(is_pool)
        self.export_action.setEnabled(is_pool)
        self.cadence_action.setEnabled(is_pool)

    def _context_menu(self, pos: object) -> None:
        menu = QMenu(self)
        menu.addAction(self.new_action)
        menu.addAction(self.rename_action)
        menu.addAction(self.delete_action)
        menu.addSeparator()
        menu.addAction(self.cadence_action)
        menu.addAction(self.export_action)
        menu.exec(self.view.viewport().mapToGlobal(pos))  # type: ignore[arg-type]
