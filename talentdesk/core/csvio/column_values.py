"""What a column holds, judged from its values: LinkedIn profile links, e-mail addresses or
phone numbers. The automatic mapping uses it for columns whose header says nothing certain
("URL", "Contact", "Column 7"), so a file's columns map by what is in them."""

from __future__ import annotations

import re
from collections.abc import Sequence

MOSTLY = 0.6  # the share of a column's non-empty values that must be of one kind

_LINKEDIN = re.compile(
    r"(?:https?://)?(?:[a-z]{2,3}\.|www\.)?linkedin\.com/(?:in|pub)/[^\s]+", re.IGNORECASE
)
_EMAIL = re.compile(r"(?:mailto:)?[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;.]{2,}", re.IGNORECASE)
_PHONE_CHARS = re.compile(r"\+?[\d\s()./-]+")
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}")
_AMOUNT = re.compile(r"[\d\s']+[.,]\d{1,2}")  # 18 000.50, not a phone number

# Headers that name no field for certain: their column is judged by its values.
VAGUE_HEADERS = frozenset(
    {
        "url", "link", "links", "web", "website", "www", "profile", "profil", "contact",
        "contacts", "kontakt", "contactinfo", "details", "info", "data", "value", "other",
        "misc", "address", "adres",
    }
)  # fmt: skip


def value_kind(value: str) -> str | None:
    """The field one value looks like: "linkedin_url", "email", "phone", or None."""
    text = value.strip()
    if not text:
        return None
    if _LINKEDIN.fullmatch(text):
        return "linkedin_url"
    if _EMAIL.fullmatch(text):
        return "email"
    if _PHONE_CHARS.fullmatch(text) and not _DATE.fullmatch(text) and not _AMOUNT.fullmatch(text):
        digits = sum(ch.isdigit() for ch in text)
        # 7 to 15 digits (E.164 allows 15); a bare number needs 9, a salary has fewer.
        if 7 <= digits <= 15 and (digits >= 9 or not text.isdigit()):
            return "phone"
    return None


def column_kind(values: Sequence[str]) -> str | None:
    """The field most of the column's non-empty `values` look like, or None."""
    filled = [v for v in values if v.strip()]
    if not filled:
        return None
    counts: dict[str, int] = {}
    for value in filled:
        kind = value_kind(value)
        if kind is not None:
            counts[kind] = counts.get(kind, 0) + 1
    if not counts:
        return None
    kind, count = max(counts.items(), key=lambda item: item[1])
    return kind if count >= MOSTLY * len(filled) else None


def columns_of(rows: Sequence[Sequence[str]], width: int) -> list[list[str]]:
    """The sample rows turned into `width` columns of values (short rows count as empty)."""
    return [[row[i] if i < len(row) else "" for row in rows] for i in range(width)]
