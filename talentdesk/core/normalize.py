"""Normalising and validating what users type: e-mail addresses and LinkedIn profile URLs."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from talentdesk.core.folding import CURRENT_FOLD

_LINKEDIN_HOST = re.compile(r"^(?:[a-z]{2,3}\.|www\.)?linkedin\.com$")


def normalise_email(value: str) -> str:
    """A trimmed address, validated without DNS; raises ValueError with a readable reason."""
    from email_validator import EmailNotValidError, validate_email  # 20 ms: not at start-up

    candidate = value.strip()
    try:
        result = validate_email(candidate, check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValueError(str(exc)) from exc
    return result.normalized


def normalise_linkedin_url(value: str) -> str:
    """https://linkedin.com/in/slug: https, no www or country subdomain, no query, no slash.

    Accepts what people paste: with or without scheme, `pl.linkedin.com`, tracking queries.
    Raises ValueError for anything that is not a LinkedIn URL.
    """
    text = value.strip()
    if not text:
        raise ValueError("the URL is empty")
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    host = (parts.hostname or "").lower()
    if parts.scheme not in {"http", "https"} or not _LINKEDIN_HOST.match(host):
        raise ValueError("not a LinkedIn address (expected linkedin.com/in/…)")
    path = re.sub(r"/{2,}", "/", parts.path).rstrip("/")
    if not path or path == "/":
        raise ValueError("the LinkedIn address has no profile path")
    return f"https://linkedin.com{path}"


def sort_key(text: str) -> str:
    """Text folded for ordering: "Łukasz Wiśniewski" sorts as "lukasz wisniewski", among the Ls.

    SQLite's NOCASE only folds ASCII, and a Python collation would run per comparison; a stored
    key sorts 100,000 names from an index.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(str.maketrans(CURRENT_FOLD)))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())
