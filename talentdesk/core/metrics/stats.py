"""Medians, 90th percentiles and rates that say "—" (None) rather than divide by zero."""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence


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


def ids(found: Iterable[int]) -> tuple[int, ...]:
    return tuple(sorted(set(found)))
