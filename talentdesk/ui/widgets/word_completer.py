"""Completion for the word being typed in a search box (`tag:ko` → `tag:kotlin`), not for the
whole text: the words before it stay as they are. The choices come from a function of the
word, asked again as it is typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit

from talentdesk.core.errors import TalentDeskError

Source = Callable[[str], list[str]]


def word_at_end(text: str) -> tuple[str, str]:
    """("tag:kotlin city:", "kra") → the text before the last word, and the last word. A
    quoted value with spaces (`tag:"machine le`) is one word."""
    quotes = 0
    start = 0
    for i, ch in enumerate(text):
        if ch == '"':
            quotes += 1
        elif ch.isspace() and quotes % 2 == 0:
            start = i + 1
    return text[:start], text[start:]


class WordCompleter(QCompleter):
    def __init__(self, edit: QLineEdit, source: Source) -> None:
        self._words = QStringListModel()
        super().__init__(self._words, edit)
        self._edit = edit
        self._source = source
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setMaxVisibleItems(12)
        edit.setCompleter(self)
        edit.textEdited.connect(self._typed)

    def splitPath(self, path: str) -> list[str]:
        return [word_at_end(path)[1]]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        # The text as typed (the edit may already show a highlighted choice).
        before, _word = word_at_end(self.completionPrefix())
        chosen = str(index.data())
        # A field name ("city:") waits for its value; a whole `field:value` ends the word.
        return before + chosen + ("" if chosen.endswith(":") else " ")

    def words(self) -> list[str]:
        return self._words.stringList()

    def _typed(self, text: str) -> None:
        _before, word = word_at_end(text)
        if not word:
            self._words.setStringList([])
            return
        try:
            found = self._source(word)
        except TalentDeskError:  # e.g. the database is busy: completion is a convenience
            found = []
        self._words.setStringList(found)
        if found and self._edit.hasFocus():
            self.setCompletionPrefix(word)
            self.complete()
