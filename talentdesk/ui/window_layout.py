"""The main window's three panes side by side (pools over reminders, the list, the candidate),
their sizes on first start, and the window's size and pane sizes remembered across restarts.

Each pane has a usable minimum width, and no pane can be collapsed: a pane state saved at
another screen scale (or window size) is restored only as far as every pane stays usable, so
the list is never squeezed to a sliver."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

DEFAULT_SIZE = (1400, 860)
# What each pane gets of the window's width on first start: pools/reminders, list, candidate.
DEFAULT_SHARES = (26, 43, 31)
# The list needs its Name and a few columns; the others' own minimum (their buttons) is used.
LIST_MIN_WIDTH = 300


def arrange(
    pools: QWidget, reminders: QWidget, candidates: QWidget, detail: QWidget
) -> tuple[QSplitter, QSplitter]:
    """The horizontal splitter of the three panes and, in its first pane, the vertical one."""
    left = QSplitter(Qt.Orientation.Vertical)
    left.setObjectName("leftSplitter")
    left.addWidget(pools)
    left.addWidget(reminders)
    left.setStretchFactor(0, 1)
    left.setStretchFactor(1, 1)
    main = QSplitter(Qt.Orientation.Horizontal)
    main.setObjectName("mainSplitter")
    main.addWidget(left)
    main.addWidget(candidates)
    main.addWidget(detail)
    for index, share in enumerate(DEFAULT_SHARES):  # a wider window widens each pane alike
        main.setStretchFactor(index, share)
    candidates.setMinimumWidth(LIST_MIN_WIDTH)
    for splitter in (main, left):
        splitter.setChildrenCollapsible(False)
    return main, left


def default_sizes(width: int) -> list[int]:
    total = sum(DEFAULT_SHARES)
    return [width * share // total for share in DEFAULT_SHARES]


def restore(window: QMainWindow, settings: QSettings, splitters: tuple[QSplitter, ...]) -> None:
    geometry = settings.value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    else:  # as large as the screen allows, up to the default
        screen = window.screen().availableGeometry()
        window.resize(min(DEFAULT_SIZE[0], screen.width()), min(DEFAULT_SIZE[1], screen.height()))
    main = splitters[0]
    main.setSizes(default_sizes(window.width()))
    for splitter in splitters:
        state = settings.value(f"window/{splitter.objectName()}")
        if state is not None:
            # Sizes below a pane's minimum (saved at another scale) are raised to it.
            splitter.restoreState(state)


def save(window: QMainWindow, settings: QSettings, splitters: tuple[QSplitter, ...]) -> None:
    settings.setValue("window/geometry", window.saveGeometry())
    for splitter in splitters:
        settings.setValue(f"window/{splitter.objectName()}", splitter.saveState())
    settings.sync()
