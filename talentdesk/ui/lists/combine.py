"""A search typed over a saved list, saved as a list of its own: the list's filter AND the
search's, as one filter. The parts of a filter combine with AND, so this is exact: conditions
that are lists of their own (stages, tag rules) and the free words add up; any other part may be
set by one of the two (or alike by both). Where both set it differently ("city: Kraków" and
"city: Gdańsk" are any-of lists) there is no one filter to save, and None says so."""

from __future__ import annotations

from dataclasses import fields, replace

from talentdesk.core.lists.filters import Filter

_ADDED = ("stages", "tags")  # every rule must hold: the rules of both
_EMPTY = Filter()


def combined(saved: Filter, search: Filter) -> Filter | None:
    changes: dict[str, object] = {}
    for part in fields(Filter):
        name = part.name
        mine, theirs = getattr(saved, name), getattr(search, name)
        if theirs == getattr(_EMPTY, name) or theirs == mine:
            continue
        if name in _ADDED:
            changes[name] = mine + theirs
        elif name == "text":
            changes[name] = f"{mine} {theirs}".strip()
        elif mine == getattr(_EMPTY, name):
            changes[name] = theirs
        else:
            return None
    return replace(saved, **changes)  # type: ignore[arg-type]
