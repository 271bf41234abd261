"""The box shown when the database cannot be opened: it says what and why, and changes nothing."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox

from talentdesk.core.errors import DatabaseTooNewError, NotADatabaseError, TalentDeskError
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from talentdesk.ui.app import startup_error_box


def random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(20261125).randbytes(16 * 1024))


def another_programs_database(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        conn.execute("INSERT INTO invoices (total) VALUES (12.5)")
    conn.close()


def written_by_a_newer_version(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        conn.execute("INSERT INTO alembic_version VALUES ('9999_from_the_future')")
    conn.close()


def shown_text(box: QMessageBox) -> str:
    return "\n".join(label.text() for label in box.findChildren(QLabel) if label.isVisible())


@pytest.mark.parametrize(
    ("make_file", "error_type", "says"),
    [
        (random_bytes, NotADatabaseError, "is not a TalentDesk database"),
        (another_programs_database, NotADatabaseError, "no TalentDesk schema version"),
        (written_by_a_newer_version, DatabaseTooNewError, "written by a newer version"),
    ],
    ids=["random-bytes", "foreign-database", "newer-schema"],
)
def test_unusable_database_is_explained_and_left_untouched(
    qtbot, paths: AppPaths, make_file, error_type: type[TalentDeskError], says: str
):
    paths.ensure()
    make_file(paths.database)
    before = paths.database.read_bytes()

    with pytest.raises(error_type) as raised:
        Workspace.open(paths)
    error = raised.value

    box = startup_error_box(error)
    qtbot.addWidget(box)
    assert box.windowTitle() == "TalentDesk cannot start"
    assert box.icon() == QMessageBox.Icon.Critical
    assert box.text() == error.message
    assert str(paths.database) in box.text()
    assert says in box.text()
    assert box.informativeText() == error.hint
    assert "left untouched" in box.informativeText()

    box.show()
    qtbot.waitExposed(box)
    assert error.message in shown_text(box)
    assert error.hint in shown_text(box)
    box.close()

    assert paths.database.read_bytes() == before
    leftovers = sorted(p.name for p in paths.data_dir.iterdir() if p.is_file())
    assert leftovers == [paths.database.name]  # no -wal, -shm or -journal beside it
    assert list(paths.backups.iterdir()) == []


BUG_BEFORE_THE_LOOP = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from talentdesk.ui.errors import install_excepthooks

app = QApplication(["talentdesk"])
install_excepthooks()


def read_it():
    box = QApplication.activeModalWidget()
    print("SHOWN", box.objectName() if box else None, box.text() if box else "", flush=True)
    box.reject()


QTimer.singleShot(0, read_it)  # runs in the dialog's own event loop, if it has one
raise RuntimeError("a bug before the window's event loop")
"""


def test_a_bug_before_the_event_loop_is_shown_until_read() -> None:
    """With no event loop yet, a non-modal dialog would vanish with the process."""
    shown = subprocess.run(
        [sys.executable, "-c", BUG_BEFORE_THE_LOOP],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shown.returncode == 1
    assert shown.stdout.startswith("SHOWN errorBox TalentDesk hit an unexpected problem"), (
        shown.stdout + shown.stderr
    )
