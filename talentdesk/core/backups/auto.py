"""The backups the app takes by itself, and the one asked for with "Back up now".

The window calls `auto_backup` on quit (QUIT), every hour or so while it runs (DAILY: made at
most once a day) and before an import, a merge or a bulk delete (BEFORE_...); the command line
before a real import. Each automatic backup is followed by pruning (policy.py).
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from talentdesk.core.backups.make import Progress, backup_into
from talentdesk.core.backups.names import AUTOMATIC, DAILY, MANUAL, PERIODIC, as_utc, backups_in
from talentdesk.core.backups.policy import prune, read_policy
from talentdesk.core.db.diagnose import check_is_file
from talentdesk.core.db.preflight import inspect_file
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.privacy.backups import expire
from talentdesk.paths import AppPaths

log = logging.getLogger(__name__)


def auto_backup(
    paths: AppPaths, reason: str, now: datetime, progress: Progress | None = None
) -> Path | None:
    """Back up the database for `reason` (one of names.AUTOMATIC) and prune old backups.

    None when there was nothing to do: no database yet, or (DAILY) a daily or on-quit backup
    from the same day (UTC) exists already. Raises a TalentDeskError when the backup fails.
    """
    if reason not in AUTOMATIC:
        raise ValueError(f"not an automatic backup reason: {reason!r}")
    status = check_is_file(paths.database)
    if status is None or status.st_size == 0:
        return None
    if reason == DAILY and _made_today(paths.backups, now):
        return None
    made = backup_into(paths.backups, paths.database, reason, now, progress)
    deleted = prune(paths.backups, read_policy(paths.database))
    deleted += expire(paths, now)  # those still holding erased people, once expired
    if deleted:
        log.info("pruned %d old backup(s)", len(deleted))
    return made


def manual_backup(paths: AppPaths, now: datetime, progress: Progress | None = None) -> Path:
    """ "Back up now" and `talentdesk backup`: kept until the user deletes it."""
    return backup_into(paths.backups, checked_database(paths), MANUAL, now, progress)


def checked_database(paths: AppPaths) -> Path:
    """The database, once known to be a TalentDesk database that can be read."""
    status = check_is_file(paths.database)
    if status is None or status.st_size == 0:
        raise TalentDeskError(
            f"There is no database in {paths.data_dir} yet.", "There is nothing to back up."
        )
    inspect_file(paths.database, paths.backups)
    return paths.database


def _made_today(folder: Path, now: datetime) -> bool:
    today = as_utc(now).date()
    return any(b.reason in PERIODIC and b.when.date() == today for b in backups_in(folder))
