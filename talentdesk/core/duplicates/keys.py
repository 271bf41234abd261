"""Values two people should never share: e-mail addresses, LinkedIn URLs and phone numbers.

Each is grouped once (SQL `GROUP BY`, a sort: n log n), never compared pair by pair. Phone
numbers are typed every which way, so they are first grouped by their last digits (cheap), and
only the numbers that share those are read properly as E.164 (phonenumbers is ~20 µs a number).
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from talentdesk.core.db.reader import ReadConnection, on_server
from talentdesk.core.duplicates import server_keys
from talentdesk.core.duplicates.phones import e164
from talentdesk.core.duplicates.records import ReasonKind

# More people than this sharing one value: a placeholder ("n/a@none.com", an office number),
# not one person's, and listing every pair among them would help nobody.
MAX_SHARED = 10
# Enough of a number's end to tell numbers apart cheaply; any two numbers that are the same in
# E.164 end in the same digits (a national prefix or a country code only adds in front).
_TAIL_DIGITS = 7
# Where an extension ("x12", "ext. 12", "wew. 12") or a second number begins.
_EXTENSION = re.compile(r"[A-Za-z;,]")
_NOT_DIGIT = re.compile(r"\D")

_EMAILS_SQL = """
SELECT k, group_concat(id) FROM (
    SELECT td_casefold(trim(email)) AS k, id FROM candidate
    WHERE email IS NOT NULL AND trim(email) <> ''
    UNION
    SELECT td_casefold(trim(email)), candidate_id FROM candidate_email WHERE trim(email) <> ''
) GROUP BY k HAVING count(*) > 1
"""
_LINKEDIN_SQL = """
SELECT min(linkedin_url), group_concat(id) FROM candidate
WHERE linkedin_url IS NOT NULL AND trim(linkedin_url) <> ''
GROUP BY td_casefold(rtrim(trim(linkedin_url), '/')) HAVING count(*) > 1
"""


@dataclass(frozen=True)
class Shared:
    """People who share one value (an address, a URL, a number)."""

    kind: ReasonKind
    value: str
    ids: tuple[int, ...]  # ascending


def shared_emails(reader: ReadConnection) -> Iterator[Shared]:
    """Any of one person's addresses (the main one or another) equal to any of another's,
    ignoring case."""
    if on_server(reader):
        yield from server_keys.shared_emails(reader)
        return
    _add_casefold(cast(sqlite3.Connection, reader))
    for value, ids in reader.execute(_EMAILS_SQL):
        yield Shared(ReasonKind.EMAIL, value, _ids(ids))


def shared_linkedin(reader: ReadConnection) -> Iterator[Shared]:
    """The same profile (URLs are normalised when saved; the case of a slug does not count)."""
    if on_server(reader):
        yield from server_keys.shared_linkedin(reader)
        return
    _add_casefold(cast(sqlite3.Connection, reader))
    for value, ids in reader.execute(_LINKEDIN_SQL):
        yield Shared(ReasonKind.LINKEDIN, value, _ids(ids))


def shared_phones(reader: ReadConnection) -> Iterator[Shared]:
    """The same number in E.164, each read in its owner's country when it has no prefix."""
    by_tail: dict[str, list[tuple[int, str, str | None]]] = defaultdict(list)
    rows = reader.execute(
        "SELECT id, phone, country FROM candidate WHERE phone IS NOT NULL AND phone <> ''"
    )
    for candidate_id, phone, country in rows:
        tail = _tail(phone)
        if tail is not None:
            by_tail[tail].append((candidate_id, phone, country))
    by_number: dict[str, set[int]] = defaultdict(set)
    for people in by_tail.values():
        if len(people) < 2:
            continue
        for candidate_id, phone, country in people:
            number = e164(phone, country)
            if number is not None:
                by_number[number].add(candidate_id)
    for number, ids in by_number.items():
        if len(ids) > 1:
            yield Shared(ReasonKind.PHONE, number, tuple(sorted(ids)))


def _add_casefold(reader: sqlite3.Connection) -> None:
    """`td_casefold(text)`: SQLite's lower() leaves letters beyond ASCII as they are ("Ł")."""
    reader.create_function("td_casefold", 1, casefold, deterministic=True)


def casefold(text: str | None) -> str | None:
    if text is None:
        return None
    return text.lower() if text.isascii() else text.casefold()


def _tail(phone: str) -> str | None:
    digits = _NOT_DIGIT.sub("", _EXTENSION.split(phone, maxsplit=1)[0])
    return digits[-_TAIL_DIGITS:] if len(digits) >= _TAIL_DIGITS else None


def _ids(joined: str) -> tuple[int, ...]:
    return tuple(sorted({int(part) for part in str(joined).split(",")}))
