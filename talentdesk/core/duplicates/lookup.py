"""Who already has this e-mail address, LinkedIn URL or phone number: asked while a candidate
is entered by hand, so the recruiter opens the existing person instead of adding them twice.

Plain SQL on the reader connection (the window's own), so the form can ask as it is typed:
- e-mail: every address of everyone (primary and secondary), compared without letter case;
- LinkedIn: the stored form is normalised, so one index lookup;
- phone: compared as E.164 in each person's country (core/duplicates/phones.py). The column
  holds numbers as typed, so SQLite narrows to numbers ending in the same last seven digits
  (one pass over the rows with a phone), and only those are parsed.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from talentdesk.core.db.reader import ReadConnection
from talentdesk.core.duplicates.phones import e164
from talentdesk.core.normalize import normalise_email, normalise_linkedin_url

_SUFFIX_DIGITS = 7
# The phone column without what people type between digits.
_DIGITS_SQL = "phone"
for _sep in (" ", "-", "(", ")", ".", "/", "+"):
    _DIGITS_SQL = f"replace({_DIGITS_SQL}, '{_sep}', '')"


class Match(NamedTuple):
    id: int
    name: str
    reason: str  # "the same e-mail address"


def matching_people(
    connection: ReadConnection,
    email: str | None = None,
    linkedin: str | None = None,
    phone: str | None = None,
    country: str | None = None,
    exclude_id: int | None = None,
    other_emails: tuple[str, ...] = (),
) -> list[Match]:
    """Everyone (but `exclude_id`) sharing an address, the LinkedIn URL or the phone number;
    one entry per person, reasons joined ("the same e-mail address and phone number")."""
    reasons: dict[int, list[str]] = {}
    addresses = [a for a in (email, *other_emails) if a and a.strip()]
    for found in _by_email(connection, addresses):
        reasons.setdefault(found, []).append("e-mail address")
    for found in _by_linkedin(connection, linkedin):
        reasons.setdefault(found, []).append("LinkedIn profile")
    for found in _by_phone(connection, phone, country):
        reasons.setdefault(found, []).append("phone number")
    if exclude_id is not None:
        reasons.pop(exclude_id, None)
    if not reasons:
        return []
    names = _names(connection, list(reasons))
    return [
        Match(cid, names.get(cid, f"#{cid}"), "the same " + " and ".join(dict.fromkeys(why)))
        for cid, why in sorted(reasons.items(), key=lambda item: names.get(item[0], ""))
        if cid in names
    ]


def _by_email(connection: ReadConnection, addresses: list[str]) -> set[int]:
    wanted = sorted({_tidy(a) for a in addresses})
    if not wanted:
        return set()
    # NOCASE folds ASCII letters only, as addresses are written; it cannot use the index
    # (stored as typed), but a pass over 100,000 short strings takes about 10 ms.
    marks = ", ".join("?" * len(wanted))
    found = connection.execute(
        f"SELECT id FROM candidate WHERE email COLLATE NOCASE IN ({marks})"
        f" UNION SELECT candidate_id FROM candidate_email WHERE email COLLATE NOCASE IN ({marks})",
        [*wanted, *wanted],
    )
    return {cid for (cid,) in found}


def _tidy(address: str) -> str:
    try:
        return normalise_email(address)
    except ValueError:
        return address.strip()


def _by_linkedin(connection: ReadConnection, url: str | None) -> set[int]:
    if not url or not url.strip():
        return set()
    try:
        normal = normalise_linkedin_url(url)
    except ValueError:
        return set()
    found = connection.execute("SELECT id FROM candidate WHERE linkedin_url = ?", (normal,))
    return {cid for (cid,) in found}


def _by_phone(connection: ReadConnection, phone: str | None, country: str | None) -> set[int]:
    target = e164(phone, country)
    if target is None:
        return set()
    digits = re.sub(r"\D", "", target)[-_SUFFIX_DIGITS:]
    # The last two digits as typed first (cheap, and they are rarely split), then the last
    # seven without separators: only a handful of numbers are parsed.
    found = connection.execute(
        f"SELECT id, phone, country FROM candidate WHERE phone IS NOT NULL"
        f" AND substr(rtrim(phone), -2) = ? AND {_DIGITS_SQL} LIKE ?",
        (digits[-2:], "%" + digits),
    )
    return {cid for cid, raw, their_country in found if e164(raw, their_country) == target}


def _names(connection: ReadConnection, ids: list[int]) -> dict[int, str]:
    marks = ", ".join("?" * len(ids))
    found = connection.execute(
        f"SELECT id, first_name, last_name FROM candidate WHERE id IN ({marks})", ids
    )
    return {cid: f"{first} {last}".strip() for cid, first, last in found}
