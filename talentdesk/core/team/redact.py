"""Passwords taken out of text before it is logged or shown: a database URL's
`user:password@`, and libpq's `password=…` (a connection string)."""

from __future__ import annotations

import logging
import re

HIDDEN = "***"
# scheme://user:password@host — the password runs to the last "@" before the path.
_URL = re.compile(r"(\b[a-zA-Z][a-zA-Z0-9+.-]*://[^:/?#@\s]*:)[^\s/]*(@)")
_KEYWORD = re.compile(r"(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]+)", re.IGNORECASE)


def redact(text: str) -> str:
    """`text` with every password in a URL or connection string replaced by ***."""
    if "://" in text:
        text = _URL.sub(rf"\g<1>{HIDDEN}\g<2>", text)
    if "password" in text.lower():
        text = _KEYWORD.sub(rf"\g<1>{HIDDEN}", text)
    return text


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then redacts: the message, its arguments and any traceback."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))
