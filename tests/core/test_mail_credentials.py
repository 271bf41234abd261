"""The password: kept by a keyring backend, or in memory only when the keyring cannot keep it,
and never written to the data folder or a log."""

from __future__ import annotations

import logging
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.backends import fail, null
from keyring.errors import KeyringLocked, PasswordDeleteError

from talentdesk.core import settings
from talentdesk.core.mail.account import MAIL_ACCOUNT, MailAccount, Security
from talentdesk.core.mail.credentials import SERVICE, Credentials
from talentdesk.core.workspace import Workspace
from talentdesk.log import setup_logging
from tests.conftest import session_outside

SECRET = "pässwörd-Ω-7f3a9c"


class MemoryKeyring(KeyringBackend):
    """A test double of the OS keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}
        self.locked = False

    def get_password(self, service: str, username: str) -> str | None:
        if self.locked:
            raise KeyringLocked("the collection is locked")
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.locked:
            raise KeyringLocked("the collection is locked")
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError("no such password")


def test_stored_read_and_deleted_in_the_keyring() -> None:
    backend = MemoryKeyring()
    credentials = Credentials(backend)
    assert credentials.status.usable and "MemoryKeyring" in credentials.status.backend
    assert credentials.set("me@smtp:587", SECRET) is True
    assert backend.entries == {(SERVICE, "me@smtp:587"): SECRET}
    assert Credentials(backend).get("me@smtp:587") == SECRET
    credentials.delete("me@smtp:587")
    assert credentials.get("me@smtp:587") is None
    credentials.delete("me@smtp:587")  # already gone: fine


def test_fail_and_null_backends_keep_it_for_the_session_only() -> None:
    for backend in (fail.Keyring(), null.Keyring()):
        credentials = Credentials(backend)
        assert not credentials.status.usable
        assert "no system keyring" in credentials.status.reason
        assert credentials.set("me", SECRET) is False
        assert credentials.get("me") == SECRET
        assert Credentials(backend).get("me") is None  # a new session asks again


def test_a_locked_keyring_falls_back_to_memory_and_says_why() -> None:
    backend = MemoryKeyring()
    backend.locked = True
    credentials = Credentials(backend)
    assert credentials.set("me", SECRET) is False
    assert not credentials.status.usable and "locked" in credentials.status.reason
    assert credentials.get("me") == SECRET
    assert backend.entries == {}


def test_the_password_is_in_no_file_of_the_data_folder_and_no_log(
    ws: Workspace, tmp_path: Path
) -> None:
    setup_logging(ws.paths.logs, verbose=True)
    account = MailAccount(
        "smtp.example.com", 587, Security.STARTTLS, "anna", "anna@example.com", "Anna"
    )
    with session_outside(ws.paths.database) as session:
        settings.write(session, MAIL_ACCOUNT, account)
    credentials = Credentials(MemoryKeyring())
    credentials.set(account.keyring_user, SECRET)
    locked = MemoryKeyring()
    locked.locked = True
    Credentials(locked).set(account.keyring_user, SECRET)  # logs a warning, not the password
    logging.getLogger().handlers[-1].flush()
    with ws.db.sessions() as session:
        assert settings.read(session, MAIL_ACCOUNT) == account.validated()
    ws.close()
    files = [p for p in ws.paths.data_dir.rglob("*") if p.is_file()]
    assert any(p.suffix == ".log" for p in files)
    assert any(p.name.endswith(".sqlite3") for p in files)
    for path in files:
        content = path.read_bytes()
        for encoding in ("utf-8", "utf-16-le", "latin-1"):
            assert SECRET.encode(encoding, "replace") not in content, path
