"""The window's privacy actions: a person's data exported off the GUI thread and audited, the
audit log window, who is due for deletion in the list, and the retention policy dialog."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox

from talentdesk.core.db.enums import InteractionKind
from talentdesk.core.lists.periods import months_before
from talentdesk.core.workspace import Workspace
from talentdesk.ui.dialogs.backups_dialog import BackupsDialog
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.privacy.retention_dialog import RetentionDialog
from talentdesk.ui.privacy.subject_access import export_person
from tests.conftest import START, TravelClock
from tests.ui.conftest import outside_the_window


def listed(window: MainWindow) -> list[int]:
    model = window.list_pane.model
    return [model.candidate_id(row) for row in range(model.rowCount())]


def test_a_persons_data_is_exported_in_the_background_and_audited(
    qtbot,
    window: MainWindow,
    ws: Workspace,
    add_candidate: Callable[..., int],
    settle: Callable[[MainWindow], None],
    tmp_path: Path,
) -> None:
    anna = add_candidate("Anna", "Nowak", email="anna@example.com")
    outside_the_window(lambda: ws.interactions.log(anna, InteractionKind.CALL, subject="Intro"))
    add_candidate("Ben", "Lis")
    dest = tmp_path / "anna.zip"

    job = export_person(window, anna, dest)

    assert job is not None
    qtbot.waitUntil(lambda: [e.kind for e in ws.audit.entries()] == ["export"])
    settle(window)
    with zipfile.ZipFile(dest) as zf:
        data = json.loads(zf.read("data.json"))
    assert data["name"] == "Anna Nowak"
    assert [i["subject"] for i in data["tables"]["interaction"]] == ["Intro"]
    assert "Ben" not in json.dumps(data)
    assert window.statusBar().currentMessage().startswith(f"Wrote {dest}")
    # Offered where a person is chosen.
    action = window.privacy_ui.export_person_action
    assert action in window.list_pane.table.actions()
    candidate_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Candidate")
    assert action in candidate_menu.actions()


def test_an_export_that_fails_says_so_and_is_not_audited(
    qtbot, window: MainWindow, ws: Workspace, add_candidate: Callable[..., int]
) -> None:
    anna = add_candidate("Anna", "Nowak")
    inside = ws.paths.data_dir / "anna.zip"  # never into TalentDesk's own folder
    job = export_person(window, anna, inside)
    assert job is not None
    with qtbot.waitSignal(job.failed):
        pass
    assert not inside.exists() and ws.audit.entries() == []


def test_the_audit_log_window_lists_entries_newest_first_and_by_kind(
    qtbot, window: MainWindow, ws: Workspace, clock: TravelClock
) -> None:
    outside_the_window(lambda: ws.audit.record("export", 1, "one person's data"))
    clock.advance(hours=1)
    outside_the_window(lambda: ws.audit.record("erasure", 3))
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert window.privacy_ui.audit_action in help_menu.actions()

    window.privacy_ui.audit_action.trigger()
    log = window.privacy_ui.audit_window
    assert log is not None and log.isVisible()
    table = log.table
    assert [table.item(r, 1).text() for r in range(table.rowCount())] == ["Erased", "Data exported"]
    assert table.item(0, 2).text() == "3"
    assert log.summary.text() == "2 entries"
    log.kind.setCurrentIndex(log.kind.findData("export"))
    assert table.rowCount() == 1 and table.item(0, 3).text() == "one person's data"
    # An operation of the window shows at once.
    window.events.ops.run("test", lambda: ws.audit.record("export", 1))
    qtbot.waitUntil(lambda: table.rowCount() == 2)


def test_due_for_deletion_shows_in_the_list_and_follows_the_policy(
    qtbot,
    window: MainWindow,
    ws: Workspace,
    clock: TravelClock,
    add_candidate: Callable[..., int],
    settle: Callable[[MainWindow], None],
) -> None:
    clock.now = months_before(START, 30)
    old = add_candidate("Olga", "Old")
    clock.now = months_before(START, 12)
    middle = add_candidate("Mira", "Middle")
    clock.now = START
    add_candidate("Yann", "Young")

    window.privacy_ui.due_action.trigger()
    assert window.list_pane.search.text() == "retention:due"
    qtbot.waitUntil(lambda: listed(window) == [old])

    window.privacy_ui.retention_action.trigger()
    dialog = window.findChild(RetentionDialog)
    assert dialog is not None and dialog.group.after_contact["none"].value() == 24
    dialog.group.after_contact["none"].setValue(6)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    settle(window)
    qtbot.waitUntil(lambda: sorted(listed(window)) == sorted([old, middle]))
    assert ws.retention.policy().after_contact["none"] == 6
    assert window.statusBar().currentMessage() == "Retention policy saved."


def test_a_backup_made_by_hand_is_noted_in_the_audit_log(
    qtbot, window: MainWindow, ws: Workspace, add_candidate: Callable[..., int]
) -> None:
    add_candidate("Anna", "Nowak")
    window.backups_action.trigger()
    dialog = window.findChild(BackupsDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.backup_button.click()
    qtbot.waitUntil(
        lambda: [(e.kind, e.detail) for e in ws.audit.entries()] == [("backup", "by hand")]
    )
    dialog.close()
