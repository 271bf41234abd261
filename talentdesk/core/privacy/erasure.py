"""Erasure (GDPR Art. 17): a person, and everything that names them, removed for good.

One operation: their suppression entries are written (core/privacy/suppression.py), then the
candidate row is deleted and the schema's cascades take everything they own with it — e-mail
addresses, tags, memberships, interactions, reminders, consent, applications and their stage
history, outbox messages, duplicate dismissals, merge records of the duplicates merged into
them, and (by trigger) their search row. An audit entry says that an erasure happened and to
how many people, never to whom. Nothing keeps what was deleted: it is not undoable.

So that the bytes are gone from the files too (core/privacy/cleanup.py): the transaction runs
with `secure_delete` (deleted cells and freed pages overwritten with zeros), the search index
is rewritten (`optimize`: this SQLite keeps an FTS5 row's tokens until its segments are
merged), and the write-ahead log is checkpointed into the main file and truncated once it has
committed.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, text

from talentdesk.core.db.datetimes import to_db
from talentdesk.core.db.sessions import Sessions, writes
from talentdesk.core.errors import ValidationError
from talentdesk.core.ops.changes import Changes
from talentdesk.core.privacy.cleanup import secure_delete, wipe_search_index
from talentdesk.core.privacy.erasure_sql import on_server_conn, server_sql
from talentdesk.core.privacy.mentions import (
    MAX_PEOPLE,
    NO_MENTIONS,
    NOT_LOOKED_FOR,
    Mentions,
    audit_detail,
    count,
    find,
    patterns_of,
    redact_found,
)
from talentdesk.core.privacy.suppression import (
    KEY_SETTING,
    PersonKeys,
    SuppressionList,
    erased_on,
    hashes_of,
    new_key,
    parse_key,
)

if TYPE_CHECKING:
    from talentdesk.core.clock import Clock

AUDIT_KIND = "erasure"


@dataclass(frozen=True)
class PersonToErase:
    """One row of the review before an erasure."""

    id: int
    name: str
    interactions: int
    outbox: int
    applications: int


@dataclass(frozen=True)
class ErasureResult:
    count: int  # people erased (ids that no longer existed are not counted)
    suppressed: int  # suppression entries written (e-mails, LinkedIn URLs, phones)
    erased_at: datetime
    # mentions of them in other people's records replaced with "[erased]" (mentions.py)
    redacted: Mentions = NO_MENTIONS

    def summary(self) -> str:
        people = "person" if self.count == 1 else "people"
        return f"Erased {self.count:,} {people} permanently"


PEOPLE_SQL = (
    "SELECT c.id, c.email, c.linkedin_url, c.phone, c.country,"
    " (SELECT group_concat(e.email, char(10)) FROM candidate_email e"
    "  WHERE e.candidate_id = c.id),"
    " (SELECT group_concat(DISTINCT o.to_address) FROM outbox_message o"
    "  WHERE o.candidate_id = c.id)"
    " FROM candidate c"
)
# The ids as one JSON parameter: a whole list ("Select all N") may hold more ids than an
# SQLite build allows parameters (32,766 by default; python.org's builds keep the default).
IDS = "(SELECT value FROM json_each(:ids))"
_PEOPLE = text(PEOPLE_SQL + f" WHERE c.id IN {IDS}")

_REVIEW_SQL = (
    "SELECT c.id, trim(c.first_name || ' ' || c.last_name),"
    " (SELECT count(*) FROM interaction i WHERE i.candidate_id = c.id),"
    " (SELECT count(*) FROM outbox_message o WHERE o.candidate_id = c.id),"
    " (SELECT count(*) FROM application a WHERE a.candidate_id = c.id)"
    f" FROM candidate c WHERE c.id IN {IDS} ORDER BY c.sort_name, c.id"
)
_REVIEW = text(_REVIEW_SQL)


class ErasureService:
    def __init__(self, sessions: Sessions, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    def review(self, candidate_ids: Sequence[int]) -> list[PersonToErase]:
        """Who `candidate_ids` are, and how much of theirs an erasure removes."""
        if not candidate_ids:
            return []
        with self._sessions() as session:
            server = on_server_conn(session.connection())
            review = text(server_sql(_REVIEW_SQL)) if server else _REVIEW
            rows = session.execute(review, {"ids": json.dumps([int(i) for i in candidate_ids])})
            return [PersonToErase(int(r[0]), str(r[1]), r[2], r[3], r[4]) for r in rows]

    def mentions(self, candidate_ids: Sequence[int]) -> Mentions:
        """How many records of other people mention `candidate_ids` (name, e-mail, phone):
        what an erasure replaces with "[erased]" unless told to keep them."""
        if not candidate_ids:
            return NO_MENTIONS
        if len(set(candidate_ids)) > MAX_PEOPLE:
            return NOT_LOOKED_FOR
        with self._sessions() as session:
            conn = session.connection()
            return count(find(conn, candidate_ids, patterns_of(conn, candidate_ids)))

    def erased_on(
        self,
        emails: Sequence[str | None],
        linkedin_url: str | None = None,
        phone: str | None = None,
        country: str | None = None,
    ) -> datetime | None:
        """When someone with these contact details was erased (None: nobody was), for adding
        a person by hand (core/privacy/suppression.py, `erased_on`)."""
        with self._sessions() as session:
            conn = session.connection()
            if on_server_conn(conn):
                listing = SuppressionList.of_connection(conn)
                person = PersonKeys(tuple(e for e in emails if e), linkedin_url, phone, country)
                return listing.erased_on(person) if listing else None
            raw = conn.connection.dbapi_connection
            assert isinstance(raw, sqlite3.Connection)
            return erased_on(raw, emails, linkedin_url, phone, country)

    @writes("erasing candidates permanently")
    def erase(
        self,
        candidate_ids: Sequence[int],
        progress: Callable[[str], None] | None = None,
        redact_mentions: bool = True,
    ) -> ErasureResult:
        """Erase `candidate_ids` for good (see the module's docstring); with
        `redact_mentions`, their mentions in other people's records too."""
        ids = sorted(set(candidate_ids))
        if not ids:
            raise ValidationError({"ids": "no one to erase"})
        now = self._clock()
        with self._sessions.begin() as session:
            erased = erase_in(session.connection(), ids, now, progress, redact=redact_mentions)
            if not erased.ids:
                return ErasureResult(0, 0, now)
            self._sessions.changed(_everything_about([*erased.ids, *erased.changed]))
            # The old pages still in the write-ahead log go once it is copied back and emptied.
            self._sessions.writer.checkpoint_after()
        return ErasureResult(len(erased.ids), erased.suppressed, now, erased.redacted)


@dataclass(frozen=True)
class Erased:
    ids: list[int]  # the people who existed and were erased
    suppressed: int  # suppression entries written
    redacted: Mentions = NO_MENTIONS  # their mentions replaced in others' records
    changed: frozenset[int] = frozenset()  # the other people whose records changed


def erase_in(
    conn: Connection,
    ids: Sequence[int],
    now: datetime,
    progress: Callable[[str], None] | None = None,
    detail: str | None = None,
    redact: bool = False,
) -> Erased:
    """The erasure itself, inside the caller's transaction on `conn` (foreign keys on): who
    was erased, the suppression entries written and (`redact`) their mentions replaced in
    other people's records (mentions.py). The caller
    checkpoints the write-ahead log once it has committed (a restore erases in a copy that
    has none)."""
    server = on_server_conn(conn)
    with nullcontext() if server else secure_delete(conn):
        people = _people(conn, sorted({int(i) for i in ids}))
        if not people:
            return Erased([], 0)
        found = list(people)
        redacted, changed = NO_MENTIONS, frozenset[int]()
        if redact and len(found) <= MAX_PEOPLE:
            _note(progress, "Replacing mentions in other people's records…")
            mentions = find(conn, found, patterns_of(conn, found))
            redacted, changed = count(mentions), frozenset(redact_found(conn, mentions))
            if redacted.records and detail is None:  # a replay keeps its own (backups.py)
                detail = audit_detail(redacted)
        _note(progress, "Writing suppression entries…")
        suppressed = _suppress(conn, list(people.values()), now)
        _note(progress, "Deleting their records…")
        # The duplicates merged into them are the same person: their names go too.
        _delete(conn, f"DELETE FROM candidate_merge WHERE kept_id IN {IDS}", found)
        _delete(conn, f"DELETE FROM candidate WHERE id IN {IDS}", found)
        _note(progress, "Rewriting the search index…")
        if server:  # the search rows went by cascade; any a trigger wrote back go here
            _delete(conn, f"DELETE FROM candidate_fts WHERE id IN {IDS}", found)
        else:
            wipe_search_index(conn)
        conn.execute(
            text(
                "INSERT INTO audit_entry (occurred_at, kind, count, detail)"
                " VALUES (:at, :kind, :count, :detail)"
            ),
            {"at": to_db(now), "kind": AUDIT_KIND, "count": len(found), "detail": detail},
        )
    return Erased(found, suppressed, redacted, changed)


def _everything_about(ids: list[int]) -> Changes:
    flags = ("candidate_list", "pools", "reminders", "mail", "vacancies", "lists")
    return Changes.of(ids, **dict.fromkeys(flags, True))


def _note(progress: Callable[[str], None] | None, what: str) -> None:
    if progress is not None:
        progress(what)


def _people(conn: Connection, ids: list[int]) -> dict[int, PersonKeys]:
    query = text(server_sql(str(_PEOPLE))) if on_server_conn(conn) else _PEOPLE
    return people_keys(conn.execute(query, {"ids": json.dumps(ids)}))


def people_keys(rows: Iterable[Sequence[Any]]) -> dict[int, PersonKeys]:
    """Rows of (id, email, linkedin_url, phone, country, other e-mails one a line, outbox
    addresses comma-separated) → what identifies each person for suppression."""
    people: dict[int, PersonKeys] = {}
    for cid, email, url, phone, country, others, sent_to in rows:
        emails = [email, *(others or "").split("\n"), *(sent_to or "").split(",")]
        people[int(cid)] = PersonKeys(tuple(e for e in emails if e), url, phone, country)
    return people


def _key(conn: Connection) -> bytes:
    """The database's suppression key, made at the first erasure (see suppression.py)."""
    stored = conn.execute(
        text("SELECT value FROM app_setting WHERE key = :key"), {"key": KEY_SETTING}
    ).scalar()
    key = parse_key(stored)
    if key is not None:
        return key
    made = new_key()
    conn.execute(
        text(
            "INSERT INTO app_setting (key, value) VALUES (:key, :value)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        ),
        {"key": KEY_SETTING, "value": json.dumps(made)},
    )
    return bytes.fromhex(made)


def _suppress(conn: Connection, people: list[PersonKeys], now: datetime) -> int:
    rows = [
        {"kind": kind, "hash": h, "at": to_db(now)}
        for kind, h in sorted(hashes_of(_key(conn), people))
    ]
    if rows:
        conn.execute(text(_SUPPRESS_ON_SERVER if on_server_conn(conn) else _SUPPRESS), rows)
    return len(rows)


_SUPPRESS = (
    "INSERT OR IGNORE INTO suppression (kind, key_hash, erased_at) VALUES (:kind, :hash, :at)"
)
_SUPPRESS_ON_SERVER = (
    "INSERT INTO suppression (kind, key_hash, erased_at) VALUES (:kind, :hash, :at)"
    " ON CONFLICT DO NOTHING"
)


def _delete(conn: Connection, sql: str, ids: list[int]) -> None:
    if on_server_conn(conn):
        sql = server_sql(sql)
    conn.execute(text(sql), {"ids": json.dumps(ids)})
