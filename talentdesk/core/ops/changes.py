"""What an operation changed, so the window refreshes exactly that (Anki's `OpChanges`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple


# A NamedTuple: made at start-up, where a frozen dataclass costs ~2-4 ms to create.
class Changes(NamedTuple):
    # These candidates' profile, timeline, pools or reminders.
    candidates: frozenset[int] = frozenset()
    # Who is in the lists, or what the lists show and sort by (names, adds, deletes).
    candidate_list: bool = False
    pools: bool = False  # pools, their stages, cadences and members
    reminders: bool = False
    settings: bool = False
    mail: bool = False  # the outbox, templates or the mail account
    vacancies: bool = False  # vacancies, their stages and wanted tags, and applications
    lists: bool = False  # saved smart lists: names, filters, order
    audit: bool = False  # the audit log (core/privacy/audit.py)
    imports: bool = False  # the import history (core/imports/)
    # Another process committed: anything may have changed.
    external: bool = False

    @classmethod
    def of(cls, candidates: Iterable[int] = (), **flags: bool) -> Changes:
        return cls(candidates=frozenset(candidates), **flags)

    @classmethod
    def everything(cls, external: bool = False) -> Changes:
        return cls(
            candidate_list=True,
            pools=True,
            reminders=True,
            settings=True,
            mail=True,
            vacancies=True,
            lists=True,
            audit=True,
            imports=True,
            external=external,
        )

    def __or__(self, other: Changes) -> Changes:
        flags = {
            name: bool(getattr(self, name) or getattr(other, name))
            for name in self._fields
            if name != "candidates"
        }
        return Changes.of(self.candidates | other.candidates, **flags)

    def __bool__(self) -> bool:
        return bool(self.candidates) or any(
            getattr(self, name) for name in self._fields if name != "candidates"
        )
