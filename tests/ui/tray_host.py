"""A real tray host for the tray tests: Debian's `trayer` started on the X screen scripts/test
provides (none on the offscreen platform, where the tray tests skip), fixtures with and without
it, and the reminders started on the window as the app starts them."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from talentdesk.ui.app import start_reminders
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.scheduler import ReminderScheduler
from talentdesk.ui.tray import TrayNotifier

HOST_TIMEOUT_S = 10


class TrayHost:
    """`trayer` owning the X screen's system tray selection while the tray tests need it."""

    def __init__(self, app: QApplication) -> None:
        self._app = app
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        if self._process is None:
            self._process = subprocess.Popen(
                ["trayer", "--edge", "top", "--align", "right", "--height", "32"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        self._wait_for(available=True)

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=HOST_TIMEOUT_S)
            self._process = None
            self._wait_for(available=False)

    def _wait_for(self, *, available: bool) -> None:
        deadline = time.monotonic() + HOST_TIMEOUT_S
        while QSystemTrayIcon.isSystemTrayAvailable() != available:
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"the tray did not become {'' if available else 'un'}available"
                )
            self._app.processEvents()
            time.sleep(0.02)


@pytest.fixture(scope="module")
def tray_host(qapp: QApplication) -> Iterator[TrayHost | None]:
    """The test run's tray host on a real X screen (None on the offscreen platform)."""
    if qapp.platformName() != "xcb":
        yield None
        return
    if shutil.which("trayer") is None:
        pytest.fail("trayer is missing: scripts/bootstrap.sh installs it (Debian package trayer)")
    host = TrayHost(qapp)
    yield host
    host.stop()


@pytest.fixture
def with_tray(tray_host: TrayHost | None) -> None:
    if tray_host is None:
        pytest.skip("the tray needs a real X screen: run scripts/test (xcb under Xvfb)")
    tray_host.start()


@pytest.fixture
def without_tray(tray_host: TrayHost | None) -> None:
    if tray_host is not None:
        tray_host.stop()
    if QSystemTrayIcon.isSystemTrayAvailable():
        pytest.skip("a tray host from outside the test run (a desktop session) is running")


@pytest.fixture
def started(
    qtbot, window: MainWindow
) -> Iterator[Callable[[], tuple[ReminderScheduler, TrayNotifier | None]]]:
    """Start the reminders on the window as the app does once it is shown."""
    schedulers: list[ReminderScheduler] = []

    def start() -> tuple[ReminderScheduler, TrayNotifier | None]:
        scheduler = start_reminders(window)
        schedulers.append(scheduler)
        qtbot.waitUntil(lambda: scheduler.counts is not None)  # the first check has run
        return scheduler, window.tray

    yield start
    if schedulers and window.tray is not None:
        window.quit()  # really close (pytest-qt's close would only hide it to the tray)
    QApplication.setQuitOnLastWindowClosed(True)


def same_icon(a: QIcon, b: QIcon) -> bool:
    return a.pixmap(32, 32).toImage() == b.pixmap(32, 32).toImage()
