"""The recruiter's IMAP account (one JSON setting, never the password) and the sync interval."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace

from talentdesk.core.errors import ValidationError
from talentdesk.core.mail.account import LOCAL_HOSTS, MailAccount, Security
from talentdesk.core.settings import Setting, _int_between, _same

DEFAULT_SYNC_MINUTES = 5
MAX_SYNC_MINUTES = 24 * 60


@dataclass(frozen=True)
class ImapAccount:
    host: str
    port: int
    security: Security
    username: str
    # The folders to read; empty: INBOX and the folder flagged \Sent, found when syncing.
    folders: tuple[str, ...] = ()
    # The folder whose messages are the recruiter's own (recipients matched, "E-mail sent");
    # None: the one flagged \Sent.
    sent_folder: str | None = None
    ca_file: str | None = None  # extra certificate authorities (PEM), as for SMTP
    # Addresses that are the recruiter's own besides the user name (the SMTP sender's).
    own_addresses: tuple[str, ...] = field(default=())

    @property
    def keyring_user(self) -> str:
        """The keyring entry's user name; the SMTP account's own when host, port and user match."""
        return f"{self.username}@{self.host}:{self.port}"

    @property
    def state_key(self) -> str:
        """How far each folder was read is kept per account (another server reads afresh)."""
        return f"{self.username}@{self.host}:{self.port}"

    def validated(self) -> ImapAccount:
        """This account trimmed; ValidationError says what is wrong."""
        errors: dict[str, str] = {}
        host = self.host.strip()
        if not host or any(c.isspace() for c in host):
            errors["host"] = "enter the server's name, such as imap.example.com"
        port = self.port
        if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
            errors["port"] = "a port between 1 and 65535"
        try:
            security = Security(self.security)
        except ValueError:
            errors["security"] = "TLS, STARTTLS or none"
            security = Security.TLS
        if security is Security.PLAIN and host.lower() not in LOCAL_HOSTS:
            errors["security"] = "an unencrypted connection is allowed only to this computer"
        if not self.username.strip():
            errors["username"] = "the user name to log in with"
        folders = tuple(f.strip() for f in self.folders if f.strip())
        if any(any(c in f for c in "\r\n") for f in folders):
            errors["folders"] = "one folder name per line"
        if errors:
            raise ValidationError(errors)
        return replace(
            self,
            host=host,
            security=security,
            username=self.username.strip(),
            folders=tuple(dict.fromkeys(folders)),
            sent_folder=(self.sent_folder or "").strip() or None,
            ca_file=self.ca_file or None,
            own_addresses=tuple(a.strip().lower() for a in self.own_addresses if a.strip()),
        )

    def my_addresses(self) -> frozenset[str]:
        """The recruiter's addresses, lower case: a message from one of them is outgoing."""
        mine = set(self.own_addresses)
        if "@" in self.username:
            mine.add(self.username.lower())
        return frozenset(mine)


def from_smtp(smtp: MailAccount, host: str | None = None) -> ImapAccount:
    """A first IMAP account guessed from the SMTP one: same user, TLS on port 993."""
    guessed = host or (
        "imap." + smtp.host.split(".", 1)[1] if smtp.host.startswith("smtp.") else smtp.host
    )
    return ImapAccount(
        host=guessed,
        port=993,
        security=Security.TLS,
        username=smtp.username,
        ca_file=smtp.ca_file,
        own_addresses=(smtp.sender_address.lower(),),
    )


def password_user(imap: ImapAccount, smtp: MailAccount | None) -> str:
    """The keyring entry holding the IMAP password: the SMTP account's when host and user match
    (one password for one mailbox), else the IMAP account's own."""
    if smtp is not None and (smtp.host.lower(), smtp.username) == (
        imap.host.lower(),
        imap.username,
    ):
        return smtp.keyring_user
    return imap.keyring_user


def _parse(value: object) -> ImapAccount | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise TypeError(f"expected an account, got {value!r}")
    fields = dict(value)
    for name in ("folders", "own_addresses"):
        if name in fields:
            items = fields[name]
            if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
                raise TypeError(f"expected a list of names for {name}")
            fields[name] = tuple(items)
    try:
        account = ImapAccount(**fields)
    except TypeError as exc:
        raise ValueError(str(exc)) from exc
    try:
        return account.validated()
    except ValidationError as exc:
        raise ValueError(exc.message) from exc


def _dump(value: ImapAccount | None) -> object:
    if value is None:
        return None
    if not isinstance(value, ImapAccount):
        raise TypeError(f"expected an account, got {value!r}")
    dumped = asdict(value)
    dumped["folders"] = list(value.folders)
    dumped["own_addresses"] = list(value.own_addresses)
    return dumped


IMAP_ACCOUNT: Setting[ImapAccount | None] = Setting("imap_account", None, _parse, _dump)
"""The one IMAP account; None until the recruiter sets it up."""

IMAP_SYNC_MINUTES: Setting[int] = Setting(
    "imap_sync_minutes", DEFAULT_SYNC_MINUTES, _int_between(0, MAX_SYNC_MINUTES), _same
)
"""Minutes between background syncs; 0: only on demand."""
