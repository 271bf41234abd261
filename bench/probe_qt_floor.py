"""Floor for start-up: the bare PySide6 window of probe_bare.py that first loads the Qt classes
named on its command line ("QtCore.Qt QtWidgets.QListView …": those the app has loaded by its
first paint, printed by probe_app.py). What PySide alone costs for the app's Qt types
(materialising a class builds its Python enums: the `Qt` namespace alone ~45 ms), with none of
the app's own Python."""

from __future__ import annotations

import importlib
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView


def main() -> None:
    app = QApplication(sys.argv[:1])
    for name in sys.argv[1:]:
        module, _, cls = name.partition(".")
        getattr(importlib.import_module(f"PySide6.{module}"), cls)
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
