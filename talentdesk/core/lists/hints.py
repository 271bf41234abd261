"""When a search finds nobody: the filter words its free words may have meant.

Free words are searched in what the search index holds (name, e-mail, title, company, city,
tags, notes), so "declined" finds nobody: the recruiter most likely meant people at a declined
stage. Each free word that names what the index does not hold (a stage kind, a status, a
seniority, a country) is offered as that filter (`stage:declined`, `status:placed`,
`country:germany`), with the whole search rewritten, so the window can offer it in one click.
"""

from __future__ import annotations

from dataclasses import dataclass

from talentdesk.core.db.enums import CandidateStatus, Seniority
from talentdesk.core.db.reader import ReadConnection
from talentdesk.core.lists.completions import token
from talentdesk.core.lists.sql import FOLD, fold, prepare
from talentdesk.core.lists.syntax import KIND_NAMES
from talentdesk.core.search import fts_words


@dataclass(frozen=True)
class Hint:
    word: str  # the free word as typed
    meant: str  # the filter word it may mean, e.g. `stage:declined`
    search: str  # the whole search with that word replaced


def hints(reader: ReadConnection, search: str) -> list[Hint]:
    """The filter words the free words of `search` may have meant, in the order typed."""
    found: list[Hint] = []
    words = search.split()
    for i, word in enumerate(words):
        if ":" in word or word.startswith("-"):
            continue
        meant = _meaning(reader, word)
        if meant is not None:
            rewritten = " ".join([*words[:i], meant, *words[i + 1 :]])
            found.append(Hint(word, meant, rewritten))
    return found


def _meaning(reader: ReadConnection, word: str) -> str | None:
    plain = " ".join(fts_words(word)).lower()
    if not plain:
        return None
    kind = KIND_NAMES.get(plain)
    if kind is not None:
        return f"stage:{kind.value}"
    for field, values in (("status", CandidateStatus), ("seniority", Seniority)):
        for value in values:
            if plain in (value.value, value.label.lower()):
                return f"{field}:{value.value}"
    prepare(reader)  # a country is not in the index: one pass over the candidates
    sql = f"SELECT country FROM candidate WHERE {FOLD}(country) = ? LIMIT 1"
    row = reader.execute(sql, [fold(plain)]).fetchone()
    return None if row is None else token("country", str(row[0]))
