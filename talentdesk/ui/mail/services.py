"""What the e-mail windows share for the life of the main window."""

from __future__ import annotations

from talentdesk.core.mail.account import MailAccount
from talentdesk.core.mail.credentials import Credentials
from talentdesk.core.mail.smtp import FailureKind, MailError
from talentdesk.core.workspace import Workspace
from talentdesk.ui.ops import Ops

# What the recruiter reads first about a failure, by kind.
FAILURE_TITLES = {
    FailureKind.CONNECTION_REFUSED: "Connection refused",
    FailureKind.TLS_UNTRUSTED: "TLS certificate not trusted",
    FailureKind.AUTH_REJECTED: "Authentication rejected",
    FailureKind.REJECTED: "Refused by the server",
    FailureKind.TEMPORARY: "Temporary failure",
    FailureKind.UNCERTAIN: "Delivery not confirmed",
}


def describe_failure(error: MailError) -> str:
    """The kind in words, what happened, and the hint on its own line."""
    text = f"{FAILURE_TITLES[error.kind]}: {error.message}"
    return f"{text}\n{error.hint}" if error.hint else text


class MailServices:
    """One Credentials for the session (a password typed at a prompt lives in its memory, so
    it must outlive the dialogs), the outbox and the template library."""

    def __init__(self, ws: Workspace, ops: Ops) -> None:
        self.ws = ws
        self.ops = ops  # the window's operations: how the e-mail windows write
        self.credentials = Credentials()
        self.outbox = ws.outbox()
        self.templates = ws.templates()
        self._accounts = ws.mail_accounts()  # this recruiter's own

    def account(self) -> MailAccount | None:
        return self._accounts.get()

    def save_account(self, account: MailAccount) -> None:
        self._accounts.set(account)


# The merge fields a template can use, as Outbox.plan fills them in, with what they hold.
MERGE_FIELDS: tuple[tuple[str, str], ...] = (
    ("first_name", "the candidate's first name"),
    ("last_name", "last name"),
    ("full_name", "full name"),
    ("email", "e-mail address"),
    ("title", "job title"),
    ("company", "company"),
    ("city", "city"),
    ("country", "country"),
    ("industry", "industry"),
    ("pool.name", "the pool written to"),
    ("pool.stage", "their stage in that pool"),
    ("vacancy.title", "the vacancy's title"),
    ("vacancy.company", "the vacancy's company"),
    ("vacancy.location", "the vacancy's location"),
    ("recruiter.name", "your sender name"),
    ("recruiter.email", "your sender address"),
)
