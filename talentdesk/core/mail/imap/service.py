"""MailSync: the IMAP account's settings, its password, "Test connection" and the sync, for
the window (in a worker thread) and the command line."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from talentdesk.core import settings
from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.sessions import Sessions, writes
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.mail.account import MailAccount
from talentdesk.core.mail.accounts import read_account
from talentdesk.core.mail.credentials import Credentials
from talentdesk.core.mail.imap.account import (
    IMAP_ACCOUNT,
    IMAP_SYNC_MINUTES,
    ImapAccount,
    password_user,
)
from talentdesk.core.mail.imap.connection import DEFAULT_TIMEOUT, ImapConnection
from talentdesk.core.mail.imap.probe import ImapTestReport, test_imap
from talentdesk.core.mail.imap.store import FolderState, SyncStore
from talentdesk.core.mail.imap.sync import BATCH, Cancel, Progress, SyncSummary, sync_mailbox
from talentdesk.core.ops.changes import Changes


class MailSync:
    """Reads the recruiter's mailbox into the timelines. `sync` runs on the caller's thread
    (never the writer's, never the GUI's); each batch it saves is one write operation."""

    def __init__(self, sessions: Sessions, clock: Clock = utcnow, batch: int = BATCH) -> None:
        self._sessions = sessions
        self._clock = clock
        self._batch = batch
        self._store = SyncStore(sessions, clock)
        self._running = threading.Lock()  # one sync at a time (background or on demand)

    # -- settings ---------------------------------------------------------------------------
    def account(self) -> ImapAccount | None:
        with self._sessions() as session:
            return settings.read(session, IMAP_ACCOUNT)

    def smtp_account(self) -> MailAccount | None:
        with self._sessions() as session:
            return read_account(session, self._sessions.user_id)

    def interval_minutes(self) -> int:
        """Minutes between background syncs; 0: only on demand."""
        with self._sessions() as session:
            return settings.read(session, IMAP_SYNC_MINUTES)

    @writes("saving the IMAP account")
    def save_account(
        self, account: ImapAccount | None, interval_minutes: int | None = None
    ) -> None:
        """Store the account (validated; ValidationError says what is wrong) and, when given,
        the sync interval. The password is stored apart: `store_password`."""
        with self._sessions.begin() as session:
            settings.write(session, IMAP_ACCOUNT, account.validated() if account else None)
            if interval_minutes is not None:
                settings.write(session, IMAP_SYNC_MINUTES, interval_minutes)
            self._sessions.changed(Changes(settings=True, mail=True))

    # -- the password -----------------------------------------------------------------------
    def password_user(self, account: ImapAccount) -> str:
        """The keyring entry for the password: the SMTP account's when host and user match."""
        return password_user(account, self.smtp_account())

    def password(self, account: ImapAccount, credentials: Credentials) -> str | None:
        """The stored password (keyring or this session's memory); None: ask for it."""
        return credentials.get(self.password_user(account))

    def store_password(self, account: ImapAccount, credentials: Credentials, password: str) -> bool:
        """Keep the password: True in the keyring, False in memory only (credentials.status)."""
        return credentials.set(self.password_user(account), password)

    # -- the server -------------------------------------------------------------------------
    @staticmethod
    def test(
        account: ImapAccount, password: str, timeout: float = DEFAULT_TIMEOUT
    ) -> ImapTestReport:
        """Log in and open the folders a sync would read; ImapError says what went wrong."""
        return test_imap(account.validated(), password, timeout)

    def folder_state(self, account: ImapAccount, folder: str) -> FolderState | None:
        """How far `folder` was read, and when (None: never)."""
        return self._store.folder_state(account.state_key, folder)

    def next_sync_at(self, account: ImapAccount) -> datetime | None:
        """When the background sync is due (now or earlier: due); None when it is off."""
        minutes = self.interval_minutes()
        if not minutes:
            return None
        last = self._store.last_synced_at(account.state_key)
        return self._clock() if last is None else last + timedelta(minutes=minutes)

    def sync(
        self,
        account: ImapAccount,
        password: str,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> SyncSummary:
        """Read what is new (read-only: nothing is marked read, moved or deleted). `progress`
        hears after each batch, `cancel` is asked between batches (both on the caller's
        thread). Raises ImapError when the server cannot be reached or drops: each batch
        saved before stays saved, and the next sync continues after it; SyncRunningError when
        this workspace is syncing already."""
        if self._sessions.writer.on_write_path():
            raise RuntimeError("a sync reads the network: never on the write path")
        if not self._running.acquire(blocking=False):
            raise SyncRunningError()
        try:
            with ImapConnection(account.validated(), password, timeout) as imap:
                return sync_mailbox(
                    self._sessions, self._store, account, imap, progress, cancel, self._batch
                )
        finally:
            self._running.release()


class SyncRunningError(TalentDeskError):
    def __init__(self) -> None:
        super().__init__(
            "The mailbox is being read already.",
            "Wait for that sync to finish; it reads everything new.",
        )
