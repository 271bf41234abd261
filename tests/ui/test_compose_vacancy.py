"""Composing with a vacancy: the compose dialog's vacancy choice fills in {{ vacancy.title }}
and friends; without one, a template that needs it skips everyone, as before."""

from __future__ import annotations

from talentdesk.core import settings
from talentdesk.core.mail.account import MAIL_ACCOUNT, MailAccount, Security
from talentdesk.core.vacancies.records import VacancyRecord
from talentdesk.ui.mail.compose_dialog import ROLE_TEMPLATE, ComposeDialog
from tests.ui.conftest import outside_the_window

ACCOUNT = MailAccount(
    host="smtp.example.com",
    port=587,
    security=Security.STARTTLS,
    username="sam",
    sender_address="sam@example.com",
    sender_name="Sam Recruiter",
)


def set_up_account(ws) -> None:
    outside_the_window(lambda: settings.AppSettings(ws.db.sessions).set(MAIL_ACCOUNT, ACCOUNT))


def test_choosing_a_vacancy_renders_it_in_the_preview(qtbot, ws, add_candidate, open_window):
    set_up_account(ws)
    anna = add_candidate("Anna", "Kowalska", email="anna@example.com", title="Engineer")
    backend = outside_the_window(
        lambda: ws.vacancies.create(
            VacancyRecord(title="Backend Developer", company="Acme", location="Berlin")
        )
    )
    window = open_window()
    window.open_candidate(anna)
    dialog = window.mail_ui.email_candidate()
    assert isinstance(dialog, ComposeDialog)
    qtbot.addWidget(dialog)
    assert dialog.vacancy.currentText() == "No vacancy"
    assert [dialog.vacancy.itemText(i) for i in range(dialog.vacancy.count())] == [
        "No vacancy",
        "Backend Developer · Acme",
    ]
    assert dialog.choose_template_like(ROLE_TEMPLATE)
    assert dialog.template.currentText() == "Role that fits you"
    # No vacancy: the template cannot be filled in, and Anna is skipped saying why.
    qtbot.waitUntil(lambda: dialog.skipped.count() == 1)
    assert "vacancy" in dialog.skipped.item(0).text()

    dialog.vacancy.setCurrentIndex(dialog.vacancy.findData(backend))
    qtbot.waitUntil(lambda: "Backend Developer" in dialog.preview.toPlainText())
    preview = dialog.preview.toPlainText()
    assert "Subject: Backend Developer: a role that fits you" in preview
    assert "I am working on a Backend Developer role" in preview
    assert dialog.skipped.count() == 0
    dialog.reject()


def test_compose_opened_for_a_vacancy_has_it_chosen(qtbot, ws, add_candidate, open_window):
    set_up_account(ws)
    anna = add_candidate("Anna", "Kowalska", email="anna@example.com")
    backend = outside_the_window(
        lambda: ws.vacancies.create(VacancyRecord(title="Backend Developer"))
    )
    window = open_window()
    dialog = window.mail_ui.compose([anna], vacancy_id=backend)
    assert isinstance(dialog, ComposeDialog)
    qtbot.addWidget(dialog)
    assert dialog.vacancy.currentData() == backend
    dialog.choose_template("Feedback after interview")
    qtbot.waitUntil(
        lambda: "Subject: Your interview for Backend Developer" in dialog.preview.toPlainText()
    )
    dialog.reject()
