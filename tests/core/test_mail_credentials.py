"""The password: kept by a keyring backend, or in memory only when the keyring cannot keep it,
and never written to the data folder or a log."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null
from keyring.errors import KeyringLocked, PasswordDeleteError
from keyrings.alt.file import PlaintextKeyring

from talentdesk.core import settings
from talentdesk.core.mail import credentials as credentials_module
from talentdesk.core.mail.account import MAIL_ACCOUNT, MailAccount, Security
from talentdesk.core.mail.credentials import SERVICE, Credentials
from talentdesk.core.workspace import Workspace
from talentdesk.log import setup_logging
from tests.conftest import session_outside

SECRET = "pässwörd-Ω-7f3a9c"
SHIPPED_OS_KEYRINGS = credentials_module.OS_KEYRINGS


class MemoryKeyring(KeyringBackend):
    """A test double of the OS keyring (trusted only where `trust_memory_keyring` says so)."""

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


def trust_memory_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let MemoryKeyring stand in for an OS keyring: add it to the allow-list for one test."""
    name = f"{MemoryKeyring.__module__}.{MemoryKeyring.__qualname__}"
    monkeypatch.setattr(credentials_module, "OS_KEYRINGS", credentials_module.OS_KEYRINGS | {name})


@pytest.fixture(autouse=True)
def _memory_keyring_is_trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    trust_memory_keyring(monkeypatch)


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


@pytest.fixture
def own_log() -> Iterator[None]:
    """The root logger without another test's log file for this test, and as it was after."""
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    for handler in before:
        root.removeHandler(handler)
    yield
    for handler in root.handlers[:]:
        root.removeHandler(handler)
        handler.close()
    for handler in before:
        root.addHandler(handler)
    root.setLevel(level)


def test_the_password_is_in_no_file_of_the_data_folder_and_no_log(
    ws: Workspace, tmp_path: Path, own_log: None
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


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_a_plaintext_file_keyring_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    """keyrings.alt's PlaintextKeyring (base64 in ~/.local/share/python_keyring) is no keyring
    for a password: the session keeps it instead."""
    backend = PlaintextKeyring()
    assert Path(backend.file_path).is_relative_to(tmp_path)  # XDG_DATA_HOME is the test's
    credentials = Credentials(backend)
    assert not credentials.status.usable
    assert "PlaintextKeyring" in credentials.status.reason
    assert "not protected by the operating system" in credentials.status.reason
    assert credentials.set("me", SECRET) is False
    assert credentials.get("me") == SECRET
    credentials.delete("me")
    assert _files(tmp_path) == []


class PlaintextFirstChainer(chainer.ChainerBackend):
    """keyring's chainer over an unprotected backend that outranks a protected one."""

    plaintext = PlaintextKeyring()
    memory = MemoryKeyring()
    backends = [plaintext, memory]  # type: ignore[assignment]


def test_a_chainer_is_reduced_to_its_protected_member(tmp_path: Path) -> None:
    PlaintextFirstChainer.plaintext.set_password(SERVICE, "me", "stale plaintext")
    written = _files(tmp_path)
    credentials = Credentials(PlaintextFirstChainer())
    assert credentials.status.usable and "MemoryKeyring" in credentials.status.backend
    assert credentials.get("me") is None  # never read back from the plaintext file
    assert credentials.set("me", SECRET) is True
    assert PlaintextFirstChainer.memory.entries == {(SERVICE, "me"): SECRET}
    assert _files(tmp_path) == written
    assert all(SECRET.encode() not in p.read_bytes() for p in written)


def test_a_chainer_of_unprotected_backends_is_no_keyring() -> None:
    class PlaintextOnly(chainer.ChainerBackend):
        backends = [PlaintextKeyring()]  # type: ignore[assignment]

    credentials = Credentials(PlaintextOnly())
    assert not credentials.status.usable and "no system keyring" in credentials.status.reason
    assert credentials.set("me", SECRET) is False


def test_a_test_double_is_not_trusted_unless_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(credentials_module, "OS_KEYRINGS", SHIPPED_OS_KEYRINGS)
    credentials = Credentials(MemoryKeyring())
    assert not credentials.status.usable and "MemoryKeyring" in credentials.status.reason
