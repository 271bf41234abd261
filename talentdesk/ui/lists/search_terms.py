"""The search box's `field:value` words for the window: the chips they make, the text without
one of them, completions for the word being typed, and the filter to save as a list. (The
core parses and describes; this only hands it the window's reader connection.)"""

from __future__ import annotations

import sqlite3

from talentdesk.core.errors import ValidationError
from talentdesk.core.lists.completions import completions
from talentdesk.core.lists.describe import Chip, describe, without
from talentdesk.core.lists.filters import Filter
from talentdesk.core.lists.query import parse_search, pool_name
from talentdesk.core.lists.syntax import to_text


class SearchTerms:
    def __init__(self, reader: sqlite3.Connection) -> None:
        self._reader = reader

    def filter(self, text: str) -> Filter | None:
        """What `text` asks for (None: a word it cannot mean; the list says what)."""
        try:
            return parse_search(self._reader, text)
        except ValidationError:
            return None

    def chips(self, text: str) -> list[Chip]:
        found = self.filter(text) if text.strip() else None
        return [] if found is None else describe(found, pool_name(self._reader))

    def without(self, text: str, key: str) -> str:
        """`text` without what the chip `key` shows (the rest as the core writes it)."""
        found = self.filter(text)
        if found is None:
            return text
        return to_text(without(found, Chip("", key)), pool_name(self._reader))

    def completions(self, word: str) -> list[str]:
        return completions(word, self._reader)
