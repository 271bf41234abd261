"""Turning what the user types into an FTS5 query: every word a prefix, all words required."""

from __future__ import annotations

import re

from talentdesk.core.folding import CURRENT_FOLD

_WORD = re.compile(r"\w+", re.UNICODE)
_FOLD = str.maketrans(CURRENT_FOLD)


def fts_query(text: str) -> str | None:
    """`java krak` → `"java"* "krak"*`; None when there is nothing to search for.

    Words are quoted, so FTS5 operators typed by the user (AND, NEAR, -, :) are plain words.
    """
    words = fts_words(text)
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


def fts_words(text: str) -> list[str]:
    """The words of `text` as the search index holds them (letters it does not fold, folded)."""
    return _WORD.findall(text.translate(_FOLD))
