"""The current user's SMTP account (issue 18): on a team database each recruiter has their own,
kept in `app_setting` under a key of theirs (core/mail/account.py `account_setting`); the
password is never stored there, only in the recruiter's own keyring (core/mail/credentials.py)."""

from __future__ import annotations

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from talentdesk.core import settings
from talentdesk.core.db.models import AppUser
from talentdesk.core.db.sessions import Sessions, writes
from talentdesk.core.mail.account import MailAccount, account_setting
from talentdesk.core.ops.changes import Changes


def read_account(source: Connection | Session, user_id: int | None) -> MailAccount | None:
    """`user_id`'s account (None: not set up), read in the caller's transaction."""
    return settings.read(source, _setting(source, user_id))


def _setting(
    source: Connection | Session, user_id: int | None
) -> settings.Setting[MailAccount | None]:
    first = source.execute(select(func.min(AppUser.id))).scalar()
    return account_setting(user_id, first)


class MailAccounts:
    """Get and set the SMTP account of the user this workspace writes as."""

    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    def get(self) -> MailAccount | None:
        with self._sessions() as session:
            return read_account(session, self._sessions.user_id)

    @writes("saving the e-mail account")
    def set(self, account: MailAccount | None) -> None:
        with self._sessions.begin() as session:
            setting = _setting(session, self._sessions.user_id)
            settings.write(session, setting, account)
            self._sessions.changed(Changes(settings=True))
