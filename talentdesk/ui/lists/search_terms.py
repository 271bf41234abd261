"""The search box's `field:value` words for the window: the chips they make, the text without
one of them, completions for the word being typed, and the filter to save as a list. (The core
parses and describes, over the window's reader: `CandidateListing`.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from talentdesk.core.candidate_list import CandidateListing
from talentdesk.core.errors import ValidationError

if TYPE_CHECKING:  # the smart-list machinery loads with the first search, not at start
    from talentdesk.core.lists.describe import Chip
    from talentdesk.core.lists.filters import Filter


class SearchTerms:
    def __init__(self, listing: CandidateListing) -> None:
        self._listing = listing

    def filter(self, text: str) -> Filter | None:
        """What `text` asks for (None: a word it cannot mean; the list says what)."""
        try:
            return self._listing.parse_search(text)
        except ValidationError:
            return None

    def chips(self, text: str) -> list[Chip]:
        found = self.filter(text) if text.strip() else None
        return [] if found is None else self._listing.chips(found)

    def without(self, text: str, key: str) -> str:
        """`text` without what the chip `key` shows (the rest as the core writes it)."""
        from talentdesk.core.lists.describe import Chip, without

        found = self.filter(text)
        if found is None:
            return text
        return self._listing.search_text(without(found, Chip("", key)))

    def completions(self, word: str) -> list[str]:
        return self._listing.completions(word)
