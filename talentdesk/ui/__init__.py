"""The window (PySide6). Importing this package makes PySide's per-import check cheaper
before the window's ~200 modules are imported (pyside_import_hook.py)."""

from talentdesk.ui import pyside_import_hook

pyside_import_hook.install()
