"""What a backup is called: `talentdesk-YYYYMMDD-HHMMSS-REASON[.N].sqlite3`, the time in UTC.

The name carries everything the retention policy needs, so pruning never opens a file, and a
file without such a name is never taken for a backup (nor deleted).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from talentdesk.core.db.diagnose import SQLITE_MAGIC

SUFFIX = ".sqlite3"
_NAME = re.compile(
    r"^talentdesk-(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z0-9][a-z0-9-]*?)(?:\.(?P<n>\d+))?"
    + re.escape(SUFFIX)
    + "$"
)
_STAMP = "%Y%m%d-%H%M%S"

DAILY = "daily"
QUIT = "quit"
MANUAL = "manual"
BEFORE_IMPORT = "before-import"
BEFORE_MERGE = "before-merge"
BEFORE_BULK_DELETE = "before-bulk-delete"
BEFORE_RESTORE = "before-restore"
UNREADABLE = "unreadable"  # a database no backup could be made of, set aside by a restore
PERIODIC = frozenset({DAILY, QUIT})
AUTOMATIC = frozenset({DAILY, QUIT, BEFORE_IMPORT, BEFORE_MERGE, BEFORE_BULK_DELETE})
_LABELS = {
    DAILY: "Daily",
    QUIT: "On quit",
    MANUAL: "Made by hand",
    BEFORE_IMPORT: "Before an import",
    BEFORE_MERGE: "Before a merge",
    BEFORE_BULK_DELETE: "Before a bulk delete",
    BEFORE_RESTORE: "Before a restore",
    UNREADABLE: "Unreadable database set aside by a restore",
}


@dataclass(frozen=True, order=True)
class BackupName:
    """A parsed backup file name; sorts oldest first."""

    when: datetime
    seq: int
    reason: str
    path: Path

    @property
    def label(self) -> str:
        return reason_label(self.reason)

    @property
    def is_before(self) -> bool:
        return self.reason.startswith("before-")


def reason_label(reason: str) -> str:
    if reason in _LABELS:
        return _LABELS[reason]
    if reason.startswith("before-") and reason[7:].isdigit():  # written before a migration
        return f"Before the upgrade to schema {reason[7:]}"
    return reason.replace("-", " ").capitalize()


def parse(path: Path) -> BackupName | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    when = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
    return BackupName(when, int(match["n"] or 0), match["reason"], path)


def check_reason(reason: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", reason):
        raise ValueError(f"not a backup reason: {reason!r}")
    return reason


def free_name(folder: Path, reason: str, when: datetime) -> Path:
    """A name in `folder` no file has yet (two backups in one second get `.1`, `.2`, …)."""
    stamp = as_utc(when).strftime(_STAMP)
    base = f"talentdesk-{stamp}-{check_reason(reason)}"
    candidate, n = folder / f"{base}{SUFFIX}", 0
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = folder / f"{base}.{n}{SUFFIX}"
    return candidate


def as_utc(when: datetime) -> datetime:
    """`when` in UTC; a naive time is taken to be UTC already (as the clock gives it)."""
    return when.astimezone(UTC) if when.tzinfo is not None else when.replace(tzinfo=UTC)


def looks_like_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def backups_in(folder: Path) -> list[BackupName]:
    """The backups in `folder` by name (regular files only), oldest first."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    found = []
    for path in entries:
        parsed = parse(path)
        if parsed is not None and path.is_file() and not path.is_symlink():
            found.append((parsed, _written_ns(path)))
    # Names only count seconds: two backups of one second are told apart by when each was written.
    found.sort(key=lambda pair: (pair[0].when, pair[1], pair[0].seq, pair[0].reason))
    return [parsed for parsed, _ in found]


def _written_ns(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def newest_backup(folder: Path) -> BackupName | None:
    found = backups_in(folder)
    return found[-1] if found else None
