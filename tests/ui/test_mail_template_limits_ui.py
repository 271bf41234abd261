"""A template that is too large or too slow, as the recruiter meets it in the window: the
editor says so and will not save it; compose says so for everyone, or lists the one
recipient it fails for among the skipped."""

from __future__ import annotations

from collections.abc import Callable

from talentdesk.core import settings
from talentdesk.core.mail.account import MAIL_ACCOUNT, MailAccount, Security
from talentdesk.core.workspace import Workspace
from talentdesk.ui.mail.compose_dialog import ComposeDialog
from talentdesk.ui.main_window import MainWindow

TOO_BIG = "the template is too large or too slow to render"
NESTED = "{% for a in range(10**6) %}{% for b in range(10**6) %}x{% endfor %}{% endfor %}"


def test_the_editor_names_the_limit_and_will_not_save(window: MainWindow) -> None:
    dialog = window.mail_ui.open_templates()
    dialog.new_template()
    dialog.name.setText("Loops")
    dialog.subject.setText("Hi {{ first_name }}")
    dialog.body.setPlainText(NESTED)
    assert dialog.problem.text() == (
        f"Body: {TOO_BIG} (tried with sample values): range() of 1,000,000 numbers "
        "(at most 100,000)"
    )
    assert not dialog.save_button.isEnabled()
    dialog.body.setPlainText("Hi {% include 'signature' %}")
    assert "cannot be used in a mail template" in dialog.problem.text()
    assert not dialog.save_button.isEnabled()
    dialog.body.setPlainText("Hi {{ first_name }}")
    assert dialog.problem.text() == ""
    dialog.reject()


def test_compose_says_why_for_everyone_or_per_recipient(
    qtbot,
    open_window: Callable[[], MainWindow],
    add_candidate: Callable[..., int],
    ws: Workspace,
) -> None:
    account = MailAccount(
        "smtp.example.com", 587, Security.STARTTLS, "anna", "anna@example.com", "Anna"
    )
    settings.AppSettings(ws.db.sessions).set(MAIL_ACCOUNT, account.validated())
    anna = add_candidate("Anna", "Kowalska", email="anna@example.com")
    zofia = add_candidate("Zofia", "Nowak", email="zofia@example.com")
    window = open_window()
    dialog = _compose(qtbot, window, [anna, zofia])

    dialog.subject.setText("Hi {{ first_name }}")
    dialog.body.setPlainText("{{ 'x' * 10**9 }}")
    dialog.preview_button.click()
    assert dialog.problem.text().startswith(f"Body: {TOO_BIG} (tried with sample values): ")
    assert not dialog.send_button.isEnabled()

    dialog.body.setPlainText("Hello{% if first_name == 'Zofia' %}{{ '!' * 10**9 }}{% endif %}")
    dialog.preview_button.click()
    assert dialog.problem.text() == ""
    assert [dialog.skipped.item(i).text() for i in range(dialog.skipped.count())] == [
        f"Zofia Nowak — {TOO_BIG} for them: it would make 1,000,000,000 characters of text "
        "(at most 1,000,000)"
    ]
    assert dialog.recipient.text() == "1 of 1: Anna Kowalska"
    assert dialog.send_button.isEnabled()
    dialog.reject()


def _compose(qtbot, window: MainWindow, ids: list[int]) -> ComposeDialog:
    selection = window.list_pane.table.selectionModel()
    for candidate_id in ids:
        row = window.list_pane.model.row_of(candidate_id)
        assert row is not None
        selection.select(
            window.list_pane.model.index(row, 0),
            selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
        )
    window.mail_ui.email_action.trigger()
    dialogs = window.findChildren(ComposeDialog)
    assert len(dialogs) == 1
    qtbot.waitExposed(dialogs[0])
    return dialogs[0]
