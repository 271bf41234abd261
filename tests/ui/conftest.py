"""Fixtures for driving the real window: a shown MainWindow, modal dialogs, seeded candidates."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.ops import all_idle

MODAL_TIMEOUT_MS = 5000
T = TypeVar("T")


def outside_the_window(write: Callable[[], T]) -> T:
    """A write by the test itself, as another part of the program would make it (the GUI
    thread may not wait for the write path): run on a thread of its own, waited for."""
    outcome: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(write())
        except BaseException as exc:  # handed to the test
            errors.append(exc)

    thread = threading.Thread(target=run, name="test-write")
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return outcome[0]


@pytest.fixture(autouse=True)
def _local_time_is_utc(_isolated_environment: None) -> None:
    """The shared conftest sets TZ=UTC; Python's local time only follows after tzset()."""
    time.tzset()


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread() -> Iterator[None]:
    """As the app does (talentdesk.ui.gc_guard): no cycle collection on the write path's or a
    worker's thread while widgets exist, where freeing a Qt object crashes the process. Set up
    first and torn down last, after the window and its threads are gone."""
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        gc.enable()


def _discard_unsaved_edits(window: MainWindow) -> None:
    """Before the window closes: with unsaved edits, closing would ask "Save the changes?" in a
    modal box and wait forever for an answer."""
    if window.candidate_pane.dirty:
        window.candidate_pane.revert()
    assert not window.candidate_pane.dirty, "revert() left the profile form dirty"


@pytest.fixture
def open_window(qtbot, ws: Workspace, paths: AppPaths) -> Callable[[], MainWindow]:
    """Build, show and activate a MainWindow on `ws`; call it after seeding the database.

    pytest-qt closes the window after the test (running `_discard_unsaved_edits` first).
    """

    def open_(activate: bool = True) -> MainWindow:
        """`activate` False: when a window of its own (the outbox resuming its sending) may
        open at start and take the focus from the main window."""
        # As in the app: a write that would make the GUI thread wait is a bug, and raises.
        ws.writer.never_wait_in(threading.main_thread())
        window = MainWindow(ws, paths.settings)
        qtbot.addWidget(window, before_close_func=_discard_unsaved_edits)
        window.show()
        qtbot.waitExposed(window)
        if activate:
            window.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        # The pools' counts, the reminders and the rest of the list come after the first paint.
        qtbot.waitUntil(lambda: window.first_paint_done)
        return window

    return open_


@pytest.fixture
def window(open_window: Callable[[], MainWindow]) -> MainWindow:
    """The main window on the test's workspace, shown on screen (an empty database)."""
    return open_window()


class ModalDriver:
    """Answers the modal dialog that an action opens with exec().

    `run(trigger, handle)` schedules `handle(dialog)` for when the dialog is up, then calls
    `trigger()` (which blocks in exec() until the dialog closes). `handle` fills the dialog in and
    accepts it. If it fails, or forgets to close the dialog, the dialog is rejected so the test
    cannot hang, and the failure is raised from `run`.
    """

    def __init__(self, qtbot) -> None:
        self._qtbot = qtbot

    def run(
        self,
        trigger: Callable[[], object],
        handle: Callable[[QWidget], None],
        timeout_ms: int = MODAL_TIMEOUT_MS,
    ) -> QWidget:
        handled: list[QWidget] = []
        errors: list[BaseException] = []
        deadline = time.monotonic() + timeout_ms / 1000
        poll = QTimer(interval=10)

        def attempt() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                if time.monotonic() > deadline:
                    poll.stop()
                return
            poll.stop()
            handled.append(dialog)
            try:
                handle(dialog)
            except BaseException as exc:
                errors.append(exc)
            if dialog.isVisible():
                if not errors:
                    errors.append(AssertionError(f"the handler left {dialog!r} open"))
                dialog.close()
                if hasattr(dialog, "reject"):
                    dialog.reject()

        poll.timeout.connect(attempt)
        poll.start()
        try:
            trigger()
            self._qtbot.waitUntil(lambda: bool(handled), timeout=timeout_ms)
            # What the dialog asked for is written by an operation: wait until it landed.
            self._qtbot.waitUntil(all_idle, timeout=timeout_ms)
        finally:
            poll.stop()
        if errors:
            raise errors[0]
        return handled[0]


@pytest.fixture
def modal(qtbot) -> ModalDriver:
    return ModalDriver(qtbot)


@pytest.fixture
def add_candidate(ws: Workspace) -> Callable[..., int]:
    """`add_candidate("Anna", "Kowalska", city="Kraków")` stores a candidate, returns its id."""

    def add(first: str, last: str, **fields: object) -> int:
        record = CandidateRecord(first_name=first, last_name=last, **fields)
        return outside_the_window(lambda: ws.candidates.create(record))

    return add


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform plugin warns about every top-level window it shows; harmless.
    # (This hook sees the whole session's items: mark only the ones in this folder.)
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.qt_log_ignore(r"^This plugin does not support"))


@pytest.fixture
def settle(qtbot) -> Callable[[MainWindow], None]:
    """`settle(window)`: wait until the window's operations (its writes, queued on the write
    path) have landed and the panes show what they changed (the list's, read on a thread)."""

    def wait(window: MainWindow) -> None:
        qtbot.waitUntil(
            lambda: window.events.ops.idle and all_idle() and not window.list_pane.model.searching
        )

    return wait


def remind(ws: Workspace, *args: Any, **kwargs: Any) -> int:
    """`ws.reminders.add(...)` made by the test while a window is open (see
    `outside_the_window`)."""
    return outside_the_window(lambda: ws.reminders.add(*args, **kwargs))


def set_setting(ws: Workspace, setting: Any, value: Any) -> None:
    """A setting stored by the test while a window is open."""
    from talentdesk.core import settings

    outside_the_window(lambda: settings.AppSettings(ws.db.sessions).set(setting, value))
