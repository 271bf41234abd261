"""Which template a sent message came from. The outbox stores the rendered subject, not the
template (a `template_name` column would make this exact): a subject is matched against each
template's subject with its merge fields as wildcards, the most specific template winning."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from talentdesk.core.mail.templates import STARTER_TEMPLATES

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
NO_TEMPLATE = "(no template matched)"


@dataclass(frozen=True)
class SubjectPattern:
    name: str
    pattern: re.Pattern[str]
    literal: int  # characters of fixed text: the more, the more specific


def pattern_of(name: str, subject: str) -> SubjectPattern:
    pieces = _TAG.split(subject.strip())
    regex = ".*?".join(re.escape(piece) for piece in pieces)
    return SubjectPattern(name, re.compile(regex, re.DOTALL), sum(len(p) for p in pieces))


def subject_patterns(reader: sqlite3.Connection) -> list[SubjectPattern]:
    """Stored templates, and the starter templates not overridden under the same name."""
    stored = reader.execute("SELECT name, subject FROM mail_template").fetchall()
    names = {name.casefold() for name, _ in stored}
    starters = [(t.name, t.subject) for t in STARTER_TEMPLATES if t.name.casefold() not in names]
    patterns = [pattern_of(name, subject) for name, subject in [*stored, *starters]]
    return sorted(patterns, key=lambda p: (-p.literal, p.name.casefold()))


class TemplateGuess:
    """Remembers each subject's template: a bulk send repeats a handful of subjects."""

    def __init__(self, patterns: Iterable[SubjectPattern]) -> None:
        self._patterns = list(patterns)
        self._known: dict[str, str] = {}

    def __call__(self, subject: str) -> str:
        found = self._known.get(subject)
        if found is None:
            text = subject.strip()
            found = next((p.name for p in self._patterns if p.pattern.fullmatch(text)), NO_TEMPLATE)
            self._known[subject] = found
        return found
