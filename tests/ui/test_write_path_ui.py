"""The window on the one write path: a save made while something long holds the database waits
visibly (the window stays responsive) and lands; Cancel gives it up and keeps what was typed;
another program's commits show up; a database that cannot be written opens read-only."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.ops import all_idle
from tests.ui.window_driver import type_text

LEFT = Qt.MouseButton.LeftButton


def shown_names(window: MainWindow) -> list[str]:
    model = window.list_pane.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def edit_city(qtbot, window: MainWindow, name: str, city: str) -> None:
    """Open `name`, type a new city (the form is then unsaved)."""
    model = window.list_pane.model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == name)
    window.list_pane.select_candidate(model.candidate_id(row))
    pane = window.candidate_pane
    qtbot.waitUntil(lambda: pane.name_label.text() == name)
    edit = pane.form.inputs["city"]
    edit.setFocus()
    edit.selectAll()
    type_text(qtbot, edit, city)
    assert pane.dirty


def stored_city(ws: Workspace, first_name: str) -> str | None:
    row = ws.reader.execute(
        "SELECT city FROM candidate WHERE first_name = ?", (first_name,)
    ).fetchone()
    return row[0]


@pytest.fixture
def busy_writer(ws: Workspace) -> Iterator[Callable[[], threading.Event]]:
    """Keeps the write path busy with a long operation ("importing people.csv") until the
    returned event is set, as a big import in this window would."""
    releases: list[threading.Event] = []

    def hold() -> threading.Event:
        started, release = threading.Event(), threading.Event()

        def long_import() -> None:
            started.set()
            release.wait(30)

        ws.writer.submit(long_import, label="importing people.csv", announce=True)
        assert started.wait(10)
        releases.append(release)
        return release

    yield hold
    for release in releases:
        release.set()


def test_a_save_during_a_long_import_waits_visibly_and_lands(
    qtbot, ws, add_candidate, open_window, busy_writer
):
    add_candidate("Anna", "Kowalska", city="Warszawa")
    window = open_window()
    edit_city(qtbot, window, "Anna Kowalska", "Kraków")
    release = busy_writer()

    qtbot.mouseClick(window.candidate_pane.save_button, LEFT)
    waiting = window.waiting
    qtbot.waitUntil(waiting.isVisible)
    assert waiting.label.text() == (
        "Waiting for importing people.csv to finish… (Saving Anna Kowalska will follow)"
    )
    # The window is not frozen: it answers, and what was typed is still there, unsaved.
    QApplication.processEvents()
    assert window.candidate_pane.form.inputs["city"].text() == "Kraków"
    assert stored_city(ws, "Anna") == "Warszawa"

    release.set()
    qtbot.waitUntil(lambda: stored_city(ws, "Anna") == "Kraków")
    qtbot.waitUntil(all_idle)
    qtbot.waitUntil(lambda: not waiting.isVisible())
    assert not window.candidate_pane.dirty


def test_the_reminder_scheduler_never_waits_for_the_write_path(
    qtbot, ws, clock, add_candidate, open_window, busy_writer
):
    from talentdesk.ui.app import start_reminders

    anna = add_candidate("Anna", "Kowalska")
    ws.reminders.add(anna, clock.now, note="Call back")
    window = open_window()
    release = busy_writer()
    ws.writer.never_wait_in(threading.main_thread())  # as the app does: a wait is a bug
    scheduler = start_reminders(window, first_check_ms=60_000)
    try:
        due = scheduler.check_now()  # returns at once; its bookkeeping is queued
        assert [r.what for r in due] == ["Call back"]
        assert not scheduler.announcements_stored
        assert scheduler.check_now() == []  # announced once, even before it is stored
        release.set()
        qtbot.waitUntil(lambda: scheduler.announcements_stored)
        notified = ws.reader.execute("SELECT notified_at FROM reminder").fetchone()[0]
        assert notified is not None
    finally:
        scheduler.stop()


@pytest.fixture
def other_program(ws: Workspace) -> Iterator[Callable[[], sqlite3.Connection]]:
    """`other_program()`: another program takes the database's write lock (and holds it until
    the test commits)."""
    held: list[sqlite3.Connection] = []

    def hold() -> sqlite3.Connection:
        conn = sqlite3.connect(ws.paths.database, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        held.append(conn)
        return conn

    yield hold
    for conn in held:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()


def test_cancel_gives_up_a_waiting_save_and_keeps_what_was_typed(
    qtbot, ws, add_candidate, open_window, other_program
):
    add_candidate("Anna", "Kowalska", city="Warszawa")
    window = open_window()
    edit_city(qtbot, window, "Anna Kowalska", "Kraków")
    other = other_program()
    qtbot.mouseClick(window.candidate_pane.save_button, LEFT)
    waiting = window.waiting
    qtbot.waitUntil(waiting.isVisible)
    assert waiting.label.text().startswith("Waiting: another program is writing to the database")

    qtbot.mouseClick(waiting.cancel_button, LEFT)
    qtbot.waitUntil(all_idle)
    qtbot.waitUntil(lambda: not waiting.isVisible())
    pane = window.candidate_pane
    assert pane.dirty and pane.form.inputs["city"].text() == "Kraków"  # nothing typed is lost
    assert pane.banner.text().startswith("Not saved: Cancelled")

    other.execute("COMMIT")
    qtbot.mouseClick(pane.save_button, LEFT)
    qtbot.waitUntil(lambda: stored_city(ws, "Anna") == "Kraków")


def test_the_window_shows_what_another_process_imported(
    qtbot, ws, paths: AppPaths, add_candidate, open_window, tmp_path: Path
):
    add_candidate("Anna", "Kowalska")
    window = open_window()
    window.events.ops.attach()
    people = tmp_path / "people.csv"
    people.write_text(
        "First Name,Last Name,Email\n"
        + "".join(f"Person{i},Nowak,p{i}@example.com\n" for i in range(50)),
        encoding="utf-8",
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "talentdesk",
            "--data-dir",
            str(paths.data_dir),
            "import",
            str(people),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: window.count_label.text() == "51 of 51 candidates", timeout=10_000)
    assert "Person0 Nowak" in shown_names(window)


@pytest.fixture
def immutable_database(paths: AppPaths, clock) -> Iterator[Path]:
    """A database the operating system will not let anyone write (chattr +i), as on a
    read-only share; made by a first run."""
    first = Workspace.open(paths, clock)
    from talentdesk.core.records import CandidateRecord

    first.candidates.create(CandidateRecord("Anna", "Kowalska"))
    first.close()
    flag = subprocess.run(["chattr", "+i", str(paths.database)], capture_output=True, check=False)
    if flag.returncode != 0:
        pytest.skip(f"chattr +i is not possible here: {flag.stderr!r}")
    yield paths.database
    subprocess.run(["chattr", "-i", str(paths.database)], check=True)


def test_a_database_that_cannot_be_written_opens_read_only(
    qtbot, immutable_database, paths: AppPaths, clock
):
    ws = Workspace.open(paths, clock)
    window = MainWindow(ws, paths.settings)
    qtbot.addWidget(window)
    try:
        window.show()
        qtbot.waitUntil(lambda: window.first_paint_done)
        assert ws.read_only is not None and "read-only" in ws.read_only
        banner = window.read_only_banner
        assert banner.isVisible() and "Read-only" in banner.text()
        assert shown_names(window) == ["Anna Kowalska"]  # the data is there to read
        for action in window.write_actions():
            assert not action.isEnabled(), action.text()
        assert window.export_action.isEnabled()  # exporting only reads
        window.list_pane.select_candidate(window.list_pane.model.candidate_id(0))
        pane = window.candidate_pane
        qtbot.waitUntil(lambda: pane.name_label.text() == "Anna Kowalska")
        assert not pane.form.isEnabled() and not pane.save_button.isEnabled()
    finally:
        window.close()
        ws.close()
