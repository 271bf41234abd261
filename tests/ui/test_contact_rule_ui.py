"""Do not contact and withdrawn consent in the window: composing to one such person is
refused, a mailing to many says who is not contacted, the outbox shows a message it did not
send as cancelled with the reason (the real aiosmtpd server receives nothing for them), the
reminders pane marks them, and a reply on the timeline records consent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtWidgets import QMessageBox, QWidget

from talentdesk.core.db.enums import CandidateStatus, ConsentStatus, InteractionKind, ReminderKind
from talentdesk.core.mail.account import MailAccount
from talentdesk.core.workspace import Workspace
from talentdesk.ui.mail.compose_dialog import ComposeDialog
from talentdesk.ui.main_window import MainWindow
from tests.conftest import START
from tests.core.conftest import certificates, smtp_server  # noqa: F401 (fixtures)
from tests.core.privacy_people import consent, withdraw
from tests.mail_server import MailServer
from tests.ui.conftest import outside_the_window, remind
from tests.ui.mail_helpers import (  # noqa: F401 (fixtures)
    SEND_TIMEOUT_MS,
    _compose,
    _queue,
    account,
    configured,
    mail_keyring,
)


def _do_not_contact(ws: Workspace, candidate_id: int) -> None:
    record = ws.candidates.get(candidate_id)
    record.status = CandidateStatus.DO_NOT_CONTACT
    outside_the_window(lambda: ws.candidates.update(candidate_id, record))


def test_composing_to_someone_who_withdrew_is_refused_with_the_reason(
    modal,
    open_window: Callable[[], MainWindow],
    add_candidate: Callable[..., int],
    ws: Workspace,
    configured: MailAccount,  # noqa: F811
) -> None:
    celina = add_candidate("Celina", "Wójcik", email="celina@example.com")
    withdraw(ws, celina)
    window = open_window()
    window.open_candidate(celina)
    said: list[str] = []

    def read(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        said.append(box.text())
        box.accept()

    modal.run(window.candidate_pane.email_button.click, read)
    assert said == ["Celina Wójcik withdrew consent: TalentDesk sends them no e-mail."]
    assert window.findChildren(ComposeDialog) == []


def test_a_mailing_says_who_is_not_contacted_and_the_outbox_cancels_a_withdrawal(
    qtbot,
    open_window: Callable[[], MainWindow],
    add_candidate: Callable[..., int],
    ws: Workspace,
    configured: MailAccount,  # noqa: F811
    smtp_server: MailServer,  # noqa: F811
) -> None:
    anna = add_candidate("Anna", "Kowalska", email="anna@example.com")
    bartek = add_candidate("Bartek", "Nowak", email="bartek@example.com")
    celina = add_candidate("Celina", "Wójcik", email="celina@example.com")
    dawid = add_candidate("Dawid", "Mazur", email="dawid@example.com")
    _do_not_contact(ws, bartek)
    withdraw(ws, celina)
    window = open_window()  # (with nothing queued: the outbox would open at start)
    _queue(ws, configured, [dawid])  # queued before he withdrew, sent after
    withdraw(ws, dawid)
    dialog = _compose(qtbot, window, [anna, bartek, celina])
    dialog.choose_template("Information notice")
    assert dialog.not_contacted.text() == "2 not contacted: do not contact / consent withdrawn"
    assert [dialog.skipped.item(i).text() for i in range(dialog.skipped.count())] == [
        "Bartek Nowak — do not contact",
        "Celina Wójcik — consent withdrawn",
    ]

    dialog.send_button.click()
    qtbot.waitUntil(lambda: window.mail_ui.outbox_window is not None)
    outbox = window.mail_ui.outbox_window
    assert outbox is not None

    def statuses() -> list[str]:
        return sorted(outbox.table.item(r, 2).text() for r in range(outbox.table.rowCount()))

    qtbot.waitUntil(lambda: outbox.job is None and statuses() == ["cancelled", "sent"],
                    timeout=SEND_TIMEOUT_MS)  # fmt: skip
    assert [r.rcpt_tos for r in smtp_server.mailbox.received] == [["anna@example.com"]]
    assert outbox.status.text() == (
        "Sent 1, failed 0, 1 not sent: do not contact / consent withdrawn."
    )
    rows = {
        outbox.table.item(r, 0).text(): (
            outbox.table.item(r, 2).text(), outbox.table.item(r, 5).text()
        )
        for r in range(outbox.table.rowCount())
    }  # fmt: skip
    assert rows == {
        "Anna Kowalska <anna@example.com>": ("sent", ""),
        "Dawid Mazur <dawid@example.com>": ("cancelled", "Not sent: consent withdrawn"),
    }
    assert outbox.summary.text() == "1 sent · 1 cancelled"
    dawids = next(
        r for r in range(outbox.table.rowCount()) if "Dawid" in outbox.table.item(r, 0).text()
    )
    outbox.table.selectRow(dawids)  # may be sent again (refused while he may not) or discarded
    assert outbox.send_again_button.isEnabled() and outbox.discard_button.isEnabled()
    assert not outbox.mark_sent_button.isEnabled()
    noted = ws.reader.execute("SELECT notice_sent_at FROM consent WHERE candidate_id = ?",
                              (anna,)).fetchall()  # fmt: skip
    assert len(noted) == 1 and noted[0][0] is not None  # the notice template was sent


def test_the_reminders_pane_marks_people_who_may_not_be_contacted(
    qtbot,
    open_window: Callable[[], MainWindow],
    add_candidate: Callable[..., int],
    ws: Workspace,
) -> None:
    bartek = add_candidate("Bartek", "Nowak", email="bartek@example.com")
    remind(ws, bartek, START + timedelta(hours=1), ReminderKind.CHECK_IN, "Ask about Q1")
    _do_not_contact(ws, bartek)
    window = open_window()
    tree = window.reminders_pane.tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() > 0)
    texts = [
        tree.topLevelItem(g).child(i).text(2)
        for g in range(tree.topLevelItemCount())
        for i in range(tree.topLevelItem(g).childCount())
    ]
    assert texts == ["⛔ Do not contact · Check in: Ask about Q1"]


def test_record_consent_from_a_reply_on_the_timeline(
    qtbot,
    open_window: Callable[[], MainWindow],
    add_candidate: Callable[..., int],
    ws: Workspace,
    settle,
) -> None:
    anna = add_candidate("Anna", "Kowalska", email="anna@example.com")
    consent(ws, anna, ConsentStatus.GIVEN, expires_at=START + timedelta(days=10))
    outside_the_window(
        lambda: ws.interactions.log(anna, InteractionKind.CALL, START - timedelta(days=1), "Hi")
    )
    reply = outside_the_window(
        lambda: ws.outbox().log_reply(anna, START - timedelta(hours=1), "Re: keep?", "Yes")
    )
    window = open_window()
    window.open_candidate(anna)
    pane = window.candidate_pane
    action = pane.record_consent_action
    assert pane.timeline.item(0).text().startswith("E-mail received")
    pane.timeline.setCurrentRow(1)  # the call
    assert not action.isEnabled()
    pane.timeline.setCurrentRow(0)
    assert action.isEnabled() and action in pane.timeline.actions()
    action.trigger()
    settle(window)
    rows = ws.reader.execute(
        "SELECT status, evidence_interaction_id FROM consent WHERE candidate_id = ? ORDER BY id",
        (anna,),
    ).fetchall()
    assert rows == [("given", None), ("given", reply)]


def test_the_renewal_lead_time_is_a_setting(qtbot, window: MainWindow, ws: Workspace) -> None:
    from talentdesk.core import settings
    from talentdesk.ui.dialogs.settings_dialog import SettingsDialog

    window.settings_action.trigger()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.renewal_days.value() == 30
    dialog.renewal_days.setValue(45)
    with qtbot.waitSignal(dialog.accepted):
        dialog.accept()
    assert settings.read(ws.reader, settings.CONSENT_RENEWAL_DAYS_BEFORE) == 45


def test_the_expiring_soon_window_is_a_setting(qtbot, window: MainWindow, ws: Workspace) -> None:
    from talentdesk.core import settings
    from talentdesk.ui.dialogs.settings_dialog import SettingsDialog

    window.settings_action.trigger()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.expiring_days.value() == 30
    assert "expiring" in dialog.expiring_days.toolTip()
    dialog.expiring_days.setValue(60)
    with qtbot.waitSignal(dialog.accepted):
        dialog.accept()
    assert settings.read(ws.reader, settings.CONSENT_EXPIRING_DAYS) == 60
