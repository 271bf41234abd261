"""What several figures read (the sent messages, the applications' paths),
computed once per `Metrics` and filters: figures asked for in turn on one snapshot share it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from talentdesk.core.metrics.model import Filters

T = TypeVar("T")


class Memo:
    def __init__(self) -> None:
        self._found: dict[tuple[str, Filters], Any] = {}

    def get(self, name: str, filters: Filters, make: Callable[[], T]) -> T:
        key = (name, filters)
        if key not in self._found:
            self._found[key] = make()
        found: T = self._found[key]
        return found
