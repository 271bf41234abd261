"""Which backups are kept: the retention policy, and pruning by it.

- periodic ones (daily, on quit): the newest of each of the last `daily` days that have one,
  and the newest of each of the last `weekly` ISO weeks that have one (days and weeks in UTC);
- those taken before something (an import, a merge, a bulk delete, a restore, an upgrade):
  the `before` newest;
- those made by hand, and any whose reason this version does not know: all of them.

The newest backup is never deleted, nor a file without a backup's name, nor one that does not
start as an SQLite database does. Days count those with a backup, not the calendar, so a
TalentDesk left closed for a month still has a week of backups when it starts again.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from pathlib import Path

from talentdesk.core import settings
from talentdesk.core.backups.make import remove_stale_temporaries
from talentdesk.core.backups.names import (
    MANUAL,
    PERIODIC,
    BackupName,
    backups_in,
    looks_like_sqlite,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetentionPolicy:
    daily: int = settings.BACKUPS_KEEP_DAILY.default
    weekly: int = settings.BACKUPS_KEEP_WEEKLY.default
    before: int = settings.BACKUPS_KEEP_BEFORE.default


def read_policy(database: Path) -> RetentionPolicy:
    """The policy as set in the database's settings; the defaults when they cannot be read."""
    try:
        conn = sqlite3.connect(f"{database.absolute().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return RetentionPolicy()
    try:
        return RetentionPolicy(
            daily=settings.read(conn, settings.BACKUPS_KEEP_DAILY),
            weekly=settings.read(conn, settings.BACKUPS_KEEP_WEEKLY),
            before=settings.read(conn, settings.BACKUPS_KEEP_BEFORE),
        )
    except sqlite3.Error:  # an older schema without settings, or an unreadable file
        return RetentionPolicy()
    finally:
        conn.close()


def kept(backups: list[BackupName], policy: RetentionPolicy) -> set[BackupName]:
    """The backups `policy` keeps (`backups` sorted oldest first)."""
    keep: set[BackupName] = set(backups[-1:])
    periodic = [b for b in backups if b.reason in PERIODIC]
    keep |= _newest_per(periodic, lambda b: b.when.date(), policy.daily)
    keep |= _newest_per(periodic, lambda b: b.when.isocalendar()[:2], policy.weekly)
    before = [b for b in backups if b.is_before]
    keep |= set(before[-policy.before :] if policy.before > 0 else [])
    keep |= {b for b in backups if b.reason == MANUAL or not (b.reason in PERIODIC or b.is_before)}
    return keep


def _newest_per(
    backups: Iterable[BackupName], period: Callable[[BackupName], Hashable], count: int
) -> set[BackupName]:
    newest: dict[Hashable, BackupName] = {}
    for backup in backups:  # oldest first: the last one of a period wins
        newest[period(backup)] = backup
    periods = list(newest.values())
    return set(periods[-count:]) if count > 0 else set()


def prune(folder: Path, policy: RetentionPolicy) -> list[Path]:
    """Delete the backups in `folder` that `policy` does not keep; returns what went."""
    backups = backups_in(folder)
    keep = kept(backups, policy)
    deleted = remove_stale_temporaries(folder)
    for backup in backups:
        if backup in keep or not looks_like_sqlite(backup.path):
            continue
        try:
            backup.path.unlink()
        except OSError as exc:
            log.warning("cannot delete the old backup %s: %s", backup.path, exc)
            continue
        log.info("deleted the old backup %s", backup.path.name)
        deleted.append(backup.path)
    return deleted
