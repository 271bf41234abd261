"""Consent in the window: the profile's chip after recording, renewing, withdrawing; the dialog's
record form and undo; the list's Consent column; Edit ▸ Privacy…"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QSpinBox, QWidget

from talentdesk.core import settings
from talentdesk.core.candidate_list import SortColumn
from talentdesk.core.db.enums import ConsentPurpose, LegalBasis
from talentdesk.core.privacy.consent_state import ConsentState
from talentdesk.core.records import CandidateRecord
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.models.candidate_table import COLUMNS
from talentdesk.ui.privacy.consent_dialog import ConsentDialog
from talentdesk.ui.privacy.consent_form import ConsentForm
from talentdesk.ui.privacy.settings_dialog import PrivacySettingsDialog
from tests.conftest import START
from tests.ui.conftest import ModalDriver, outside_the_window


def person(ws, first: str = "Zofia") -> int:  # type: ignore[no-untyped-def]
    return outside_the_window(
        lambda: ws.candidates.create(CandidateRecord(first, "Nowak", email=f"{first}@example.org"))
    )


def open_chip(qtbot, window: MainWindow, candidate_id: int):  # type: ignore[no-untyped-def]
    window.open_candidate(candidate_id)
    chip = window.candidate_pane.consent_chip
    qtbot.waitUntil(chip.isVisible)
    return chip


def test_the_chip_follows_recording_and_withdrawing(qtbot, ws, open_window, settle) -> None:
    pid = person(ws)
    window = open_window()
    chip = open_chip(qtbot, window, pid)
    assert chip.text() == "Consent: none"

    outside_the_window(
        lambda: ws.consent.record(
            pid, LegalBasis.CONSENT, expires_at=START + timedelta(days=12), source="Fair"
        )
    )
    qtbot.waitUntil(lambda: chip.text() == "Consent: expiring in 12 days")
    assert "Source: Fair" in chip.toolTip()

    dialog = chip.open_dialog()
    assert isinstance(dialog, ConsentDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.state.text() == "Consent: expiring in 12 days"

    def confirm(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Yes).click()

    ModalDriver(qtbot).run(dialog.withdraw_button.click, confirm)
    settle(window)
    qtbot.waitUntil(lambda: chip.text() == "Consent: withdrawn")
    assert dialog.state.text() == "Consent: withdrawn"
    assert ws.consent.summary(pid).state is ConsentState.WITHDRAWN
    dialog.reject()
    qtbot.waitUntil(lambda: chip.dialog is None)
    window.consent_action.trigger()  # Candidate ▸ Consent… opens it again
    qtbot.waitUntil(lambda: chip.dialog is not None and chip.dialog.isVisible())
    chip.dialog.reject()


def test_recording_in_the_form_and_undo(qtbot, ws, open_window, settle) -> None:
    pid = person(ws)
    window = open_window()
    chip = open_chip(qtbot, window, pid)
    chip.setFocus()
    qtbot.keyClick(chip, Qt.Key.Key_Space)  # keyboard: the chip opens the dialog
    qtbot.waitUntil(lambda: chip.dialog is not None and chip.dialog.isVisible())
    dialog = chip.dialog
    assert dialog is not None
    assert not dialog.renew_button.isEnabled()  # nothing to renew yet

    def fill(form: QWidget) -> None:
        assert isinstance(form, ConsentForm)
        assert form.ends.value() == (START + timedelta(days=731)).date()  # consent: 24 months
        form.basis.setCurrentIndex(form.basis.findData(LegalBasis.LEGITIMATE_INTEREST.value))
        form.purpose.setCurrentIndex(form.purpose.findData(ConsentPurpose.NEWSLETTER.value))
        form.source.setText("LinkedIn")
        form.evidence.setText("call note")
        form.accept()

    ModalDriver(qtbot).run(dialog.record_button.click, fill)
    settle(window)
    qtbot.waitUntil(lambda: chip.text() == "Consent: valid")
    assert dialog.history.topLevelItemCount() == 1
    row = dialog.history.topLevelItem(0)
    assert row is not None
    assert (row.text(1), row.text(2), row.text(5)) == (
        "Legitimate interest",
        "Newsletter",
        "LinkedIn",
    )

    dialog.notice_button.click()
    settle(window)
    qtbot.waitUntil(lambda: "Information notice sent" in chip.toolTip())

    window.undo_action.trigger()  # the notice
    settle(window)
    qtbot.waitUntil(lambda: "No notice sent yet" in chip.toolTip())
    assert dialog.history.topLevelItemCount() == 1
    dialog.reject()  # closed: Undo still takes the record back
    qtbot.waitUntil(lambda: chip.dialog is None)
    window.undo_action.trigger()  # the record
    settle(window)
    qtbot.waitUntil(lambda: chip.text() == "Consent: none")
    window.redo_action.trigger()
    settle(window)
    qtbot.waitUntil(lambda: chip.text() == "Consent: valid")


def test_the_list_shows_a_consent_column(qtbot, ws, open_window, settle) -> None:
    pid = person(ws)
    person(ws, "Adam")
    outside_the_window(lambda: ws.consent.record(pid, LegalBasis.CONSENT))
    window = open_window()
    keys = [c for c, _ in COLUMNS]
    column = keys.index(SortColumn.CONSENT)
    table = window.list_pane.table
    assert table.isColumnHidden(column)  # ticked on from the header's menu
    window.columns.set_shown(SortColumn.CONSENT.value, True)
    assert not table.isColumnHidden(column)
    model = table.model()
    shown = {
        model.index(r, 0).data(): model.index(r, column).data() for r in range(model.rowCount())
    }
    assert shown == {"Zofia Nowak": "valid", "Adam Nowak": "none"}
    outside_the_window(lambda: ws.consent.withdraw(pid))
    settle(window)

    def column_words() -> list[str]:
        return [model.index(r, column).data() for r in range(model.rowCount())]

    qtbot.waitUntil(lambda: sorted(column_words()) == ["none", "withdrawn"])


def test_privacy_settings_store_the_consent_defaults(qtbot, ws, open_window) -> None:
    window = open_window()
    window.privacy_action.trigger()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), PrivacySettingsDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, PrivacySettingsDialog)
    months = dialog.findChild(QSpinBox, settings.CONSENT_MONTHS_CONSENT.key)
    assert months is not None and months.value() == 24
    never = dialog.findChild(QSpinBox, settings.CONSENT_MONTHS_LEGAL_OBLIGATION.key)
    assert never is not None and never.text() == "No end"
    months.setValue(12)
    dialog.accept()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)  # closed once stored
    assert ws.settings_store().get(settings.CONSENT_MONTHS_CONSENT) == 12


def test_read_only_shows_consent_but_changes_nothing(qtbot, ws, open_window) -> None:
    pid = person(ws)
    outside_the_window(lambda: ws.consent.record(pid, LegalBasis.CONSENT))
    window = open_window()
    chip = open_chip(qtbot, window, pid)
    window.candidate_pane.set_read_only("Read-only: a test")
    dialog = chip.open_dialog()
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.state.text() == "Consent: valid"
    buttons = (dialog.record_button, dialog.renew_button, dialog.withdraw_button,
               dialog.notice_button, dialog.edit_button, dialog.delete_button)  # fmt: skip
    assert not any(b.isEnabled() for b in buttons)
    dialog.reject()


def test_editing_a_record_keeps_its_dates_and_undoes(qtbot, ws, open_window, settle) -> None:
    pid = person(ws)
    given = START - timedelta(days=100)
    outside_the_window(lambda: ws.consent.record(pid, LegalBasis.CONSENT, given_at=given))
    window = open_window()
    chip = open_chip(qtbot, window, pid)
    dialog = chip.open_dialog()
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)

    def change_source(form: QWidget) -> None:
        assert isinstance(form, ConsentForm)
        form.source.setText("Fair 2026")
        form.accept()

    ModalDriver(qtbot).run(dialog.edit_button.click, change_source)
    settle(window)
    qtbot.waitUntil(lambda: "Source: Fair 2026" in chip.toolTip())
    latest = ws.consent.summary(pid).latest
    assert latest is not None and latest.given_at == given  # the day left alone: as it was
    window.undo_action.trigger()
    settle(window)
    qtbot.waitUntil(lambda: "Source:" not in chip.toolTip())
    dialog.reject()
