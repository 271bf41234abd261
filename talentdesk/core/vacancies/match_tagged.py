"""The role's tags counted per candidate without a GROUP BY, for the page alone (match_page).

Each wanted tag's candidates are read from the tag's index in one statement, and counted in a
byte per candidate id: `code = required * span + nice`, where `span` is one more than the
number of nice-to-have tags (0: none of the role's tags). A GROUP BY would sort every link
read before counting; the bytes count them as they come, and whom to read next is then found
in them with whole-array operations (`bytes.translate`, `bytes.count`, integers as bit sets)
rather than candidate by candidate.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

_ONE = re.compile(b"\x01")


@dataclass(frozen=True)
class Counts:
    codes: bytes  # byte i: candidate i's code (see the module's docstring)
    span: int
    top: int  # the highest code there can be

    def split(self, code: int) -> tuple[int, int]:
        """The counts of required and nice-to-have tags a code stands for."""
        required, nice = divmod(code, self.span)
        return required, nice

    def histogram(self) -> dict[int, int]:
        """How many candidates have each code but 0."""
        found = {code: self.codes.count(code) for code in range(1, self.top + 1)}
        return {code: count for code, count in found.items() if count}

    def tagged_bits(self) -> bytes:
        """Byte i is 1 for each candidate i with one or more of the role's tags."""
        return self.codes.translate(bytes([0] + [1] * 255))

    def pick(
        self, allowed: Mapping[tuple[bool, ...], Collection[int]], sets: Sequence[bytes]
    ) -> dict[int, list[int]]:
        """The candidates whose code is allowed for their membership of `sets` (bitmaps: byte
        i is 1 for a member i), by code: `allowed` maps each combination of memberships
        (a bool per set, in order) to the codes let through."""
        size = len(self.codes)
        ones = int.from_bytes(b"\x01" * size, "little")
        members = [int.from_bytes(bits[:size].ljust(size, b"\0"), "little") for bits in sets]
        chosen = 0
        for combination, codes in allowed.items():
            if not codes:
                continue
            table = bytearray(256)
            for code in codes:
                table[code] = 1
            mask = int.from_bytes(self.codes.translate(table), "little")
            for inside, bits in zip(combination, members, strict=True):
                mask &= bits if inside else ones ^ bits
            chosen |= mask
        found: dict[int, list[int]] = {}
        for match in _ONE.finditer(chosen.to_bytes(size, "little")):
            at = match.start()
            found.setdefault(self.codes[at], []).append(at)
        return found


def count_tags(
    raw: sqlite3.Connection, required: Sequence[int], nice: Sequence[int]
) -> Counts | None:
    """Each candidate's counts of the role's tags (None: more tags than a byte can count)."""
    span = len(nice) + 1
    if (len(required) + 1) * span > 256 or not (required or nice):
        return None
    step = {int(tag): span for tag in required} | {int(tag): 1 for tag in nice}
    marks = ", ".join(str(tag) for tag in step)
    lists = [
        (step[tag], list(map(int, ids.split(","))))
        for tag, ids in raw.execute(
            "SELECT tag_id, group_concat(candidate_id) FROM candidate_tag"
            f" WHERE tag_id IN ({marks}) GROUP BY tag_id"
        )
    ]
    codes = bytearray(max((max(ids) for _, ids in lists), default=0) + 1)
    for add, ids in lists:
        for candidate in ids:
            codes[candidate] += add
    return Counts(bytes(codes), span, len(required) * span + len(nice))
