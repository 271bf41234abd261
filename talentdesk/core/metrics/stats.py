"""Medians, 90th percentiles and rates that say "—" (None) rather than divide by zero."""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import overload


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def p90(values: Sequence[float]) -> float | None:
    """Nearest rank: the smallest value with at least 90 % of the values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(0.9 * len(ordered)) - 1, 0)]


def rate(part: int, whole: int) -> float | None:
    """`part` of `whole` in per cent, one decimal; None when `whole` is 0."""
    return round(100 * part / whole, 1) if whole else None


def rounded(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


class People(Sequence[int]):
    """Candidate ids, ascending, each once: what a figure collected, sorted only when first
    read (a click on the number, the JSON). A figure carries hundreds of thousands of ids and
    almost none are ever looked at; sorting them all took a good part of its time. `found` may
    also be a function that finds them then (see lookup.py)."""

    __slots__ = ("_found", "_ids")

    def __init__(self, found: Iterable[int] | Callable[[], Iterable[int]] = ()) -> None:
        self._found: Iterable[int] | Callable[[], Iterable[int]] | None = found
        self._ids: tuple[int, ...] = ()

    def _sorted(self) -> tuple[int, ...]:
        found = self._found
        if found is not None:
            if callable(found):
                found = found()
            self._ids, self._found = tuple(sorted(set(found))), None
        return self._ids

    def __len__(self) -> int:
        return len(self._sorted())

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[int, ...]: ...
    def __getitem__(self, index: int | slice) -> int | tuple[int, ...]:
        return self._sorted()[index]

    def __iter__(self) -> Iterator[int]:
        return iter(self._sorted())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, People):
            return self._sorted() == other._sorted()
        if isinstance(other, tuple | list):
            return self._sorted() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._sorted())

    def __repr__(self) -> str:
        return f"People({self._sorted()!r})"

    def __deepcopy__(self, memo: dict[int, object]) -> People:  # dataclasses.asdict
        return People(self._sorted())


def ids(found: Iterable[int]) -> People:
    """`found` (not read again by the caller: it is kept as it is until someone looks)."""
    return People(found)
