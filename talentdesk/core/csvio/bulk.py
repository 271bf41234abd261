"""What an import shares between its two phases (see csvio/importer.py): the search triggers it
suspends while rows go in, and who it has already met, kept in tables of the stage (a
million-row file does not live in Python).

Per-row inserts with the search triggers in place cost about a millisecond each: the triggers
index a new candidate's `candidate_fts` row once for the candidate and take it out and put it
back for each of its e-mails and tags. While the staged rows are moved in those triggers are
dropped and each search row, staged exactly as the search view (db/triggers.py) shows it, goes
in once; they are created again from their own stored SQL before the commit. DDL is
transactional in SQLite: a rollback (an error, a killed process) restores them too.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from talentdesk.core.normalize import sort_key
from talentdesk.core.records import CandidateRecord

# The triggers that fire on the move's inserts: the search index's for a candidate, its
# e-mails and its tags (the import writes no timeline entries: its record says where people
# came from, core/csvio/import_record.py).
SUSPENDED_TRIGGERS = (
    "trg_candidate_fts_insert",
    "trg_candidate_email_fts_insert_before",
    "trg_candidate_email_fts_insert_after",
    "trg_candidate_tag_fts_insert_before",
    "trg_candidate_tag_fts_insert_after",
)
PARAMS_PER_QUERY = 500  # well below SQLite's host-parameter limit on any build
# The keys of the file met so far are kept in a dictionary up to this many (~150 bytes each:
# the two keys of 100,000 rows), and beyond it in the stage: a lookup in memory costs a
# twentieth of one in SQL, and a 1,000,000-row file still does not live in Python.
SEEN_IN_MEMORY = 200_000
_REMEMBER = "INSERT INTO stage.import_seen (key, row) VALUES (?, ?)"

# Where the duplicate keys of the database's candidates come from, in the order in which the
# first one wins: (key, candidate id, table, condition). Python's case mapping (td_lower), not
# SQLite's ASCII-only lower(), as the file's keys use.
KEY_SOURCES = (
    ("'email:' || td_lower(email)", "id", "candidate", "email IS NOT NULL AND email <> ''"),
    (
        "'url:' || linkedin_url",
        "id",
        "candidate",
        "linkedin_url IS NOT NULL AND linkedin_url <> ''",
    ),
    ("'email:' || td_lower(email)", "candidate_id", "candidate_email", "1"),
)

# name_key in SQL, over a table with sort_name and company: (the key, when there is one).
NAME_KEY = (
    "sort_name || char(31) || td_casefold(company)",
    "company IS NOT NULL AND company <> ''",
)


def key_functions(conn: sqlite3.Connection, on: bool = True) -> None:
    """The SQL functions the key tables are built with (on), or their removal (off)."""
    conn.create_function("td_lower", 1, str.lower if on else None, deterministic=True)
    conn.create_function("td_casefold", 1, str.casefold if on else None, deterministic=True)


class Triggers:
    """Drops and recreates the triggers in SUSPENDED_TRIGGERS, from the SQL the database holds."""

    def __init__(self, cur: sqlite3.Cursor) -> None:
        marks = ", ".join("?" * len(SUSPENDED_TRIGGERS))
        self._cur = cur
        self._sql: list[tuple[str, str]] = cur.execute(
            "SELECT name, sql FROM main.sqlite_master"
            f" WHERE type = 'trigger' AND name IN ({marks})",
            SUSPENDED_TRIGGERS,
        ).fetchall()
        self.suspended = False

    def suspend(self) -> None:
        if not self.suspended:
            for name, _sql in self._sql:
                self._cur.execute(f"DROP TRIGGER main.{name}")
            self.suspended = True

    def restore(self) -> None:
        if self.suspended:
            for _name, sql in self._sql:
                self._cur.execute(sql)
            self.suspended = False


class KeyIndex:
    """Duplicate keys ("email:…" lower-cased, "url:…"): `seen` maps a key to the first file
    row that had it (in memory, then in the stage), `known` (a table of the stage) to the
    candidate that had it in the snapshot the import decides against;
    `names` maps "sort name␟casefolded company" of those candidates to one of them. The first
    one wins, as the dictionaries this replaces did."""

    def __init__(self, cur: sqlite3.Cursor) -> None:
        self._cur = cur
        key_functions(cur.connection)
        for table in ("seen", "known", "names"):
            value = "row" if table == "seen" else "cid"
            cur.execute(
                f"CREATE TABLE stage.import_{table} "
                f"(key TEXT PRIMARY KEY, {value} INTEGER NOT NULL) WITHOUT ROWID"
            )
        for key, cid, table, condition in KEY_SOURCES:
            cur.execute(
                f"INSERT OR IGNORE INTO stage.import_known (key, cid) "
                f"SELECT {key}, {cid} FROM main.{table} WHERE {condition} ORDER BY id"
            )
        key, has_company = NAME_KEY
        cur.execute(
            f"INSERT OR IGNORE INTO stage.import_names (key, cid) SELECT {key}, id"
            f" FROM main.candidate WHERE {has_company} ORDER BY id"
        )
        self._any_known = self._any("known")
        self.has_names = self._any("names")
        self._seen: dict[str, int] = {}
        self._spilled = False  # whether some of the seen keys are in the stage

    def _any(self, table: str) -> bool:
        query = f"SELECT 1 FROM stage.import_{table} LIMIT 1"
        return self._cur.execute(query).fetchone() is not None

    def seen(self, keys: Sequence[str]) -> dict[str, int]:
        memory = self._seen
        found = {key: memory[key] for key in keys if key in memory}
        if self._spilled:
            found.update(self._lookup("seen", "row", [k for k in keys if k not in found]))
        return found

    def known(self, keys: Sequence[str]) -> dict[str, int]:
        return self._lookup("known", "cid", keys) if self._any_known else {}

    def names(self, keys: Sequence[str]) -> dict[str, int]:
        return self._lookup("names", "cid", keys) if self.has_names else {}

    def remember(self, first_rows: Iterable[tuple[str, int]]) -> None:
        """Keys met for the first time, with the row that had them: in memory while there is
        room (SEEN_IN_MEMORY), the rest in the stage."""
        room = SEEN_IN_MEMORY - len(self._seen)
        rows = list(first_rows)
        if len(rows) <= room:
            self._seen.update(rows)
            return
        self._seen.update(rows[: max(room, 0)])
        self._cur.executemany(_REMEMBER, rows[max(room, 0) :])
        self._spilled = True

    def save_seen(self, cur: sqlite3.Cursor) -> None:
        """Put the keys kept in memory into the stage too (through `cur`, which sees it), for a
        query over every key of the file (move.still_holds)."""
        cur.executemany(_REMEMBER, self._seen.items())
        self._seen = {}
        self._spilled = True

    def _lookup(self, table: str, value: str, keys: Sequence[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), PARAMS_PER_QUERY):
            chunk = unique[start : start + PARAMS_PER_QUERY]
            marks = ", ".join("?" * len(chunk))
            query = f"SELECT key, {value} FROM stage.import_{table} WHERE key IN ({marks})"
            found.update(self._cur.execute(query, chunk).fetchall())
        return found


def name_key(record: CandidateRecord) -> str | None:
    """The `KeyIndex.names` key of a record: only a record with a company has one."""
    if not record.company:
        return None
    return f"{sort_key(record.full_name)}\x1f{record.company.casefold()}"


def record_keys(record: CandidateRecord) -> list[str]:
    """A record's duplicate keys, in the order they are looked up."""
    email, others = record.email, record.other_emails
    if others:
        keys = [f"email:{e.lower()}" for e in (email, *others) if e]
    else:  # most rows: no list comprehension for one address
        keys = [f"email:{email.lower()}"] if email else []
    if record.linkedin_url:
        keys.append(f"url:{record.linkedin_url}")
    return keys
