"""The close dialog on the real window: outcomes per person, near fits into a pool, the status,
a preview per person; closing is one undoable command and the e-mails stay queued."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import Qt

from talentdesk.core import settings
from talentdesk.core.db.enums import OutboxStatus, StageKind, VacancyStatus
from talentdesk.core.mail.account import MAIL_ACCOUNT
from talentdesk.core.workspace import Workspace
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.vacancies.close_dialog import NEAR_FIT, open_close_dialog
from tests.conftest import TravelClock
from tests.core.test_vacancy_close import ACCOUNT, pipeline, snapshot


def test_close_from_the_dialog_queues_mail_and_undo_reopens_exactly(
    ws: Workspace,
    clock: TravelClock,
    open_window: Callable[[], MainWindow],
    settle: Callable[[MainWindow], None],
    qtbot,
) -> None:
    vacancy_id, app = pipeline(ws, clock)
    java = ws.pools.create("Java pool")
    settings.AppSettings(ws.db.sessions).set(MAIL_ACCOUNT, ACCOUNT)
    before = snapshot(ws)
    window = open_window()

    dialog = open_close_dialog(window, vacancy_id)
    assert dialog is not None and dialog.isVisible()
    table = dialog.table
    names = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert names == ["Cleo Nowak", "Dan Nowak", "Ben Nowak", "Anna Nowak"]
    assert table.item(0, 4).text() == "do not contact" and table.item(1, 4).text() == "no address"
    assert [b.currentData() for b in dialog.outcome_boxes] == [StageKind.REJECTED] * 3 + [
        StageKind.HIRED
    ]
    assert dialog.status() is VacancyStatus.FILLED

    # Set all to "Not a fit", then Anna hired and Dan declined again; Ben is a near fit.
    dialog.set_all.setCurrentIndex(dialog.set_all.findData(StageKind.WITHDRAWN))
    dialog.set_all.activated.emit(dialog.set_all.currentIndex())
    assert {b.currentData() for b in dialog.outcome_boxes} == {StageKind.WITHDRAWN}
    assert dialog.status() is VacancyStatus.CLOSED
    rows = {name: row for row, name in enumerate(names)}
    boxes = dialog.outcome_boxes
    boxes[rows["Anna Nowak"]].setCurrentIndex(boxes[0].findData(StageKind.HIRED))
    boxes[rows["Ben Nowak"]].setCurrentIndex(boxes[0].findData(StageKind.REJECTED))
    boxes[rows["Dan Nowak"]].setCurrentIndex(boxes[0].findData(StageKind.DECLINED))
    assert dialog.status() is VacancyStatus.FILLED
    table.item(rows["Ben Nowak"], NEAR_FIT).setCheckState(Qt.CheckState.Checked)
    dialog.pool.setCurrentIndex(dialog.pool.findData(java))
    assert dialog.stage.count() > 1

    # The preview: Ben's feedback rendered with the role's title; Dan and Cleo get none.
    dialog.preview_of.setCurrentIndex(dialog.preview_of.findData(StageKind.REJECTED))
    assert dialog.preview is not None
    text = dialog.preview.preview.toPlainText()
    assert "To: Ben Nowak <ben@example.com>" in text
    assert "Subject: Your interview for Backend Developer" in text
    dialog.preview_of.setCurrentIndex(dialog.preview_of.findData(StageKind.DECLINED))
    assert dialog.preview.recipient.text() == "Nobody to e-mail"
    assert "Dan Nowak — no e-mail address" in [
        dialog.preview.skipped.item(i).text() for i in range(dialog.preview.skipped.count())
    ]

    # A click on a person shows their message.
    dialog.table.setCurrentCell(rows["Anna Nowak"], 0)
    assert dialog.preview_of.currentData() == StageKind.HIRED
    assert "To: Anna Nowak <anna@example.com>" in dialog.preview.preview.toPlainText()
    assert "Subject: Congratulations on the Backend Developer role" in (
        dialog.preview.preview.toPlainText()
    )

    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "queued" in window.statusBar().currentMessage())
    settle(window)
    assert (
        window.statusBar()
        .currentMessage()
        .startswith(
            "Closed Backend Developer: 1 hired, 3 told · 2 e-mails queued · "
            "2 not e-mailed (do not contact or no address) · 1 near fit in Java pool"
        )
    )
    board = ws.vacancies.board(vacancy_id)
    kinds = {s.id: s.kind for s in board.stages}
    assert {c.name: kinds[c.stage_id] for c in board.cards}["Dan Nowak"] is StageKind.DECLINED
    assert ws.vacancies.get(vacancy_id).status is VacancyStatus.FILLED
    ben = next(c.candidate_id for c in board.cards if c.application_id == app["Ben"])
    assert [(m.pool_name, m.near_fit) for m in ws.pools.memberships(ben)] == [("Java pool", True)]
    outbox = ws.outbox()
    assert outbox.counts()[OutboxStatus.QUEUED] == 2

    window.undo_stack.undo()
    qtbot.waitUntil(lambda: "Reopened" in window.statusBar().currentMessage())
    settle(window)
    assert window.statusBar().currentMessage() == (
        "Reopened Backend Developer; the e-mails stay in the outbox."
    )
    assert snapshot(ws) == before
    assert outbox.counts()[OutboxStatus.QUEUED] == 2

    window.undo_stack.redo()  # closes again, without queueing the e-mails twice
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Closed"))
    settle(window)
    assert ws.vacancies.get(vacancy_id).status is VacancyStatus.FILLED
    assert outbox.counts()[OutboxStatus.QUEUED] == 2


def test_without_a_mail_account_it_closes_and_a_closed_role_is_not_offered_again(
    ws: Workspace,
    clock: TravelClock,
    open_window: Callable[[], MainWindow],
    settle: Callable[[MainWindow], None],
    qtbot,
) -> None:
    vacancy_id, _ = pipeline(ws, clock)
    clock.now += timedelta(hours=1)
    window = open_window()
    dialog = open_close_dialog(window, vacancy_id)
    assert dialog is not None and dialog.preview is None
    dialog.close_button.click()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Closed"))
    settle(window)
    assert window.statusBar().currentMessage() == (
        "Closed Backend Developer: 1 hired, 3 told. Undo with Ctrl+Z."
    )
    assert ws.closing.plan_close(vacancy_id).people == ()
    assert open_close_dialog(window, vacancy_id) is None
    assert window.statusBar().currentMessage() == "Backend Developer is filled already."
