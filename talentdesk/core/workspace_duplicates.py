"""The duplicate services of the Workspace: finding people entered twice, merging two records
of one person (and undoing it), and who already has an address. A base class of `Workspace`,
kept apart so the façade stays readable; each service loads on first use, as the others do."""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from talentdesk.core.clock import Clock
    from talentdesk.core.db.migrate import Database
    from talentdesk.core.db.reader import ReadConnection
    from talentdesk.core.duplicates.lookup import Match
    from talentdesk.core.duplicates.merge import MergeService
    from talentdesk.core.duplicates.service import DuplicateService

S = TypeVar("S")


class DuplicateServices:
    clock: Clock
    tz: tzinfo | None

    @property
    def reader(self) -> ReadConnection:
        raise NotImplementedError  # the Workspace's

    def _open_reader(self) -> ReadConnection:
        raise NotImplementedError  # the Workspace's: a read connection of its own, either backend

    def _service(self, kind: type[S], make: Callable[[Database], S]) -> S:
        raise NotImplementedError  # the Workspace's: one instance per service, made on first use

    @property
    def merging(self) -> MergeService:
        """Merging two records of one person, and undoing it (core/duplicates/merge.py)."""
        from talentdesk.core.duplicates.merge import MergeService

        return self._service(
            MergeService, lambda db: MergeService(db.sessions, self.clock, self.tz)
        )

    @property
    def duplicates(self) -> DuplicateService:
        """Finding people entered twice (a read of its own) and dismissing pairs."""
        from talentdesk.core.duplicates.service import DuplicateService

        return self._service(
            DuplicateService,
            lambda db: DuplicateService(db.sessions, self.clock, self._open_reader),
        )

    def matching_people(
        self,
        email: str | None,
        linkedin: str | None,
        phone: str | None,
        country: str | None,
        exclude_id: int | None = None,
        other_emails: tuple[str, ...] = (),
    ) -> list[Match]:
        """Who already has this address, LinkedIn URL or phone (core/duplicates/lookup.py)."""
        from talentdesk.core.duplicates.lookup import matching_people

        return matching_people(
            self.reader, email, linkedin, phone, country, exclude_id, other_emails
        )
