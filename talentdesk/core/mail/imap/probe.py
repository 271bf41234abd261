""" "Test connection": log in, list the folders, open the ones a sync would read (read-only)."""

from __future__ import annotations

from dataclasses import dataclass

from talentdesk.core.mail.imap.account import ImapAccount
from talentdesk.core.mail.imap.connection import (
    DEFAULT_TIMEOUT,
    ImapConnection,
    ImapError,
    default_folders,
)
from talentdesk.core.mail.smtp import FailureKind


@dataclass(frozen=True)
class ImapTestReport:
    server: str  # host:port and the security used
    folders: tuple[str, ...]  # every folder the server lists
    reading: tuple[tuple[str, int], ...]  # the folders a sync reads, with their message counts
    sent_folder: str | None  # the one whose messages are the recruiter's own

    def lines(self) -> list[str]:
        """What happened, in words, one line each."""
        out = [f"logged in to {self.server}", f"{len(self.folders)} folder(s) on the server"]
        out += [f"will read {name} ({count:,} message(s))" for name, count in self.reading]
        out.append(
            f"sent mail is read from {self.sent_folder}"
            if self.sent_folder
            else "no folder is flagged as Sent: only received mail is read"
        )
        return out


def test_imap(
    account: ImapAccount, password: str, timeout: float = DEFAULT_TIMEOUT
) -> ImapTestReport:
    """Connect, log in and open each folder a sync would read; ImapError says what failed
    (no such host, refused, untrusted certificate, wrong password, a missing folder)."""
    with ImapConnection(account, password, timeout) as imap:
        listed = imap.folders()
        names = [f.name for f in listed]
        found, flagged = default_folders(listed)
        reading = list(account.folders) or found
        sent = account.sent_folder or flagged
        missing = [f for f in reading if f not in names]
        if missing:
            raise ImapError(
                FailureKind.REJECTED,
                f"{imap.where} has no folder called {', '.join(map(repr, missing))}.",
                f"Choose among the server's folders: {', '.join(names)}.",
            )
        counts = tuple((name, imap.examine(name)[1]) for name in reading)
    security = account.security.label
    return ImapTestReport(f"{imap.where} ({security})", tuple(names), counts, sent)


test_imap.__test__ = False  # type: ignore[attr-defined]  # a product function, not a pytest test
