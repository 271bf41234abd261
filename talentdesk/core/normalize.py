"""Normalising and validating what users type: e-mail addresses and LinkedIn profile URLs."""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import urlsplit

from talentdesk.core.folding import CURRENT_FOLD

_LINKEDIN_HOST = re.compile(r"^(?:[a-z]{2,3}\.|www\.)?linkedin\.com$")
# The usual profile address, in the form an export writes it: a fast path on a large import.
# A slug of word characters in any script (or %-escapes) is a path urlsplit leaves as it is.
_PLAIN_LINKEDIN = re.compile(r"(?:https?://)?(?:[a-z]{2,3}\.|www\.)?linkedin\.com(/in/[\w%-]+)/?")
# The common plain-ASCII address (letters, digits, _ + - in dot-separated atoms; hostname
# labels of at most 63 characters, the last ending in a letter), which email-validator accepts
# unchanged apart from lower-casing the domain.
_PLAIN_EMAIL = re.compile(
    r"([A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*)@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
    r"(?:[A-Za-z0-9][A-Za-z0-9-]{0,61})?[A-Za-z])"
)
_EMAIL_MAX_LENGTH = 254  # email-validator's limit on the whole address


def normalise_email(value: str) -> str:
    """A trimmed address, validated without DNS; raises ValueError with a readable reason."""
    candidate = value.strip()
    plain = plain_email(candidate)
    if plain is not None:
        return plain
    if not candidate.isascii():
        from talentdesk.core.email_common import common_email

        common = common_email(candidate, _email_validator_lists()[0])
        if common is not None:
            return common
    from email_validator import EmailNotValidError, validate_email  # 20 ms: not at start-up

    try:
        result = validate_email(candidate, check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValueError(str(exc)) from exc
    return result.normalized


def plain_email(text: str) -> str | None:
    """email-validator's normal form of `text` when it is a plain ASCII address whose answer is
    certain without running the library (a CSV import validates a million of them), else None.

    Leaves to the library: "--" in the domain (Punycode and R-LDH labels), the RFC 2142
    mailbox names it lower-cases, and the special-use domains it rejects.
    """
    match = _PLAIN_EMAIL.fullmatch(text)
    if match is None or len(text) > _EMAIL_MAX_LENGTH:
        return None
    local, domain = match.groups()
    plain_domain = _plain_domain(domain)
    if plain_domain is None or local.lower() in _email_validator_lists()[0]:
        return None
    return f"{local}@{plain_domain}"


@functools.lru_cache(maxsize=4096)
def _plain_domain(domain: str) -> str | None:
    """A plain address's domain lower-cased, or None when the library is to judge it: a file's
    addresses share a few domains, each looked at once."""
    domain = domain.lower()
    if "--" in domain or _email_validator_lists()[1].search(domain):
        return None
    return domain


@functools.cache
def _email_validator_lists() -> tuple[frozenset[str], re.Pattern[str]]:
    """email-validator's own lists: the mailbox names it lower-cases, and its special-use
    domains as a pattern matching such a domain or any subdomain of one."""
    from email_validator import SPECIAL_USE_DOMAIN_NAMES
    from email_validator.rfc_constants import CASE_INSENSITIVE_MAILBOX_NAMES

    names = "|".join(re.escape(name) for name in SPECIAL_USE_DOMAIN_NAMES)
    return frozenset(CASE_INSENSITIVE_MAILBOX_NAMES), re.compile(rf"(?:^|\.)(?:{names})\Z")


def normalise_linkedin_url(value: str) -> str:
    """https://linkedin.com/in/slug: https, no www or country subdomain, no query, no slash.

    Accepts what people paste: with or without scheme, `pl.linkedin.com`, tracking queries.
    Raises ValueError for anything that is not a LinkedIn URL.
    """
    text = value.strip()
    plain = _PLAIN_LINKEDIN.fullmatch(text)
    if plain is not None:  # what urlsplit below makes of it, without the parsing
        return f"https://linkedin.com{plain.group(1)}"
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
    if text.isascii():
        return " ".join(text.lower().split())  # casefold is lower for ASCII
    folded = text.translate(_SORT_FOLD)
    if not folded.isascii():  # a letter beyond Latin Extended-A
        folded = _sort_fold(folded)
    return " ".join(folded.split())


_FOLD = str.maketrans(CURRENT_FOLD)


def _sort_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


# ASCII, Latin-1 and Latin Extended-A (the letters of European names), each folded the long way
# once: every step of the folding works letter by letter, so a table gives the same key.
_SORT_FOLD = {code: _sort_fold(chr(code)) for code in range(0x180)}
