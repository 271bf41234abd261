"""Floor for start-up: the bare PySide6 window of probe_bare.py that first loads the Qt classes
named on its command line ("QtCore.Qt QtWidgets.QListView …": those the app has loaded by its
first paint, printed by probe_app.py). What PySide alone costs for the app's Qt types
(materialising a class builds its Python enums: the `Qt` namespace alone ~45 ms), with none of
the app's own Python."""

from __future__ import annotations

import importlib
import sys

from probe_bare import main  # beside this file (a script's folder comes first on sys.path)


def load_classes() -> None:
    for name in sys.argv[1:]:
        module, _, cls = name.partition(".")
        getattr(importlib.import_module(f"PySide6.{module}"), cls)


if __name__ == "__main__":
    main(load_classes)
