"""Helpers shared by the sample data and the bulk seeder."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime

_TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ł": "l", "Ł": "L", "ı": "i", "ø": "o"}
)


def ascii_slug(text: str) -> str:
    """`Jürgen` → `juergen`, `Łukasz` → `lukasz`, `O'Connor` → `oconnor`."""
    folded = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATION).lower())
    return "".join(ch for ch in folded if ch.isascii() and ch.isalnum())


def aware_utc(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("`now` must be an aware datetime")
    return now.astimezone(UTC)
