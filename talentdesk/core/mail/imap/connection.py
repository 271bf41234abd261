"""A read-only IMAP connection: verified TLS, a timeout, and each failure in words (as smtp.py)."""

from __future__ import annotations

import imaplib
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from talentdesk.core.mail.account import LOCAL_HOSTS, Security
from talentdesk.core.mail.imap.account import ImapAccount
from talentdesk.core.mail.smtp import FailureKind, MailError

DEFAULT_TIMEOUT = 30.0
INBOX = "INBOX"
SENT_FLAG = b"\\Sent"


class ImapError(MailError):
    """A failure to read the mailbox, by kind (FailureKind, as for sending)."""


@dataclass(frozen=True)
class FolderInfo:
    name: str
    flags: tuple[str, ...]

    @property
    def is_sent(self) -> bool:
        return "\\Sent" in self.flags


class ImapConnection:
    """One logged-in connection; every folder is opened with EXAMINE (read-only)."""

    def __init__(
        self, account: ImapAccount, password: str, timeout: float = DEFAULT_TIMEOUT
    ) -> None:
        self.account = account
        self._password = password
        self._timeout = timeout
        self._client: IMAPClient | None = None

    @property
    def where(self) -> str:
        return f"{self.account.host}:{self.account.port}"

    @property
    def client(self) -> IMAPClient:
        if self._client is None:
            self.open()
        assert self._client is not None
        return self._client

    def __enter__(self) -> ImapConnection:
        self.open()
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self.close()

    def open(self) -> None:
        """Connect, secure and log in; ImapError says what failed."""
        a = self.account
        if a.security is Security.PLAIN and a.host.lower() not in LOCAL_HOSTS:
            raise ImapError(
                FailureKind.CONNECTION_REFUSED,
                f"Refusing to send the password unencrypted to {a.host}.",
                "Choose TLS or STARTTLS in the IMAP account settings.",
            )
        context = ssl.create_default_context(cafile=a.ca_file)  # system CAs, names checked
        with self.failures("connecting"):
            client = IMAPClient(
                a.host,
                a.port,
                ssl=a.security is Security.TLS,
                ssl_context=ssl.create_default_context(cafile=a.ca_file)
                if a.security is Security.TLS
                else None,
                timeout=self._timeout,
            )
            try:
                if a.security is Security.STARTTLS:
                    client.starttls(context)
                client.login(a.username, self._password)
            except BaseException:
                _shut(client)
                raise
        self._client = client

    def folders(self) -> list[FolderInfo]:
        """Every folder the server lists, with its flags (special-use ones among them)."""
        with self.failures("listing the folders"):
            listed = self.client.list_folders()
        return [
            FolderInfo(str(name), tuple(_text(f) for f in flags)) for flags, _sep, name in listed
        ]

    def examine(self, folder: str) -> tuple[int, int]:
        """Open `folder` read-only (EXAMINE): its UIDVALIDITY and message count."""
        with self.failures(f"opening the folder {folder!r}"):
            info = self.client.select_folder(folder, readonly=True)
        return int(info[b"UIDVALIDITY"]), int(info.get(b"EXISTS", 0))

    def uids_after(self, last_uid: int) -> list[int]:
        """The UIDs above `last_uid` in the open folder, ascending."""
        with self.failures("listing the new messages"):
            found = self.client.search(["UID", f"{last_uid + 1}:*"])
        # "n:*" also answers the highest UID when it is below n.
        return sorted(u for u in found if u > last_uid)

    def fetch(self, uids: list[int], parts: list[bytes]) -> dict[int, dict[bytes, Any]]:
        """`parts` of these messages, by UID (BODY.PEEK: nothing is marked read)."""
        with self.failures("reading messages"):
            return dict(self.client.fetch(uids, parts))

    @contextmanager
    def failures(self, doing: str) -> Iterator[None]:
        """Turn what the network, TLS or the server raise into an ImapError in words."""
        where = self.where
        try:
            yield
        except ImapError:
            raise
        except LoginError as exc:
            self._drop()
            raise ImapError(
                FailureKind.AUTH_REJECTED,
                f"{where} rejected the user name or password ({_words(exc)}).",
                "Check the password (and the user name) in the IMAP account settings.",
            ) from None
        except ssl.SSLCertVerificationError as exc:
            self._drop()
            raise ImapError(
                FailureKind.TLS_UNTRUSTED,
                f"The TLS certificate of {where} is not trusted ({exc.verify_message}).",
                "Check the server name; if your company uses its own certificate authority, "
                "ask IT for it.",
            ) from None
        except (ConnectionRefusedError, socket.gaierror) as exc:
            self._drop()
            raise ImapError(
                FailureKind.CONNECTION_REFUSED,
                f"Could not connect to {where} ({exc.strerror or type(exc).__name__}).",
                "Check the server name and port, and that you are online.",
            ) from None
        except (imaplib.IMAP4.abort, OSError, EOFError) as exc:
            self._drop()
            raise ImapError(
                FailureKind.TEMPORARY,
                f"The connection to {where} dropped while {doing} "
                f"({type(exc).__name__}: {_words(exc) or 'no reason given'}).",
                "What was read so far is kept; the next sync continues from there.",
            ) from None
        except (IMAPClientError, imaplib.IMAP4.error) as exc:
            raise ImapError(
                FailureKind.REJECTED,
                f"{where} refused {doing} ({_words(exc)}).",
                "Check the folder names in the IMAP account settings.",
            ) from None

    def _drop(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            _shut(client)

    def close(self) -> None:
        client, self._client = self._client, None
        if client is None:
            return
        try:
            client.logout()
        except (OSError, IMAPClientError, imaplib.IMAP4.error, EOFError):
            _shut(client)


def _shut(client: IMAPClient) -> None:
    with suppress(OSError, IMAPClientError, imaplib.IMAP4.error):
        client.shutdown()


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def _words(exc: BaseException) -> str:
    text = " ".join(_text(a) if isinstance(a, bytes | str) else str(a) for a in exc.args)
    return " ".join(text.split())


def default_folders(folders: list[FolderInfo]) -> tuple[list[str], str | None]:
    """INBOX and the folder flagged \\Sent (RFC 6154), and which one that is."""
    names = [f.name for f in folders]
    inbox = next((n for n in names if n.upper() == INBOX), INBOX)
    sent = next((f.name for f in folders if f.is_sent), None)
    return ([inbox, sent] if sent else [inbox]), sent
