"""Backups and erasure: a backup made before an erasure still holds the people erased since.

Such a backup is listed as holding erased people, with the day it expires: `BACKUPS_EXPIRE_DAYS`
(a setting, 30 by default) after it was made, when the pruning that follows each automatic
backup deletes it, whatever the retention policy would keep. "Purge older backups now"
deletes them all at once. Erasures are known from the audit log (`audit_entry`, kind
"erasure"), which says when, never whom.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from talentdesk.core import settings
from talentdesk.core.backups.names import BackupName, backups_in, looks_like_sqlite
from talentdesk.core.db.datetimes import from_db
from talentdesk.paths import AppPaths

log = logging.getLogger(__name__)
# The audit detail of an erasure done again in a restored backup (core/privacy/
# restore_erasures.py): those people were erased before, at the time an entry of its own
# (carried into the restored database) says, so backups made since do not hold them.
ERASED_AGAIN = "again, after restoring a backup"


@dataclass(frozen=True)
class ErasureHistory:
    """When erasures happened, and how long backups holding erased people are kept."""

    erasures: tuple[datetime, ...]  # oldest first
    expire_days: int

    def holds_erased(self, made: datetime) -> bool:
        """Whether a backup made at `made` holds people erased after it."""
        return bool(self.erasures) and self.erasures[-1] > made

    def expires_at(self, made: datetime) -> datetime | None:
        """When a backup made at `made` expires (None: it holds nobody erased)."""
        return made + timedelta(days=self.expire_days) if self.holds_erased(made) else None


def read_history(database: Path) -> ErasureHistory:
    """The erasures recorded in `database` (none when it cannot be read)."""
    default = ErasureHistory((), settings.BACKUPS_EXPIRE_DAYS.default)
    if not database.exists():
        return default
    try:
        conn = sqlite3.connect(f"{database.absolute().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return default
    try:
        rows = conn.execute(
            "SELECT occurred_at FROM audit_entry WHERE kind = 'erasure'"
            " AND coalesce(detail, '') != ? ORDER BY occurred_at",
            (ERASED_AGAIN,),
        ).fetchall()
        days = settings.read(conn, settings.BACKUPS_EXPIRE_DAYS)
    except sqlite3.Error:  # an older schema without the audit log
        return default
    finally:
        conn.close()
    return ErasureHistory(tuple(from_db(str(r[0])) for r in rows), days)


def holding_erased(paths: AppPaths) -> list[BackupName]:
    """The backups made before the latest erasure, oldest first."""
    history = read_history(paths.database)
    return [b for b in backups_in(paths.backups) if history.holds_erased(b.when)]


def expire(paths: AppPaths, now: datetime) -> list[Path]:
    """Delete the backups holding erased people that have expired; returns what went."""
    history = read_history(paths.database)
    due = [
        b
        for b in backups_in(paths.backups)
        if (at := history.expires_at(b.when)) is not None and at <= now
    ]
    return _delete(due)


def purge(paths: AppPaths) -> list[Path]:
    """ "Purge older backups now": delete every backup holding erased people."""
    return _delete(holding_erased(paths))


def _delete(backups: list[BackupName]) -> list[Path]:
    deleted: list[Path] = []
    for backup in backups:
        if not looks_like_sqlite(backup.path):  # never anything but a backup
            continue
        try:
            backup.path.unlink()
        except OSError as exc:
            log.warning("cannot delete the backup %s: %s", backup.path, exc)
            continue
        log.info("deleted %s: it held erased people", backup.path.name)
        deleted.append(backup.path)
    return deleted
