"""Suppression: what is kept of an erased person, so that a later import does not bring them
back — keyed hashes (HMAC-SHA256) of their e-mail addresses, LinkedIn URL and phone number,
each normalised first, and nothing else.

The key is made once, at the first erasure, and kept in the database's own `app_setting`
table rather than on this machine (a keyring) or in the code: suppression has to keep working
on the same database wherever it goes — restored from a backup, moved to a new computer, or
shared by a team later — and a hash made with a lost key matches nothing. A key of its own per
database (not a constant) means the hashes cannot be tested against a list of known addresses
by anyone who has only the code.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, text

from talentdesk.core.db.datetimes import from_db
from talentdesk.core.duplicates.phones import e164
from talentdesk.core.normalize import normalise_linkedin_url

KEY_SETTING = "suppression_hmac_key"  # app_setting key; the value: 64 hex digits (JSON string)

EMAIL = "email"
LINKEDIN = "linkedin"
PHONE = "phone"
# The last digits of the number, hashed too: an import looks a row's phone up by its tail
# first, and reads the number as E.164 (some 60 µs a row) only when the tail is suppressed.
PHONE_TAIL = "phone_tail"
TAIL_DIGITS = 7
KINDS = frozenset((EMAIL, LINKEDIN, PHONE, PHONE_TAIL))
_EXTENSION = re.compile(r"[A-Za-z;,]")
_NOT_DIGIT = re.compile(r"\D")


def _fold(text: str) -> str:
    return text.lower() if text.isascii() else text.casefold()


def email_value(address: str | None) -> str | None:
    """`Anna.Nowak@Example.COM ` → `anna.nowak@example.com` (the local part too: mail systems
    treat it without case, and an import that differs only in case must still match)."""
    text = (address or "").strip()
    return _fold(text) if "@" in text else None


def linkedin_value(url: str | None) -> str | None:
    """`pl.linkedin.com/in/Anna-Nowak/` → `https://linkedin.com/in/anna-nowak`."""
    text = (url or "").strip()
    if not text:
        return None
    try:
        text = normalise_linkedin_url(text)
    except ValueError:
        text = text.rstrip("/")
    return _fold(text) or None


def phone_value(phone: str | None, country: str | None) -> str | None:
    """E.164 (`+48601234567`); None for a number that cannot be placed."""
    return e164(phone, country)


def phone_tail(phone: str | None) -> str | None:
    """The last seven digits (before an extension), as written in any form."""
    digits = _NOT_DIGIT.sub("", _EXTENSION.split(phone or "", maxsplit=1)[0])
    return digits[-TAIL_DIGITS:] if len(digits) >= TAIL_DIGITS else None


@dataclass(frozen=True)
class PersonKeys:
    """What identifies one person for suppression, as typed."""

    emails: tuple[str, ...] = ()
    linkedin_url: str | None = None
    phone: str | None = None
    country: str | None = None

    def values(self, kinds: frozenset[str] = KINDS) -> set[tuple[str, str]]:
        """(kind, normalised value) pairs, of `kinds` only (a phone number costs most)."""
        found: set[tuple[str, str]] = set()
        if EMAIL in kinds:
            found = {(EMAIL, v) for e in self.emails if (v := email_value(e))}
        if LINKEDIN in kinds and (url := linkedin_value(self.linkedin_url)):
            found.add((LINKEDIN, url))
        if PHONE in kinds and (number := phone_value(self.phone, self.country)):
            found.add((PHONE, number))
            if PHONE_TAIL in kinds and (tail := phone_tail(self.phone)):
                found.add((PHONE_TAIL, tail))
        return found


def keyed_hash(key: bytes, kind: str, value: str) -> str:
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


class KeyedHash:
    """`keyed_hash` with the key's two padded blocks hashed once (HMAC as RFC 2104 builds
    it): an import hashes a few values of every row, and this takes 1 µs rather than 2.5."""

    def __init__(self, key: bytes) -> None:
        block = (hashlib.sha256(key).digest() if len(key) > 64 else key).ljust(64, b"\0")
        self._inner = hashlib.sha256(bytes(b ^ 0x36 for b in block))
        self._outer = hashlib.sha256(bytes(b ^ 0x5C for b in block))

    def __call__(self, kind: str, value: str) -> str:
        inner = self._inner.copy()
        inner.update(f"{kind}:{value}".encode())
        outer = self._outer.copy()
        outer.update(inner.digest())
        return outer.hexdigest()


def new_key() -> str:
    return secrets.token_hex(32)


def parse_key(stored: object) -> bytes | None:
    """The key from its stored JSON value; None when there is none (no erasure yet)."""
    if isinstance(stored, str) and stored.startswith('"'):
        stored = json.loads(stored)
    if not isinstance(stored, str) or len(stored) != 64:
        return None
    try:
        return bytes.fromhex(stored)
    except ValueError:
        return None


class SuppressionList:
    """The suppression entries of one database, read once (a few per erased person), for an
    import to look each row up in."""

    def __init__(
        self, key: bytes | None, entries: dict[str, datetime], kinds: frozenset[str] = KINDS
    ) -> None:
        self._hash = None if key is None else KeyedHash(key)
        self._entries = entries
        self._kinds = kinds  # the kinds there are entries of

    @classmethod
    def read(
        cls, cur: sqlite3.Cursor | sqlite3.Connection, schema: str = "main"
    ) -> SuppressionList:
        row = cur.execute(
            f"SELECT value FROM {schema}.app_setting WHERE key = ?", (KEY_SETTING,)
        ).fetchone()
        key = None if row is None else parse_key(row[0])
        if key is None:
            return cls(None, {})
        entries: dict[str, datetime] = {}
        kinds: set[str] = set()
        for kind, h, at in cur.execute(
            f"SELECT kind, key_hash, erased_at FROM {schema}.suppression"
        ):
            entries[str(h)] = from_db(str(at))
            kinds.add(str(kind))
        return cls(key, entries, frozenset(kinds))

    @classmethod
    def of_connection(cls, conn: Connection) -> SuppressionList:
        """The list read through SQLAlchemy (a team database's connection)."""
        stored = conn.execute(
            text("SELECT value FROM app_setting WHERE key = :key"), {"key": KEY_SETTING}
        ).scalar()
        key = parse_key(stored)
        if key is None:
            return cls(None, {})
        rows = conn.execute(text("SELECT kind, key_hash, erased_at FROM suppression")).all()
        entries = {str(h): from_db(at) for _kind, h, at in rows}
        return cls(key, entries, frozenset(str(kind) for kind, _h, _at in rows))

    def __bool__(self) -> bool:
        return bool(self._entries)

    def erased_on(self, person: PersonKeys) -> datetime | None:
        """When this person was erased, if any of their keys is suppressed."""
        if not self._entries or self._hash is None:
            return None
        kinds = self._kinds - {PHONE_TAIL}
        if PHONE_TAIL in self._kinds:  # the number is read only when its tail matches
            tail = phone_tail(person.phone)
            if tail is None or self._hash(PHONE_TAIL, tail) not in self._entries:
                kinds -= {PHONE}
        found = [
            at
            for kind, value in person.values(kinds)
            if (at := self._entries.get(self._hash(kind, value))) is not None
        ]
        return min(found) if found else None


def erased_on(
    cur: sqlite3.Cursor | sqlite3.Connection,
    emails: Iterable[str | None],
    linkedin_url: str | None = None,
    phone: str | None = None,
    country: str | None = None,
) -> datetime | None:
    """When the person with these contact details was erased, if any of them is suppressed
    (adding someone by hand asks this before saving them; see ErasureService.erased_on)."""
    listing = SuppressionList.read(cur)
    if not listing:
        return None
    person = PersonKeys(tuple(e for e in emails if e), linkedin_url, phone, country)
    return listing.erased_on(person)


def hashes_of(key: bytes, people: Iterable[PersonKeys]) -> set[tuple[str, str]]:
    """(kind, key hash) of every key of `people`."""
    return {(kind, keyed_hash(key, kind, value)) for p in people for kind, value in p.values()}
