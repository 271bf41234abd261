"""The outbox window says whose each message is when the database has several recruiters (each
message leaves from its queuer's account), and a colleague's queued message is left for them."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import text

from talentdesk.core.db.enums import OutboxStatus
from talentdesk.core.mail.account import MailAccount
from talentdesk.core.workspace import Workspace
from talentdesk.ui.mail import outbox_layout
from talentdesk.ui.main_window import MainWindow
from tests.conftest import session_outside
from tests.core.conftest import certificates, smtp_server  # noqa: F401 (fixtures)
from tests.mail_server import MailServer
from tests.ui.conftest import outside_the_window
from tests.ui.mail_helpers import SEND_TIMEOUT_MS, _queue, account, configured, mail_keyring

__all__ = ["account", "configured", "mail_keyring"]  # the fixtures, used by name


def _column(window: MainWindow, column: int) -> list[str]:
    outbox = window.mail_ui.outbox_window
    assert outbox is not None
    return [outbox.table.item(row, column).text() for row in range(outbox.table.rowCount())]


def test_a_single_users_outbox_has_no_queued_by_column(
    qtbot,
    open_window: Callable[[], MainWindow],
    add_candidate: Callable[..., int],
    ws: Workspace,
    configured: MailAccount,
) -> None:
    window = open_window()
    outbox = window.mail_ui.open_outbox()
    assert outbox.table.isColumnHidden(outbox_layout.QUEUED_BY)


def test_whose_each_message_is_and_a_colleagues_stays_for_them(
    qtbot,
    open_window: Callable[..., MainWindow],
    add_candidate: Callable[..., int],
    ws: Workspace,
    configured: MailAccount,
    smtp_server: MailServer,  # noqa: F811
) -> None:
    anna = add_candidate("Anna", "Kowalska", email="anna@example.com")
    celina = add_candidate("Celina", "Wójcik", email="celina@example.com")
    me = ws.users.current().name
    bob = outside_the_window(lambda: ws.users.find_or_add("Bob"))
    core = _queue(ws, configured, [anna, celina])
    with session_outside(ws.paths.database) as session:  # as Bob's desktop queued it
        session.execute(
            text("UPDATE outbox_message SET queued_by_id = :bob WHERE to_address = :to"),
            {"bob": bob, "to": "celina@example.com"},
        )

    window = open_window(activate=False)  # resumes sending what is this desktop's (its outbox
    # window opens at start and may take the focus)
    qtbot.waitUntil(lambda: core.counts()[OutboxStatus.SENT] == 1, timeout=SEND_TIMEOUT_MS)
    outbox = window.mail_ui.outbox_window
    assert outbox is not None
    qtbot.waitUntil(lambda: outbox.job is None, timeout=SEND_TIMEOUT_MS)
    assert [r.rcpt_tos for r in smtp_server.mailbox.received] == [["anna@example.com"]]
    assert not outbox.table.isColumnHidden(outbox_layout.QUEUED_BY)
    assert outbox_layout.COLUMNS[outbox_layout.QUEUED_BY] == "Queued by"
    qtbot.waitUntil(lambda: _column(window, 2) == ["queued", "sent"])
    assert _column(window, outbox_layout.QUEUED_BY) == ["Bob", me]
