"""Similar names among people at the same company or in the same city (rapidfuzz).

Names are folded ("Łukasz" → "lukasz") with their words sorted, so "Nowak Łukasz" and "Lukasz
Nowak" are one name; likeness is rapidfuzz's ratio of those (its token sort ratio).

Never all pairs: people are blocked by company, or by city, and within a block compared by
sorted neighbourhood: sorted by name, each is compared with the next few (`WINDOW`); a second
pass sorts by the reversed name, so a difference near the start of a name does not hide a
match. That is a sort (n log n) and n x WINDOW comparisons, however large a block (a city of
50,000) grows.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from talentdesk.core.db.reader import ReadConnection
from talentdesk.core.normalize import sort_key

DEFAULT_THRESHOLD = 90  # token sort ratio: "Anna Kowalska" ~ "Ana Kowalska" (96)
# And each word alike on its own ("anna" ~ "ana" 86), so that a long first name in common does
# not carry two surnames that differ ("Małgorzata Kolin" ~ "Małgorzata Aklin" is 93 as a whole).
WORD_THRESHOLD = 85
WINDOW = 8  # neighbours each name is compared with, per pass
CANCEL_EVERY = 4096  # names between two cancel checks
# Legal forms left out of a company's name: "Acme sp. z o.o." is "Acme".
_LEGAL_FORMS = re.compile(
    r"\b(?:sp z o o|sp k|s a|sa|spzoo|gmbh|ag|kg|ltd|limited|inc|llc|plc|corp|co|bv|nv|oy|ab"
    r"|as|aps|srl|sas|sarl|spa|s r o|sro|kft)\b"
)
_NOT_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class Block:
    """What people must share to have their names compared: a company or a city."""

    column: str  # "company" or "city"
    key: Callable[[str], str]  # the value folded; equal keys share the block


def company_key(company: str) -> str:
    """ "ACME Sp. z o.o." and "Acme" → "acme"."""
    words = _NOT_WORD.sub(" ", sort_key(company))
    return " ".join(_LEGAL_FORMS.sub(" ", words).split())


def city_key(city: str) -> str:
    return sort_key(city)


COMPANY = Block("company", company_key)
CITY = Block("city", city_key)


def name_key(sort_name: str) -> str | None:
    """The folded name with its words sorted; None for a single word (a given name alone is
    not enough to call two people one)."""
    words = sort_name.split()
    return " ".join(sorted(words)) if len(words) >= 2 else None


def similar_names(
    reader: ReadConnection,
    block: Block,
    threshold: int = DEFAULT_THRESHOLD,
    cancelled: Callable[[], bool] = lambda: False,
) -> dict[tuple[int, int], tuple[int, str]]:
    """Pairs (lower id first) with similar names in one block: their likeness and the block's
    value as the first of them spells it."""
    shown: dict[int, str] = {}
    blocks: dict[str, list[tuple[str, int]]] = defaultdict(list)
    rows = reader.execute(
        f"SELECT id, sort_name, {block.column} FROM candidate"  # a fixed column name, not input
        f" WHERE {block.column} IS NOT NULL AND {block.column} <> '' AND sort_name LIKE '% %'"
    )
    names: dict[str, str | None] = {}  # names and places repeat: each folded once
    places: dict[str, str] = {}
    for candidate_id, sort_name, value in rows:
        key = names.get(sort_name, "")
        if key == "":
            key = names[sort_name] = name_key(sort_name)
        where = places.get(value)
        if where is None:
            where = places[value] = block.key(value)
        if key is not None and where:
            blocks[where].append((key, candidate_id))
            shown[candidate_id] = value.strip()
    found: dict[tuple[int, int], tuple[int, str]] = {}
    # Most blocks are one person; each block is sorted on its own (small sorts, no block key).
    crowded = [members for members in blocks.values() if len(members) > 1]
    for pair, score in _neighbours(crowded, threshold, cancelled):
        if score > found.get(pair, (0, ""))[0]:
            found[pair] = (score, shown[pair[0]])
    return found


def _neighbours(
    blocks: list[list[tuple[str, int]]], threshold: int, cancelled: Callable[[], bool]
) -> Iterable[tuple[tuple[int, int], int]]:
    extract, ratio = process.extract, fuzz.ratio
    compared = 0
    for reverse in (False, True):
        for members in blocks:
            compared += len(members)
            if compared >= CANCEL_EVERY:
                compared = 0
                if cancelled():
                    from talentdesk.core.diagnose import CancelledError

                    raise CancelledError("finding duplicates")
            if reverse:
                members = [(key[::-1], cid) for key, cid in members]
            ordered = sorted(members)
            keys = [key for key, _ in ordered]
            count = len(keys)
            for i in range(count - 1):
                # The ratio of two reversed strings is the ratio of the strings.
                near = keys[i + 1 : i + 1 + WINDOW]
                for match, score, j in extract(
                    keys[i], near, scorer=ratio, score_cutoff=threshold, limit=None
                ):
                    if score < 100 and not words_alike(keys[i], match, reverse):
                        continue
                    one, other = ordered[i][1], ordered[i + 1 + j][1]
                    yield ((one, other) if one < other else (other, one)), round(score)


def words_alike(one: str, other: str, reversed_keys: bool = False) -> bool:
    """Every word of the name with fewer words is like some word of the other."""
    if reversed_keys:
        one, other = one[::-1], other[::-1]
    mine, theirs = one.split(), other.split()
    if len(mine) > len(theirs):
        mine, theirs = theirs, mine
    return all(
        process.extractOne(word, theirs, scorer=fuzz.ratio, score_cutoff=WORD_THRESHOLD)
        for word in mine
    )
