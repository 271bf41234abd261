"""The common non-ASCII e-mail addresses in email-validator's normal form, without running the
whole library for each (a CSV import validates a million addresses; the library takes ~180 µs
for one with a letter beyond ASCII, mostly in IDNA for the domain).

Two shapes are common: letters of Latin-1 and Latin Extended-A in the part before the @-sign
("łukasz.wiśniewski@example.com"), and an internationalised domain ("anna@müller.de"). For
these the library's answer is: the local part unchanged (such letters are NFC and valid in a
dot-atom), the domain as the library normalises it (asked once per distinct domain: a file has
few), and the length limits. Anything else, and any address the library would reject, goes to
the library itself, which gives the answer and the reason (core/normalize.py).
"""

from __future__ import annotations

import functools
import re

# Letters that are NFC on their own and valid in an internationalised dot-atom: U+00C0–U+017F
# without × and ÷.
_LETTERS = "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f"
_ATOM = rf"[A-Za-z0-9_+{_LETTERS}-]+"
# A local part of such atoms; a domain of anything but what can make an address ambiguous
# (quotes, brackets, a second @-sign, spaces, the characters of a display name).
_COMMON_EMAIL = re.compile(rf"({_ATOM}(?:\.{_ATOM})*)@([^@\s\"<>\[\]\\(),;:]+)")
_EMAIL_MAX_LENGTH = 254  # bytes of UTF-8, for each form email-validator checks


def common_email(text: str, mailbox_names: frozenset[str]) -> str | None:
    """email-validator's normal form of `text` when it is one of the common shapes above and
    valid; None when the library must decide (`mailbox_names`: the RFC 2142 names it
    lower-cases)."""
    match = _COMMON_EMAIL.fullmatch(text)
    if match is None:
        return None
    local, domain = match.groups()
    if local.isascii() and local.lower() in mailbox_names:
        return None
    forms = _domain(domain)
    if forms is None:
        return None
    unicode_domain, ascii_domain = forms
    normalized = f"{local}@{unicode_domain}"
    for form in (text, normalized, f"{local}@{ascii_domain}"):
        if len(form.encode("utf-8")) > _EMAIL_MAX_LENGTH:
            return None
    return normalized


@functools.lru_cache(maxsize=4096)
def _domain(domain: str) -> tuple[str, str] | None:
    """The library's (internationalised, ASCII) forms of a domain; None when it rejects it."""
    import email_validator
    from email_validator.syntax import validate_email_domain_name

    try:
        found = validate_email_domain_name(
            domain,
            test_environment=email_validator.TEST_ENVIRONMENT,
            globally_deliverable=email_validator.GLOBALLY_DELIVERABLE,
        )
    except email_validator.EmailNotValidError:
        return None
    return str(found["domain"]), str(found["ascii_domain"])
