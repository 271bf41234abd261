"""Baseline for start-up: a bare PySide6 window with an empty table, shown and painted."""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView


def main(load: Callable[[], None] = lambda: None) -> None:
    """`load`: what to do once the application exists, before the window (probe_qt_floor.py)."""
    app = QApplication(sys.argv[:1])
    load()
    window = QMainWindow()
    window.setCentralWidget(QTableView())
    window.resize(1400, 860)
    window.show()

    def shown() -> None:
        print("shown", flush=True)
        app.quit()

    QTimer.singleShot(0, shown)
    app.exec()


if __name__ == "__main__":
    main()
