"""MailSync: read the mailbox (read-only, incremental by UIDVALIDITY and UID, in batches) and
put the messages about candidates on their timelines.

The network is read on the caller's thread (a worker, the command line); each batch's writes
are one operation on the write path, which never waits on the network.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.sessions import Sessions
from talentdesk.core.mail.imap.account import ImapAccount
from talentdesk.core.mail.imap.connection import ImapConnection, default_folders
from talentdesk.core.mail.imap.match import (
    AddressBook,
    Found,
    address_book,
    sent_messages,
    targets,
)
from talentdesk.core.mail.imap.parse import HEADER_FIELDS, TEXT_BYTES, parse_headers, snippet
from talentdesk.core.mail.imap.store import SyncStore

BATCH = 500
_HEADER_PART = f"BODY.PEEK[HEADER.FIELDS ({HEADER_FIELDS})]".encode()
_TEXT_PART = f"BODY.PEEK[TEXT]<0.{TEXT_BYTES}>".encode()


@dataclass(frozen=True)
class SyncProgress:
    folder: str
    done: int  # messages read in this folder so far
    total: int  # new messages in this folder


@dataclass
class FolderSummary:
    name: str
    read: int = 0
    matched: int = 0
    reread: bool = False  # the server's UIDVALIDITY changed: the folder was read again


@dataclass
class SyncSummary:
    folders: list[FolderSummary] = field(default_factory=list)
    read: int = 0  # messages whose headers were read
    matched: int = 0  # messages about a candidate
    stored: int = 0  # new timeline entries (a message already there is not stored again)
    replies: int = 0  # outbox messages newly marked replied
    skipped: Counter[str] = field(default_factory=Counter)  # why, how many
    replaced: int = 0  # messages with text in an unknown charset, decoded with replacements
    cancelled: bool = False
    seconds: float = 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "folders": [
                {"name": f.name, "read": f.read, "matched": f.matched, "reread": f.reread}
                for f in self.folders
            ],
            "read": self.read,
            "matched": self.matched,
            "stored": self.stored,
            "replies": self.replies,
            "skipped": dict(self.skipped),
            "replaced": self.replaced,
            "cancelled": self.cancelled,
            "seconds": round(self.seconds, 3),
        }


Progress = Callable[[SyncProgress], None]
Cancel = Callable[[], bool]


class MailSync:
    """Reads the IMAP account into the timelines; one `run` at a time per workspace."""

    def __init__(self, sessions: Sessions, clock: Clock = utcnow, batch: int = BATCH) -> None:
        self._sessions = sessions
        self._clock = clock
        self._batch = batch
        self.store = SyncStore(sessions, clock)

    def run(
        self,
        account: ImapAccount,
        password: str,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
        connection: ImapConnection | None = None,
    ) -> SyncSummary:
        """Read what is new in the account's folders. Raises ImapError when the server cannot
        be reached or drops (what was saved before stays saved; the next run continues)."""
        started = time.perf_counter()
        summary = SyncSummary()
        with self._sessions() as session:
            book = address_book(session.connection())
        with connection or ImapConnection(account, password) as imap:
            folders, sent = _folders(imap, account)
            for folder in folders:
                if cancel is not None and cancel():
                    summary.cancelled = True
                    break
                mine = account.my_addresses()
                reader = _FolderRead(self, imap, account, folder, folder == sent, book, mine)
                summary.folders.append(reader.run(summary, progress, cancel))
                if summary.cancelled:
                    break
        summary.seconds = time.perf_counter() - started
        return summary

    def _sent(self, answers: set[str]) -> dict[str, Any]:
        with self._sessions() as session:
            return sent_messages(session.connection(), answers)


def _folders(imap: ImapConnection, account: ImapAccount) -> tuple[list[str], str | None]:
    if account.folders and account.sent_folder:
        return list(account.folders), account.sent_folder
    found, sent = default_folders(imap.folders())
    return (list(account.folders) or found), (account.sent_folder or sent)


@dataclass
class _FolderRead:
    sync: MailSync
    imap: ImapConnection
    account: ImapAccount
    folder: str
    outgoing: bool
    book: AddressBook
    mine: frozenset[str]

    def run(
        self, summary: SyncSummary, progress: Progress | None, cancel: Cancel | None
    ) -> FolderSummary:
        result = FolderSummary(self.folder)
        store = self.sync.store
        key = self.account.state_key
        uidvalidity, _exists = self.imap.examine(self.folder)
        state = store.folder_state(key, self.folder)
        last_uid = 0
        if state is not None:
            if state.uidvalidity == uidvalidity:
                last_uid = state.last_uid
            else:
                result.reread = True
        uids = self.imap.uids_after(last_uid)
        if not uids:
            store.record(key, self.folder, uidvalidity, last_uid, [])
        for start in range(0, len(uids), self.sync._batch):
            batch = uids[start : start + self.sync._batch]
            found = self._read_batch(batch, summary, result)
            stored = store.record(key, self.folder, uidvalidity, batch[-1], found)
            summary.stored += stored.interactions
            summary.replies += stored.replies
            if progress is not None:
                progress(SyncProgress(self.folder, start + len(batch), len(uids)))
            if cancel is not None and cancel():
                summary.cancelled = True
                break
        return result

    def _read_batch(
        self, batch: list[int], summary: SyncSummary, result: FolderSummary
    ) -> list[Found]:
        fetched = self.imap.fetch(batch, [_HEADER_PART, b"INTERNALDATE"])
        parsed = {}
        for uid in batch:
            data = fetched.get(uid)
            raw = _part(data, b"BODY[HEADER") if data else None
            summary.read += 1
            result.read += 1
            if raw is None:
                summary.skipped["the server sent no headers"] += 1
                continue
            try:
                headers = parse_headers(raw)
            except Exception:  # the email package's last resort; never stop a sync for one
                summary.skipped["unreadable headers"] += 1
                continue
            if headers.replaced:
                summary.replaced += 1
            parsed[uid] = (raw, headers, _internal_date(data))
        answers = {a for _raw, h, _d in parsed.values() for a in h.answers}
        sent = self.sync._sent(answers) if answers and not self.outgoing else {}
        wanted = {}
        for uid, (raw, headers, internal) in parsed.items():
            whom = targets(headers, self.outgoing, self.book, sent, self.mine)
            if whom:
                wanted[uid] = (raw, headers, internal, whom)
            elif headers.sender is None and not headers.recipients:
                summary.skipped["no readable sender or recipients"] += 1
        if not wanted:
            return []
        texts = self.imap.fetch(list(wanted), [_TEXT_PART])
        found: list[Found] = []
        for uid, (raw, headers, internal, whom) in wanted.items():
            when = headers.date or internal
            if when is None:
                summary.skipped["no date"] += 1
                continue
            body = _part(texts.get(uid), b"BODY[TEXT]") or b""
            text, lossy = snippet(raw, body)
            if lossy and not headers.replaced:
                summary.replaced += 1
            summary.matched += 1
            result.matched += 1
            found.extend(
                Found(
                    t.candidate_id,
                    t.kind,
                    headers.message_id,
                    when,
                    headers.subject,
                    text,
                    t.answers.outbox_id if t.answers else None,
                    t.answers.pool_id if t.answers else None,
                )
                for t in whom
            )
        return found


def _part(data: dict[bytes, Any] | None, prefix: bytes) -> bytes | None:
    if not data:
        return None
    for key, value in data.items():
        if isinstance(key, bytes) and key.startswith(prefix) and isinstance(value, bytes):
            return value
    return None


def _internal_date(data: dict[bytes, Any] | None) -> datetime | None:
    value = (data or {}).get(b"INTERNALDATE")
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is None:  # imapclient gives local time unless normalise_times=False
        value = value.astimezone()
    return value.astimezone(UTC)
