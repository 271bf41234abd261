"""IMAP fixtures (tests/conftest.py imports them, so every test can ask for them):

- `dovecot`: one throw-away Dovecot (tests/imap_server.py) for the whole run, started on first use;
- `imap_server`: a fresh user with empty folders on it for one test, and the server running.

Without Dovecot the tests that use them are skipped, except under CI=true, where they fail:
CI must never pass by skipping."""

from __future__ import annotations

import imaplib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

import pytest

from tests.imap_server import PASSWORD, DovecotMissingError, ImapServer


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


@dataclass
class ImapMailbox:
    """One test's mailbox on the shared server: where to connect, as whom, and ways to put mail
    in or make the server misbehave."""

    server: ImapServer
    user: str
    password: str = PASSWORD

    @property
    def host(self) -> str:
        return self.server.host

    @property
    def port(self) -> int:
        """STARTTLS."""
        return self.server.port

    @property
    def tls_port(self) -> int:
        """Implicit TLS."""
        return self.server.tls_port

    @property
    def ca_file(self) -> Path:
        """Trust this CA file to trust the server's certificate."""
        return self.server.ca_file

    def login(self) -> imaplib.IMAP4_SSL:
        """A plain imaplib client, logged in over implicit TLS, for a test's own checks."""
        return self.server.login(self.user, self.password)

    def deliver(
        self,
        message: bytes | EmailMessage,
        folder: str = "INBOX",
        *,
        seen: bool = False,
        received: float | None = None,
    ) -> Path:
        return self.server.deliver(self.user, message, folder, seen=seen, received=received)

    def deliver_many(
        self,
        messages: Iterable[bytes | EmailMessage],
        folder: str = "INBOX",
        *,
        seen: bool = False,
        received: float | None = None,
    ) -> list[Path]:
        return self.server.deliver_many(self.user, messages, folder, seen=seen, received=received)

    def fill(
        self, count: int, folder: str = "INBOX", sender: str = "", first: int = 1
    ) -> list[Path]:
        return self.server.fill(self.user, count, folder, sender, first)

    def append(self, message: bytes | EmailMessage, folder: str = "INBOX", flags: str = "") -> None:
        self.server.append(self.user, message, folder, flags)

    def uidvalidity(self, folder: str = "INBOX") -> int:
        return self.server.uidvalidity(self.user, folder)

    def change_uidvalidity(self, folder: str = "INBOX") -> int:
        return self.server.change_uidvalidity(self.user, folder)

    def rebuild_folder(self, folder: str = "INBOX") -> None:
        self.server.rebuild_folder(self.user, folder)

    def kick(self) -> None:
        self.server.kick(self.user)

    def stop(self) -> None:
        """Stop the server (the next test's `imap_server` starts it again)."""
        self.server.stop()

    def start(self) -> None:
        self.server.start()


@pytest.fixture(scope="session")
def dovecot() -> Iterator[ImapServer]:
    try:
        server = ImapServer()
    except DovecotMissingError as missing:
        if _in_ci():
            pytest.fail(f"CI=true but {missing}", pytrace=False)
        pytest.skip(str(missing))
    with server:
        yield server


@pytest.fixture
def imap_server(dovecot: ImapServer) -> ImapMailbox:
    dovecot.start()  # again, if an earlier test stopped it
    return ImapMailbox(dovecot, dovecot.add_user())
