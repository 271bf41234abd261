"""The write side of a CSV import: new candidates go straight to the importer's sqlite3
connection with `executemany`, a batch at a time, inside the import's one transaction; who the
import has already met is kept in TEMP tables, so a million-row file does not live in Python.

Per-row ORM inserts cost about a millisecond each, most of it in SQLAlchemy and in the search
triggers, which rebuild a new candidate's `candidate_fts` row once for the candidate and again
for each of its e-mails and tags. While a batch is inserted those three triggers are dropped
and the writer inserts each search row once, built the way the triggers build it; they are
created again from their own stored SQL before anything else writes (updates of existing
candidates go through the ORM with the triggers in place) and before the commit. DDL is
transactional in SQLite: a rollback (cancel, error, a killed process) restores them too.
"""

from __future__ import annotations

import operator
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Dialect

from talentdesk.core.db.datetimes import to_db
from talentdesk.core.db.enums import InteractionKind, TagCategory
from talentdesk.core.db.models import Candidate
from talentdesk.core.folding import CURRENT_FOLD
from talentdesk.core.normalize import sort_key
from talentdesk.core.records import PLAIN_FIELDS, CandidateRecord, TagRef

# The triggers that fire on the writer's inserts: the search index's for a candidate, its
# e-mails and its tags, and last_contact_at's for an interaction, which skips notes (the only
# kind the writer inserts) but still costs a trigger call per row.
SUSPENDED_TRIGGERS = (
    "trg_candidate_fts_insert",
    "trg_candidate_email_fts_insert",
    "trg_candidate_tag_fts_insert",
    "trg_interaction_last_contact_insert",
)
_FOLD = str.maketrans(CURRENT_FOLD)  # what the triggers fold in SQL
_PARAMS_PER_QUERY = 500  # well below SQLite's host-parameter limit on any build
_INSERT_CANDIDATE = (
    f"INSERT INTO candidate (id, {', '.join(PLAIN_FIELDS)}, sort_name, created_at, updated_at) "
    f"VALUES ({', '.join('?' * (len(PLAIN_FIELDS) + 4))})"
)
_INSERT_EMAIL = "INSERT INTO candidate_email (candidate_id, email) VALUES (?, ?)"
_INSERT_TAG_LINK = "INSERT INTO candidate_tag (candidate_id, tag_id) VALUES (?, ?)"
_INSERT_INTERACTION = (
    "INSERT INTO interaction (candidate_id, kind, occurred_at, subject, created_at) "
    "VALUES (?, ?, ?, ?, ?)"
)
_INSERT_MEMBERSHIP = (
    "INSERT INTO pool_membership (candidate_id, pool_id, stage_id, near_fit, added_at) "
    "VALUES (?, ?, ?, 0, ?)"
)
_INSERT_FTS = (
    "INSERT INTO candidate_fts (rowid, name, email, title, company, city, tags, notes) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)

_NOTES = PLAIN_FIELDS.index("notes")
_plain_values = operator.attrgetter(*PLAIN_FIELDS)

TagKey = tuple[TagCategory, str]  # (category, casefolded name), as services.candidates keys tags


class Triggers:
    """Drops and recreates the triggers in SUSPENDED_TRIGGERS, from the SQL the database holds."""

    def __init__(self, cur: sqlite3.Cursor) -> None:
        marks = ", ".join("?" * len(SUSPENDED_TRIGGERS))
        self._cur = cur
        self._sql: list[tuple[str, str]] = cur.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})",
            SUSPENDED_TRIGGERS,
        ).fetchall()
        self.suspended = False

    def suspend(self) -> None:
        if not self.suspended:
            for name, _sql in self._sql:
                self._cur.execute(f"DROP TRIGGER {name}")
            self.suspended = True

    def restore(self) -> None:
        if self.suspended:
            for _name, sql in self._sql:
                self._cur.execute(sql)
            self.suspended = False


class KeyIndex:
    """Duplicate keys ("email:…" lower-cased, "url:…") in TEMP tables of the import's
    transaction: `seen` maps a key to the first file row that had it, `known` to the candidate
    that had it when the import began; `names` maps "sort name␟casefolded company" of those
    candidates to one of them. The first one wins, as the dictionaries this replaces did."""

    def __init__(self, cur: sqlite3.Cursor) -> None:
        self._cur = cur
        conn = cur.connection
        # Python's case mapping, not SQLite's ASCII-only lower(), as the file's keys use.
        conn.create_function("td_lower", 1, str.lower, deterministic=True)
        conn.create_function("td_casefold", 1, str.casefold, deterministic=True)
        for table in ("seen", "known", "names"):
            value = "row" if table == "seen" else "cid"
            cur.execute(f"DROP TABLE IF EXISTS temp.import_{table}")
            cur.execute(
                f"CREATE TEMP TABLE import_{table} "
                f"(key TEXT PRIMARY KEY, {value} INTEGER NOT NULL) WITHOUT ROWID"
            )
        for select in (
            "SELECT 'email:' || td_lower(email), id FROM candidate"
            " WHERE email IS NOT NULL AND email <> '' ORDER BY id",
            "SELECT 'url:' || linkedin_url, id FROM candidate"
            " WHERE linkedin_url IS NOT NULL AND linkedin_url <> '' ORDER BY id",
            "SELECT 'email:' || td_lower(email), candidate_id FROM candidate_email ORDER BY id",
        ):
            cur.execute(f"INSERT OR IGNORE INTO temp.import_known (key, cid) {select}")
        cur.execute(
            "INSERT OR IGNORE INTO temp.import_names (key, cid) "
            "SELECT sort_name || char(31) || td_casefold(company), id FROM candidate"
            " WHERE company IS NOT NULL AND company <> '' ORDER BY id"
        )
        self._any_known = self._any("known")
        self.has_names = self._any("names")

    def _any(self, table: str) -> bool:
        return (
            self._cur.execute(f"SELECT 1 FROM temp.import_{table} LIMIT 1").fetchone() is not None
        )

    def seen(self, keys: Sequence[str]) -> dict[str, int]:
        return self._lookup("seen", keys)

    def known(self, keys: Sequence[str]) -> dict[str, int]:
        return self._lookup("known", keys) if self._any_known else {}

    def names(self, keys: Sequence[str]) -> dict[str, int]:
        return self._lookup("names", keys) if self.has_names else {}

    def remember(self, first_rows: Iterable[tuple[str, int]]) -> None:
        """Keys met for the first time, with the row that had them."""
        self._cur.executemany("INSERT INTO temp.import_seen (key, row) VALUES (?, ?)", first_rows)

    def _lookup(self, table: str, keys: Sequence[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), _PARAMS_PER_QUERY):
            chunk = unique[start : start + _PARAMS_PER_QUERY]
            marks = ", ".join("?" * len(chunk))
            query = f"SELECT * FROM temp.import_{table} WHERE key IN ({marks})"
            found.update(self._cur.execute(query, chunk).fetchall())
        return found

    def drop(self) -> None:
        for table in ("seen", "known", "names"):
            self._cur.execute(f"DROP TABLE temp.import_{table}")
        conn = self._cur.connection
        conn.create_function("td_lower", 1, None)
        conn.create_function("td_casefold", 1, None)


def name_key(record: CandidateRecord) -> str | None:
    """The `KeyIndex.names` key of a record: only a record with a company has one."""
    if not record.company:
        return None
    return f"{sort_key(record.full_name)}\x1f{record.company.casefold()}"


class CandidateWriter:
    """Buffers new candidates (with their e-mails, tags, "Imported from" note, pool membership
    and search row) and inserts them with `executemany` on `flush`."""

    def __init__(
        self,
        cur: sqlite3.Cursor,
        dialect: Dialect,
        now: datetime,
        subject: str,
        pool_id: int | None,
        stage_id: int | None,
    ) -> None:
        self._cur = cur
        self._now = to_db(now)
        self._subject = subject
        self._pool = (pool_id, stage_id) if pool_id is not None and stage_id is not None else None
        (max_id,) = cur.execute("SELECT coalesce(max(id), 0) FROM candidate").fetchone()
        self._next_id = int(max_id) + 1
        # SQLAlchemy's own conversions (enum values, dates, amounts) for the typed columns.
        table = Candidate.__table__
        self._convert: list[tuple[int, Callable[[Any], Any]]] = []
        for position, name in enumerate(PLAIN_FIELDS):
            column_type = table.c[name].type
            process = column_type.dialect_impl(dialect).bind_processor(dialect)
            if process is not None:
                self._convert.append((position, process))
        self.tags: dict[TagKey, tuple[int, str]] = {}  # key → (id, stored name)
        self._candidates: list[list[Any]] = []
        self._emails: list[tuple[int, str]] = []
        self._tag_links: list[tuple[int, int]] = []
        self._search: list[tuple[Any, ...]] = []

    def tag(self, ref: TagRef) -> tuple[int, str]:
        """The tag for `ref`, found or created as services.candidates.tag_for does."""
        key = (ref.category, ref.name.casefold())
        found = self.tags.get(key)
        if found is None:
            row = self._cur.execute(
                "SELECT id, name FROM tag WHERE category = ? AND lower(name) = ?",
                (ref.category.value, ref.name.lower()),
            ).fetchone()
            if row is None:
                self._cur.execute(
                    "INSERT INTO tag (name, category) VALUES (?, ?)", (ref.name, ref.category.value)
                )
                row = (self._cur.lastrowid, ref.name)
            found = self.tags[key] = (int(row[0]), str(row[1]))
        return found

    def add(self, record: CandidateRecord, notes: str | None) -> int:
        """Buffer a validated record as a new candidate with `notes`; its id is returned."""
        cid = self._next_id
        self._next_id += 1
        values = list(_plain_values(record))
        values[_NOTES] = notes
        for position, process in self._convert:
            if values[position] is not None:
                values[position] = process(values[position])
        self._candidates.append(
            [
                cid,
                *values,
                sort_key(f"{record.first_name} {record.last_name}"),
                self._now,
                self._now,
            ]
        )
        self._emails.extend((cid, address) for address in record.other_emails)
        tags = sorted({self.tag(ref) for ref in record.tags})  # by id, as the FTS trigger reads
        self._tag_links.extend((cid, tag_id) for tag_id, _name in tags)
        # The search row exactly as the FTS triggers build it (db/triggers.py).
        self._search.append(
            (
                cid,
                *(
                    text if text.isascii() else text.translate(_FOLD)
                    for text in (
                        f"{record.first_name} {record.last_name}",
                        f"{record.email or ''} {' '.join(record.other_emails)}",
                        record.title or "",
                        record.company or "",
                        record.city or "",
                        " ".join(name for _id, name in tags),
                        notes or "",
                    )
                ),
            )
        )
        return cid

    def flush(self, triggers: Triggers) -> None:
        if not self._candidates:
            return
        triggers.suspend()
        cur, now = self._cur, self._now
        ids = [row[0] for row in self._candidates]
        # The CHECKs are `kind IN (…)` lists, which SQLite builds into a lookup table again for
        # every inserted row: a third of the candidate insert. Here every such value comes from
        # the enums through SQLAlchemy's own conversion, so the checks cannot fail.
        cur.execute("PRAGMA ignore_check_constraints = ON")
        try:
            cur.executemany(_INSERT_CANDIDATE, self._candidates)
            cur.executemany(_INSERT_EMAIL, self._emails)
            cur.executemany(_INSERT_TAG_LINK, self._tag_links)
            cur.executemany(
                _INSERT_INTERACTION,
                ((cid, InteractionKind.NOTE.value, now, self._subject, now) for cid in ids),
            )
            if self._pool is not None:
                pool_id, stage_id = self._pool
                cur.executemany(_INSERT_MEMBERSHIP, ((cid, pool_id, stage_id, now) for cid in ids))
        finally:
            cur.execute("PRAGMA ignore_check_constraints = OFF")
        cur.executemany(_INSERT_FTS, self._search)
        self._candidates, self._emails, self._tag_links, self._search = [], [], [], []
