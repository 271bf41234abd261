"""Read the mailbox (read-only, incremental by UIDVALIDITY and UID, in batches) and
put the messages about candidates on their timelines.

The network is read on the caller's thread (a worker, the command line); each batch's writes
are one operation on the write path, which never waits on the network.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from talentdesk.core.db.sessions import Sessions
from talentdesk.core.mail.imap.account import ImapAccount
from talentdesk.core.mail.imap.connection import ImapConnection, default_folders
from talentdesk.core.mail.imap.match import (
    AddressBook,
    Found,
    Sent,
    Target,
    address_book,
    sent_messages,
    targets,
)
from talentdesk.core.mail.imap.parse import (
    HEADER_FIELDS,
    TEXT_BYTES,
    Headers,
    parse_headers,
    snippet,
)
from talentdesk.core.mail.imap.store import Stored, SyncStore

BATCH = 500
HEADER_PART = f"BODY.PEEK[HEADER.FIELDS ({HEADER_FIELDS})]".encode()
TEXT_PART = f"BODY.PEEK[TEXT]<0.{TEXT_BYTES}>".encode()


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
    outgoing: bool = False  # the Sent folder: its messages are the recruiter's own


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


def sync_mailbox(
    sessions: Sessions,
    store: SyncStore,
    account: ImapAccount,
    imap: ImapConnection,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    batch: int = BATCH,
) -> SyncSummary:
    """Read what is new in the account's folders over the open connection `imap`."""
    started = time.perf_counter()
    summary = SyncSummary()
    with sessions() as session:
        book = address_book(session.connection())
    folders, sent = _folders(imap, account)
    mine = account.my_addresses()
    for folder in folders:
        if cancel is not None and cancel():
            summary.cancelled = True
            break
        reader = _FolderRead(
            sessions, store, imap, account, folder, folder == sent, book, mine, batch
        )
        summary.folders.append(reader.run(summary, progress, cancel))
        if summary.cancelled:
            break
    summary.seconds = time.perf_counter() - started
    return summary


def _folders(imap: ImapConnection, account: ImapAccount) -> tuple[list[str], str | None]:
    if account.folders and account.sent_folder:
        return list(account.folders), account.sent_folder
    found, sent = default_folders(imap.folders())
    return (list(account.folders) or found), (account.sent_folder or sent)


_Parsed = tuple[bytes, Headers, datetime | None]  # raw headers, parsed, INTERNALDATE
_Wanted = tuple[bytes, Headers, datetime | None, list[Target]]


@dataclass
class _FolderRead:
    sessions: Sessions
    store: SyncStore
    imap: ImapConnection
    account: ImapAccount
    folder: str
    outgoing: bool
    book: AddressBook
    mine: frozenset[str]
    batch: int

    def run(
        self, summary: SyncSummary, progress: Progress | None, cancel: Cancel | None
    ) -> FolderSummary:
        result = FolderSummary(self.folder, outgoing=self.outgoing)
        store = self.store
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
            return result
        # Batch N is saved (on the writer) while batch N+1 is read: at most one outstanding,
        # in order, so the folder's last UID only ever covers saved batches.
        with ThreadPoolExecutor(1, thread_name_prefix="imap-save") as saver:
            pending: tuple[Future[Stored], int] | None = None
            for start in range(0, len(uids), self.batch):
                batch = uids[start : start + self.batch]
                found = self._read_batch(batch, summary, result)
                if pending is not None:
                    self._saved(pending, len(uids), summary, progress)
                saving = saver.submit(store.record, key, self.folder, uidvalidity, batch[-1], found)
                pending = (saving, start + len(batch))
                if cancel is not None and cancel():
                    summary.cancelled = True
                    break
            if pending is not None:
                self._saved(pending, len(uids), summary, progress)
        return result

    def _saved(
        self,
        pending: tuple[Future[Stored], int],
        total: int,
        summary: SyncSummary,
        progress: Progress | None,
    ) -> None:
        stored = pending[0].result()
        summary.stored += stored.interactions
        summary.replies += stored.replies
        if progress is not None:
            progress(SyncProgress(self.folder, pending[1], total))

    def _sent(self, answers: set[str]) -> dict[str, Sent]:
        with self.sessions() as session:
            return sent_messages(session.connection(), answers)

    def _read_batch(
        self, batch: list[int], summary: SyncSummary, result: FolderSummary
    ) -> list[Found]:
        """Headers of the whole batch, then the text of the messages about a candidate."""
        parsed = self._headers(batch, summary, result)
        answers = {a for _raw, h, _d in parsed.values() for a in h.answers}
        sent = self._sent(answers) if answers and not self.outgoing else {}
        wanted: dict[int, _Wanted] = {}
        for uid, (raw, headers, internal) in parsed.items():
            whom = targets(headers, self.outgoing, self.book, sent, self.mine)
            if whom:
                wanted[uid] = (raw, headers, internal, whom)
            elif headers.sender is None and not headers.recipients:
                summary.skipped["no readable sender or recipients"] += 1
        return self._found(wanted, summary, result) if wanted else []

    def _headers(
        self, batch: list[int], summary: SyncSummary, result: FolderSummary
    ) -> dict[int, _Parsed]:
        fetched = self.imap.fetch(batch, [HEADER_PART, b"INTERNALDATE"])
        parsed: dict[int, _Parsed] = {}
        for uid in batch:
            data = fetched.get(uid)
            raw = _part(data, b"BODY[HEADER")
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
        return parsed

    def _found(
        self, wanted: dict[int, _Wanted], summary: SyncSummary, result: FolderSummary
    ) -> list[Found]:
        texts = self.imap.fetch(list(wanted), [TEXT_PART])
        found: list[Found] = []
        for uid, (raw, headers, internal, whom) in wanted.items():
            when = headers.date or internal
            if when is None:
                summary.skipped["no date"] += 1
                continue
            text, lossy = snippet(raw, _part(texts.get(uid), b"BODY[TEXT]") or b"")
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
