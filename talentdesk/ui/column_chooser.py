"""Right-click a table's header to tick its columns on or off; the choice is remembered in the
window's settings (by column key, so it survives columns being added later)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QPoint, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QTableView


class ColumnChooser(QObject):
    def __init__(
        self,
        table: QTableView,
        settings: QSettings,
        setting: str,
        keys: Sequence[str],
        always_shown: frozenset[str],
        hidden_by_default: frozenset[str],
    ) -> None:
        """`keys` names the columns in order; `always_shown` ones cannot be ticked off."""
        super().__init__(table)
        self._table = table
        self._settings = settings
        self._setting = setting
        self._keys = list(keys)
        self._always = always_shown
        self._default = hidden_by_default
        header = table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_menu)
        self.menu: QMenu | None = None  # the last menu shown (tests look at it)
        self._apply(self._saved())

    def hidden(self) -> set[str]:
        return {key for i, key in enumerate(self._keys) if self._table.isColumnHidden(i)}

    def set_shown(self, key: str, shown: bool) -> None:
        if key in self._always:
            return
        hidden = self.hidden() - {key} if shown else self.hidden() | {key}
        self._apply(hidden)
        self._settings.setValue(self._setting, ",".join(sorted(hidden)))

    def reset(self) -> None:
        self._apply(set(self._default))
        self._settings.remove(self._setting)

    def build_menu(self) -> QMenu:
        menu = QMenu(self._table)
        model = self._table.model()
        hidden = self.hidden()
        for i, key in enumerate(self._keys):
            action = QAction(str(model.headerData(i, Qt.Orientation.Horizontal)), menu)
            action.setCheckable(True)
            action.setChecked(key not in hidden)
            action.setEnabled(key not in self._always)
            action.setData(key)
            action.toggled.connect(lambda on, k=key: self.set_shown(k, on))
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction("Default columns").triggered.connect(self.reset)
        self.menu = menu
        return menu

    def _show_menu(self, pos: QPoint) -> None:
        menu = self.build_menu()
        menu.popup(self._table.horizontalHeader().mapToGlobal(pos))

    def _saved(self) -> set[str]:
        value = self._settings.value(self._setting)
        if value is None:
            return set(self._default)
        if isinstance(value, list):  # how QSettings may read back a comma-separated value
            value = ",".join(str(v) for v in value)
        return {key for key in str(value).split(",") if key in self._keys} - self._always

    def _apply(self, hidden: set[str]) -> None:
        for i, key in enumerate(self._keys):
            self._table.setColumnHidden(i, key in hidden and key not in self._always)
