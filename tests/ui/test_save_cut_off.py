"""A save whose COMMIT is cut off (issue 18, "the server goes away"), in the window: through a
proxy that cuts the connection at COMMIT (tests/pg_proxy.py) to a real PostgreSQL server."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from talentdesk.ui.errors import install_excepthooks
from talentdesk.ui.main_window import MainWindow
from tests.conftest import TravelClock
from tests.pg_proxy import CommitCutter
from tests.ui.window_driver import click_row, sql, type_into

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def cutter(pg_url: str) -> Iterator[CommitCutter]:
    proxy = CommitCutter(pg_url)
    yield proxy
    proxy.close()


@pytest.fixture
def paths(tmp_path: Path, cutter: CommitCutter) -> AppPaths:
    return AppPaths(tmp_path / "desk").with_database_url(cutter.url_text())


@pytest.fixture
def ws(paths: AppPaths, clock: TravelClock) -> Iterator[Workspace]:
    workspace = Workspace.open(paths, clock, tz=UTC)
    yield workspace
    workspace.close()


@pytest.fixture
def app_error_boundary(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's error boundary (ui/errors.py), as in test_server_away_banner.py."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    install_excepthooks()


def _dialogs(window: MainWindow) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


@pytest.mark.qt_no_exception_capture
@pytest.mark.usefixtures("app_error_boundary")
def test_a_save_cut_off_at_commit_says_maybe_and_then_what_happened(
    qtbot, ws: Workspace, cutter: CommitCutter, open_window, settle
) -> None:
    ws.candidates.create(CandidateRecord("Anna", "Berg", "anna@x.example", city="Berlin"))
    window = open_window()
    settle(window)
    click_row(qtbot, window, "Anna Berg")
    pane = window.candidate_pane
    qtbot.waitUntil(lambda: pane.name_label.text() == "Anna Berg")
    banner = window.team_ui.server_away.banner  # type: ignore[union-attr]
    city = pane.form.inputs["city"]
    city.clear()
    type_into(qtbot, city, "Poznan")

    cutter.refusing = True  # the server looks away once the COMMIT is cut off
    cutter.cut_next_commit("before")  # it never arrives: not saved
    qtbot.mouseClick(pane.save_button, LEFT)
    qtbot.waitUntil(banner.isVisible, timeout=30_000)
    settle(window)
    assert pane.banner.text().startswith("Maybe saved:")  # not "nothing was written"
    assert pane.dirty and city.text() == "Poznan" and _dialogs(window) == []

    cutter.refusing = False
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=60_000)
    assert str(sql(ws, "SELECT city FROM candidate")[0][0]) == "Berlin"
    assert pane.banner.text() == "Not saved yet: the team database is back. Press Save."
    qtbot.mouseClick(pane.save_button, LEFT)
    settle(window)
    qtbot.waitUntil(lambda: not pane.dirty)
    assert str(sql(ws, "SELECT city FROM candidate")[0][0]) == "Poznan"
