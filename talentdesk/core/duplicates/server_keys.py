"""Shared e-mail addresses and LinkedIn URLs on a team database (PostgreSQL): keys.py's
grouping done here in Python, over one read of the values, so that a value is folded exactly
as SQLite's `td_casefold` (Python's casefold, registered on the local file's connection) folds
it: the server's own lower() does not fold as Python does ("ß" stays, "ǅ" differs), and the
groups must be the same on both. Groups come out in the order SQLite's GROUP BY gives them
(the key's code points)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from talentdesk.core.db.reader import ReadConnection
from talentdesk.core.duplicates.records import ReasonKind

if TYPE_CHECKING:
    from talentdesk.core.duplicates.keys import Shared

_EMAILS = (
    "SELECT email, id FROM candidate WHERE email IS NOT NULL"
    " UNION ALL SELECT email, candidate_id FROM candidate_email"
)
_LINKEDIN = "SELECT linkedin_url, id FROM candidate WHERE linkedin_url IS NOT NULL"


def _trim(value: str) -> str:
    return value.strip(" ")  # SQLite's trim(x): spaces only


def shared_emails(reader: ReadConnection) -> Iterator[Shared]:
    from talentdesk.core.duplicates.keys import Shared, casefold

    groups: dict[str, set[int]] = defaultdict(set)
    for email, candidate_id in reader.execute(_EMAILS):
        trimmed = _trim(str(email))
        if trimmed:
            groups[casefold(trimmed) or ""].add(int(candidate_id))
    for key in sorted(groups):
        if len(groups[key]) > 1:
            yield Shared(ReasonKind.EMAIL, key, tuple(sorted(groups[key])))


def shared_linkedin(reader: ReadConnection) -> Iterator[Shared]:
    from talentdesk.core.duplicates.keys import Shared, casefold

    groups: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for url, candidate_id in reader.execute(_LINKEDIN):
        trimmed = _trim(str(url))
        if trimmed:
            groups[casefold(trimmed.rstrip("/")) or ""].append((str(url), int(candidate_id)))
    for key in sorted(groups):
        members = groups[key]
        if len(members) > 1:
            first = min(url for url, _ in members)
            yield Shared(ReasonKind.LINKEDIN, first, tuple(sorted({c for _, c in members})))
