"""The window paints its first page before SQLAlchemy or Alembic is loaded (they load after,
on a thread): a module imported on the way to the first paint that imports them at its top
costs a second of start-up and ~40 MB. Nor are the write path, the bulk dialogs, QtNetwork, the
smart-list machinery, the dialogs' Qt classes and the modules only they need loaded before it
(each costs start-up time), nor is a scroll area's viewport() called (its first call costs
15-35 ms). Run as `talentdesk` starts, in a process of its own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.integration.conftest import run_cli

PROBE = """
import sys
from PySide6.QtWidgets import QAbstractScrollArea

viewport_calls = []
viewport = QAbstractScrollArea.viewport


def counted_viewport(self):
    viewport_calls.append(self.objectName())
    return viewport(self)


QAbstractScrollArea.viewport = counted_viewport

from talentdesk.ui.app import run_gui
from talentdesk.ui.main_window import MainWindow

after = MainWindow._after_first_paint
EARLY = (
    "talentdesk.core.ops.writer",
    "talentdesk.ui.bulk.command",
    "talentdesk.ui.bulk.dialogs",
    "talentdesk.core.lists.filters",  # the smart-list machinery: the first search loads it
    "talentdesk.core.lists.query",
    "talentdesk.core.first_screen",
    "talentdesk.core.records",
    "talentdesk.ui.bulk.handover_dialog",  # dialogs load when they first open
    "talentdesk.ui.widgets.snooze_dialog",
    "talentdesk.ui.widgets.word_completer",  # the search box completes once on screen
    "uuid",
    "calendar",
    "html",
    "PySide6.QtNetwork",
    "concurrent.futures",  # the counting thread and the write path's futures come later
    "dataclasses",
)


# PySide creates a Qt class (and its enums) where it is first named: a dialog's, 1-3 ms each.
DIALOG_CLASSES = ("QMessageBox", "QFileDialog", "QInputDialog", "QDialogButtonBox")
# Nor those only used once the window is up: QEvent (~5 ms, with its subclasses) is built when
# the first event reaches Python (an event filter, an event handler), the rest when first named.
LATER_CLASSES = ("QtCore.QEvent", "QtCore.QThread", "QtGui.QPainter", "QtWidgets.QSystemTrayIcon")


def painted(window):
    qt_widgets = vars(sys.modules["PySide6.QtWidgets"])
    print("DIALOGS", *[c for c in DIALOG_CLASSES if c in qt_widgets], flush=True)
    later = [c.split(".") for c in LATER_CLASSES]
    print("LATER", *[c for m, c in later if c in vars(sys.modules["PySide6." + m])], flush=True)
    print("LOADED", *[m for m in ("sqlalchemy", "alembic") if m in sys.modules], flush=True)
    print("EARLY", *[m for m in EARLY if m in sys.modules], flush=True)
    print("VIEWPORT", *viewport_calls, flush=True)
    after(window)
    window.close()


MainWindow._after_first_paint = painted
sys.exit(run_gui(sys.argv[1]))
"""


def test_the_first_page_is_painted_before_sqlalchemy_loads(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    seeded = run_cli("--data-dir", str(data_dir), "seed", "--demo", "30")
    assert seeded.returncode == 0, seeded.stderr
    shown = subprocess.run(
        [sys.executable, "-c", PROBE, str(data_dir)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    loaded = [line for line in shown.stdout.splitlines() if line.startswith("LOADED")]
    assert loaded == ["LOADED"], shown.stdout + shown.stderr
    dialogs = [line for line in shown.stdout.splitlines() if line.startswith("DIALOGS")]
    assert dialogs == ["DIALOGS"], shown.stdout + shown.stderr
    later = [line for line in shown.stdout.splitlines() if line.startswith("LATER")]
    assert later == ["LATER"], shown.stdout + shown.stderr
    early = [line for line in shown.stdout.splitlines() if line.startswith("EARLY")]
    assert early == ["EARLY"], shown.stdout + shown.stderr
    # The first viewport() in a process costs 15-35 ms (ui/widgets/viewport.py).
    viewport = [line for line in shown.stdout.splitlines() if line.startswith("VIEWPORT")]
    assert viewport == ["VIEWPORT"], shown.stdout + shown.stderr


WARMED = """
import sys
from pathlib import Path
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths

ws = Workspace.open(AppPaths(Path(sys.argv[1])))
ws.warm_up()
print("WARMED", *sorted(m for m in sys.argv[2:] if m in sys.modules), flush=True)
ws.close()
"""


def test_the_warm_up_loads_what_the_start_left_out_for_the_first_search(tmp_path: Path) -> None:
    """What the first paint does without, the background warm-up loads once it has painted:
    the first keystroke in the search box does not import it on the GUI thread."""
    data_dir = tmp_path / "data"
    seeded = run_cli("--data-dir", str(data_dir), "seed", "--demo", "5")
    assert seeded.returncode == 0, seeded.stderr
    searching = ["talentdesk.core.lists.query", "talentdesk.core.first_screen"]
    searching += ["talentdesk.core.lists.describe", "talentdesk.core.lists.hints"]
    shown = subprocess.run(
        [sys.executable, "-c", WARMED, str(data_dir), *searching],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shown.stdout.split() == ["WARMED", *sorted(searching)], shown.stdout + shown.stderr
