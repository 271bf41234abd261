"""One open data folder: its database and the services over it. Built once per process."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from talentdesk.core.candidate_list import CandidateListing
from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.migrate import Database, open_database
from talentdesk.core.services.candidates import CandidateService
from talentdesk.core.services.interactions import InteractionService
from talentdesk.core.services.pools import PoolService
from talentdesk.core.services.reminders import ReminderService
from talentdesk.paths import AppPaths


@dataclass
class Workspace:
    paths: AppPaths
    db: Database
    clock: Clock
    candidates: CandidateService
    pools: PoolService
    interactions: InteractionService
    reminders: ReminderService
    listing: CandidateListing

    @classmethod
    def open(cls, paths: AppPaths, clock: Clock = utcnow, tz: tzinfo | None = None) -> Workspace:
        """Create the folders, open (and if needed create or upgrade) the database."""
        paths.ensure()
        db = open_database(paths.database, paths.backups, clock)
        return cls(
            paths=paths,
            db=db,
            clock=clock,
            candidates=CandidateService(db.sessions, clock),
            pools=PoolService(db.sessions, clock),
            interactions=InteractionService(db.sessions, clock),
            reminders=ReminderService(db.sessions, clock, tz),
            listing=CandidateListing(db.engine),
        )

    def close(self) -> None:
        self.db.close()
