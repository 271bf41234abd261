"""What works on a pool works on a saved list: exporting it and e-mailing everyone in it get
the list's people."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from talentdesk.core.mail.account import MailAccount
from talentdesk.ui.dialogs.export_dialog import ExportDialog, Scope
from talentdesk.ui.mail.compose_dialog import ComposeDialog
from talentdesk.ui.main_window import MainWindow
from tests.conftest import START
from tests.core.conftest import certificates, smtp_server  # noqa: F401 (fixtures)
from tests.ui.mail_helpers import account, configured, mail_keyring  # noqa: F401 (fixtures)
from tests.ui.test_export_dialog import export, read_csv, set_path, tick_only
from tests.ui.test_smart_lists import (  # noqa: F401 (the people fixture)
    click_list,
    people,
    shown_names,
    with_lists,
)


def test_exporting_a_list_writes_the_list_s_people(
    qtbot,
    open_window: Callable[[], MainWindow],
    people: dict[str, int],  # noqa: F811
    tmp_path: Path,
) -> None:
    window = with_lists(qtbot, open_window())
    click_list(qtbot, window, "Silver")  # nobody: then the near-fits
    click_list(qtbot, window, "Near-fits")
    qtbot.waitUntil(lambda: shown_names(window) == ["Anna Kowalska"])

    window.pool_pane.lists.export_action.trigger()  # the list's right-click menu, Lists menu
    dialog = window.findChild(ExportDialog)
    assert dialog is not None
    assert dialog.scope() is Scope.LIST
    assert dialog.list_scope.text() == "Current list: Near-fits (1)"
    assert Path(dialog.path_edit.text()).name == f"talentdesk-near-fits-{START.date()}.csv"
    tick_only(dialog, ["First name", "Last name"])
    set_path(qtbot, dialog, tmp_path / "near-fits.csv")
    rows, path = export(qtbot, dialog)

    assert rows == 1
    assert read_csv(path) == [["First name", "Last name"], ["Anna", "Kowalska"]]


def test_e_mailing_everyone_in_a_list_addresses_the_list_s_people(
    qtbot,
    open_window: Callable[[], MainWindow],
    people: dict[str, int],  # noqa: F811
    configured: MailAccount,  # noqa: F811
) -> None:
    window = with_lists(qtbot, open_window())
    click_list(qtbot, window, "No contact in 6 months")
    qtbot.waitUntil(lambda: shown_names(window) == ["Jan Nowak"])

    for action in (window.mail_ui.email_list_action, window.mail_ui.email_pool_action):
        action.trigger()
        dialogs = window.findChildren(ComposeDialog)
        assert len(dialogs) == 1
        dialog = dialogs[0]
        assert dialog.windowTitle() == "E-mail 1 candidate"
        qtbot.keyClicks(dialog.subject, "Coffee?")
        qtbot.keyClicks(dialog.body, "Hi {{ first_name }}")
        qtbot.waitUntil(lambda d=dialog: d.plan is not None and len(d.plan.drafts) == 1)
        assert [d.to_address for d in dialog.plan.drafts] == ["j@example.com"]
        dialog.reject()
        dialog.deleteLater()
        qtbot.waitUntil(lambda: not window.findChildren(ComposeDialog))
