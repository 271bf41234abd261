"""Ways into the import wizard, driven like a user: dropping a CSV file on the window (and other
drops refused), Ctrl+I, and the empty pool's offer."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from talentdesk.ui.import_wizard.wizard import ImportWizard
from talentdesk.ui.main_window import MainWindow
from tests.ui.import_wizard_helpers import DATA, NEXT


def drag_events(path: Path) -> tuple[QDragEnterEvent, QDropEvent, QMimeData]:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    action = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        QPoint(200, 200), action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0)
    )
    drop = QDropEvent(
        QPoint(200, 200), action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0)
    )
    return enter, drop, mime


def test_dropping_a_csv_file_on_the_window_opens_the_wizard_on_it(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    enter, drop, _mime = drag_events(DATA / "google_contacts.csv")
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, drop)
    wizard = window.findChild(ImportWizard)
    assert wizard is not None and wizard.isVisible()
    assert wizard.file_page.path_edit.text() == str(DATA / "google_contacts.csv")
    assert wizard.button(NEXT).isEnabled()
    wizard.next()
    assert wizard.mapping_page.preset.currentData() == "google"
    wizard.reject()


@pytest.mark.parametrize("name", ["photo.png", "two"])
def test_other_drops_are_refused(qtbot, window: MainWindow, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"x")
    enter, _drop, mime = drag_events(path)
    if name == "two":
        mime.setUrls([QUrl.fromLocalFile(str(DATA / "empty.csv"))] * 2)
    enter.setAccepted(False)
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


def test_ctrl_i_opens_the_wizard(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    wizard = window.findChild(ImportWizard)
    assert wizard is not None and wizard.isVisible()
    assert wizard.currentPage() is wizard.file_page
    assert not wizard.button(NEXT).isEnabled()
    wizard.reject()


def test_the_empty_pool_offers_an_import(qtbot, window: MainWindow) -> None:
    button = window.list_pane.import_button
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wizard = window.findChild(ImportWizard)
    assert wizard is not None and wizard.isVisible()
    wizard.reject()
