"""Compose "a role that fits you" from the Matching tab: through the main window's e-mail
(its outbox sends what is queued) when the tab is in it, else with a compose dialog of its
own (the tab shown on its own)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QWidget

from talentdesk.core.workspace import Workspace
from talentdesk.ui.events import Events
from talentdesk.ui.mail.compose_dialog import ROLE_TEMPLATE, ComposeDialog
from talentdesk.ui.mail.window_mail import WindowMail

NO_ACCOUNT = "Set up your e-mail account first (E-mail → E-mail account…)."


def compose_for_vacancy(
    tab: QWidget,
    ws: Workspace,
    events: Events,
    ids: list[int],
    vacancy_id: int,
    say: Callable[[str], None],
) -> QDialog | None:
    mail_ui = getattr(tab.window(), "mail_ui", None)
    if isinstance(mail_ui, WindowMail):
        dialog = mail_ui.compose(ids, vacancy_id=vacancy_id)
    else:
        from talentdesk.ui.mail.services import MailServices

        services = MailServices(ws, events.ops)
        account = services.account()
        if account is None:
            say(NO_ACCOUNT)
            return None
        dialog = ComposeDialog(services, account, ids, None, tab, vacancy_id=vacancy_id)
        dialog.queued.connect(lambda count: say(f"{count:,} message(s) queued in the outbox."))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
    if dialog is not None:
        dialog.choose_template_like(ROLE_TEMPLATE)
    return dialog
