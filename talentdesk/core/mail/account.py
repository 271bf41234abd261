"""The recruiter's SMTP account, stored as one JSON setting (never with the password)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from enum import StrEnum

from talentdesk.core.errors import ValidationError
from talentdesk.core.normalize import normalise_email
from talentdesk.core.settings import Setting

DEFAULT_RATE_PER_MINUTE = 20
MAX_RATE_PER_MINUTE = 600
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


class Security(StrEnum):
    TLS = "tls"  # implicit TLS, usually port 465
    STARTTLS = "starttls"  # usually port 587
    PLAIN = "plain"  # no encryption: only to a server on this computer

    @property
    def label(self) -> str:
        return {"tls": "TLS", "starttls": "STARTTLS", "plain": "None (this computer only)"}[
            self.value
        ]


@dataclass(frozen=True)
class MailAccount:
    host: str
    port: int
    security: Security
    username: str
    sender_address: str
    sender_name: str = ""
    reply_to: str | None = None
    signature: str = ""
    rate_per_minute: int = DEFAULT_RATE_PER_MINUTE  # 0: as fast as the server takes them
    # Extra certificate authorities (PEM) to trust besides the system's: a company's own CA.
    ca_file: str | None = None

    @property
    def keyring_user(self) -> str:
        """The keyring entry's user name: one entry per account."""
        return f"{self.username}@{self.host}:{self.port}"

    def validated(self) -> MailAccount:
        """This account with addresses normalised; ValidationError says what is wrong."""
        errors: dict[str, str] = {}
        host = self.host.strip()
        if not host or any(c.isspace() for c in host):
            errors["host"] = "enter the server's name, such as smtp.example.com"
        if (
            isinstance(self.port, bool)
            or not isinstance(self.port, int)
            or not 0 < self.port < 65536
        ):
            errors["port"] = "a port between 1 and 65535"
        try:
            security = Security(self.security)
        except ValueError:
            errors["security"] = "TLS, STARTTLS or none"
            security = Security.TLS
        if security is Security.PLAIN and host.lower() not in LOCAL_HOSTS:
            errors["security"] = "an unencrypted connection is allowed only to this computer"
        sender = _address(self.sender_address, "sender_address", errors)
        reply_to = _address(self.reply_to, "reply_to", errors) if self.reply_to else None
        rate = self.rate_per_minute
        if (
            isinstance(rate, bool)
            or not isinstance(rate, int)
            or not 0 <= rate <= MAX_RATE_PER_MINUTE
        ):
            errors["rate_per_minute"] = f"between 0 (no limit) and {MAX_RATE_PER_MINUTE}"
        if any(c in self.sender_name for c in "\r\n"):
            errors["sender_name"] = "one line"
        if errors:
            raise ValidationError(errors)
        return replace(
            self,
            host=host,
            security=security,
            username=self.username.strip(),
            sender_address=sender or "",
            sender_name=self.sender_name.strip(),
            reply_to=reply_to,
            ca_file=self.ca_file or None,
        )


def _address(value: str | None, field: str, errors: dict[str, str]) -> str | None:
    try:
        return normalise_email(value or "")
    except ValueError as exc:
        errors[field] = str(exc)
        return None


def _parse(value: object) -> MailAccount | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise TypeError(f"expected an account, got {value!r}")
    try:
        account = MailAccount(**value)
    except TypeError as exc:
        raise ValueError(str(exc)) from exc
    try:
        return account.validated()
    except ValidationError as exc:
        raise ValueError(exc.message) from exc


def _dump(value: MailAccount | None) -> object:
    if value is None:
        return None
    if not isinstance(value, MailAccount):
        raise TypeError(f"expected an account, got {value!r}")
    return asdict(value)


MAIL_ACCOUNT: Setting[MailAccount | None] = Setting("mail_account", None, _parse, _dump)
"""The SMTP account of a database's first user (a local file's one user); None until set up."""


def account_setting(user_id: int | None, first_user_id: int | None) -> Setting[MailAccount | None]:
    """Where `user_id`'s SMTP account is kept: each recruiter of a team database has their own
    (a message leaves from the account of whoever queued it). The first user's is the
    `mail_account` row a local file always had, so a single user's account stays where it was
    and one made before team mode is its first user's; another user's row is keyed by their id."""
    if user_id is None or user_id == first_user_id:
        return MAIL_ACCOUNT
    return Setting(f"mail_account.user.{user_id}", None, _parse, _dump)
