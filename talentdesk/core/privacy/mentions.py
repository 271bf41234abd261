"""Mentions of people being erased in OTHER people's records ("referred by Anna Kowalska,
anna@x.pl" on a colleague's timeline): their full name, e-mail addresses and phone number are
their personal data too, so an erasure replaces them with "[erased]".

Where: the free-text fields of other candidates' profiles (notes, how we know them, motivators,
doubts, competing offers, source), their timeline entries (subject, body) and reminders.

How: the database is searched in SQL first, on both backends: LIKE (ILIKE on a server) with
the surnames in their usual casings (SQLite's LIKE ignores the case of ASCII letters only) and
the addresses, and the phone's digits against the text without separators, each list one JSON
parameter (any number of people). That finds a superset of the rows; only those rows are read,
and the exact patterns (full name in any case and spacing, or "Last, First"; an address; a
phone with or without country code and separators) decide and replace. A single-word name is
not looked for: a first name alone would match strangers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, text

from talentdesk.core.db.candidate_versions import bump
from talentdesk.core.privacy.erasure_sql import on_server_conn, server_sql

REDACTED = "[erased]"

# (table, the person it is about, its free-text columns)
PLACES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "candidate",
        "id",
        ("notes", "relationship_note", "motivators", "doubts", "competing_offers", "source"),
    ),
    ("interaction", "candidate_id", ("subject", "body")),
    ("reminder", "candidate_id", ("note",)),
)
_IDS = "(SELECT value FROM json_each(:ids))"
_WHO = (
    "SELECT c.first_name, c.last_name, c.email, c.phone,"
    " (SELECT group_concat(e.email, char(10)) FROM candidate_email e"
    "  WHERE e.candidate_id = c.id)"
    f" FROM candidate c WHERE c.id IN {_IDS}"
)
# The patterns, each list read from its JSON parameter once (not again for every row).
_PATTERNS = (
    "WITH likes(value) AS MATERIALIZED (SELECT value FROM json_each(:likes)),"
    " phones(value) AS MATERIALIZED (SELECT value FROM json_each(:phones)) "
)
_SERVER_PATTERNS = (
    "WITH likes AS MATERIALIZED (SELECT value"
    " FROM json_array_elements_text(CAST(:likes AS json)) AS n(value)),"
    " phones AS MATERIALIZED (SELECT value"
    " FROM json_array_elements_text(CAST(:phones AS json)) AS n(value)) "
)
# Looked for when erasing at most this many people at once: each is a pattern every text of
# the database is compared with (a whole list erased at once: its mentions stay).
MAX_PEOPLE = 200
_PHONE_TAIL = 9  # the national number: written with or without the country code
_SEPARATORS = " -./()+"
_SEP = r"[\s.\-/()]*"


@dataclass(frozen=True)
class Mentions:
    """How many records of other people mention the people being erased."""

    records: int  # profiles, timeline entries and reminders holding at least one mention
    people: int  # the other people those records are about
    found: int = 0  # the mentions themselves
    too_many: bool = False  # more than MAX_PEOPLE at once: not looked for

    def summary(self) -> str:
        records = "record" if self.records == 1 else "records"
        people = "other person" if self.people == 1 else "other people"
        return f"{self.records:,} {records} of {self.people:,} {people}"


NO_MENTIONS = Mentions(0, 0)
NOT_LOOKED_FOR = Mentions(0, 0, too_many=True)
TOO_MANY = (
    f"More than {MAX_PEOPLE} people at once: their mentions in other people's records are not "
    "looked for (erase fewer at a time to replace them)."
)


@dataclass
class _Found:
    table: str
    row_id: int
    owner: int
    values: dict[str, str]  # column → the text with the mentions replaced
    count: int


class Patterns:
    """What identifies the people being erased, as SQL to narrow and regexes to decide."""

    def __init__(
        self, names: Iterable[list[str]], emails: Iterable[str], phones: Iterable[str]
    ) -> None:
        self.names = [n for n in names if len(n) >= 2]
        self.emails = sorted({e.strip().lower() for e in emails if e and "@" in e})
        self.phones = sorted({d[-_PHONE_TAIL:] for d in map(_digits, phones) if len(d) >= 7})
        self.regex = _regex(self.names, self.emails, self.phones)

    def empty(self) -> bool:
        return self.regex is None

    def params(self) -> dict[str, object]:
        """The LIKE patterns, each list one JSON parameter (any number of people)."""
        surnames = {v for words in self.names for v in _casings(words[-1])}
        likes = [f"%{_escape(v)}%" for v in sorted(surnames | set(self.emails))]
        return {"likes": json.dumps(likes), "phones": json.dumps([f"%{p}%" for p in self.phones])}

    def sql(self, column: str, server: bool) -> str:
        """One condition on `column` true for every text that may hold a mention: a surname
        in a usual casing, an address, or the phone's digits without separators (looked at
        only in a text with three digits in a row). `likes` and `phones`: the patterns,
        tables of `_PATTERNS`."""
        like = "ILIKE" if server else "LIKE"
        found = f"EXISTS (SELECT 1 FROM likes WHERE {column} {like} likes.value ESCAPE '\\')"
        if not self.phones:
            return found
        bare = column
        for sep in _SEPARATORS:
            bare = f"replace({bare}, '{sep}', '')"
        digits = f"{column} ~ '[0-9]{{3}}'" if server else f"{column} GLOB '*[0-9][0-9][0-9]*'"
        phone = f"EXISTS (SELECT 1 FROM phones WHERE {bare} LIKE phones.value)"
        return f"({found} OR ({digits} AND {phone}))"

    def replace(self, value: str) -> tuple[str, int]:
        assert self.regex is not None
        return self.regex.subn(REDACTED, value)


def _digits(value: str | None) -> str:
    return re.sub(r"\D", "", value or "")


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _casings(word: str) -> set[str]:
    return {word, word.lower(), word.upper(), word.capitalize()}


def _regex(names: list[list[str]], emails: list[str], phones: list[str]) -> re.Pattern[str] | None:
    alternatives = []
    for words in names:
        first, last = words[:-1], words[-1:]
        spaced = r"\s+".join(map(re.escape, words))
        backwards = r"\s+".join(map(re.escape, last)) + r"\s*,?\s+"
        backwards += r"\s+".join(map(re.escape, first))
        alternatives.append(rf"(?<!\w)(?:{spaced}|{backwards})(?!\w)")
    alternatives += [rf"(?<![\w.+\-]){re.escape(e)}(?![\w\-]|\.\w)" for e in emails]
    for tail in phones:
        alternatives.append(rf"(?<![\d+])(?:(?:\+|00)?\d{{1,3}}{_SEP})?{_SEP.join(tail)}(?!\d)")
    if not alternatives:
        return None
    return re.compile("|".join(alternatives), re.IGNORECASE)


def patterns_of(conn: Connection, ids: Sequence[int]) -> Patterns:
    """The names, addresses and phones of `ids` (read before they are deleted)."""
    sql = server_sql(_WHO) if on_server_conn(conn) else _WHO
    names, emails, phones = [], [], []
    for first, last, email, phone, others in conn.execute(
        text(sql), {"ids": json.dumps(sorted({int(i) for i in ids}))}
    ):
        names.append(f"{first or ''} {last or ''}".split())
        emails += [email or "", *(others or "").split("\n")]
        phones.append(phone or "")
    return Patterns(names, emails, phones)


def find(conn: Connection, ids: Sequence[int], patterns: Patterns) -> list[_Found]:
    """Every record of someone other than `ids` mentioning them, with the replaced text."""
    if patterns.empty():
        return []
    server = on_server_conn(conn)
    found: list[_Found] = []
    params = patterns.params() | {"ids": json.dumps(sorted({int(i) for i in ids}))}
    for table, owner, columns in PLACES:
        # Most rows have none of these texts: skipped before any pattern is compared.
        some = " OR ".join(f"{c} IS NOT NULL" for c in columns)
        where = " OR ".join(patterns.sql(f"{table}.{c}", server) for c in columns)
        sql = (
            f"{_SERVER_PATTERNS if server else _PATTERNS}"
            f"SELECT id, {owner}, {', '.join(columns)} FROM {table}"
            f" WHERE {owner} NOT IN {_IDS} AND ({some}) AND ({where})"
        )
        for row in conn.execute(text(server_sql(sql) if server else sql), params):
            values, count = {}, 0
            for column, value in zip(columns, row[2:], strict=True):
                if value:
                    replaced, n = patterns.replace(str(value))
                    if n:
                        values[column], count = replaced, count + n
            if count:
                found.append(_Found(table, int(row[0]), int(row[1]), values, count))
    return found


def count(found: list[_Found]) -> Mentions:
    return Mentions(len(found), len({f.owner for f in found}), sum(f.count for f in found))


def redact_found(conn: Connection, found: list[_Found]) -> set[int]:
    """Write the replaced texts (the search index follows by trigger); the people changed."""
    for f in found:
        sets = ", ".join(f"{c} = :{c}" for c in f.values)
        conn.execute(
            text(f"UPDATE {f.table} SET {sets} WHERE id = :id"), {**f.values, "id": f.row_id}
        )
    owners = {f.owner for f in found}
    bump(conn, {f.owner for f in found if f.table == "candidate"})  # an open form is stale
    return owners


def audit_detail(mentions: Mentions) -> str:
    """What the audit log says of a redaction: how much, never whose or what."""
    return f"mentions replaced with {REDACTED} in {mentions.summary()}"
