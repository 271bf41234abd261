"""The Connect dialog's "Your name": who this recruiter is on the team database, remembered
with the connection (never the password) and shown again next time."""

from __future__ import annotations

import pytest

from talentdesk.core.mail.credentials import Credentials
from talentdesk.core.team.connection import TlsMode
from talentdesk.core.team.remembered import remembered_file, remembered_user_name
from talentdesk.ui.team.connect_dialog import TeamConnectDialog
from tests.ui.test_team_connect_ui import _fill, team_keyring  # noqa: F401


@pytest.fixture(autouse=True)
def _login(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.setenv(name, "akowalska")


def _open(qtbot) -> TeamConnectDialog:
    d = TeamConnectDialog(Credentials())
    qtbot.addWidget(d)
    d.show()
    return d


@pytest.mark.usefixtures("team_keyring")
def test_the_name_given_is_remembered_and_shown_again(qtbot) -> None:
    d = _open(qtbot)
    assert d.your_name.text() == "" and d.your_name.placeholderText() == "akowalska"
    _fill(d, "db.example.com", 5432, "talent", TlsMode.VERIFY_FULL)
    d.password.setText("team secret 7")
    d.your_name.setText("  Anna   Kowalska ")
    d.save_button.click()
    qtbot.waitUntil(lambda: not d.isVisible())
    assert remembered_user_name() == "Anna Kowalska"
    assert "team secret" not in remembered_file().read_text()
    again = _open(qtbot)
    assert again.your_name.text() == "Anna Kowalska"


@pytest.mark.usefixtures("team_keyring")
def test_an_empty_name_is_the_login_and_a_long_one_is_refused(qtbot) -> None:
    d = _open(qtbot)
    _fill(d, "db.example.com", 5432, "talent", TlsMode.VERIFY_FULL)
    d.your_name.setText("x" * 101)
    d.save_button.click()
    assert d.isVisible() and d.errors.text() == "Your name: at most 100 characters"
    d.your_name.setText("")
    d.save_button.click()
    qtbot.waitUntil(lambda: not d.isVisible())
    assert remembered_user_name() == "akowalska"
