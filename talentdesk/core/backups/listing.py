"""What is in the backups folder: each backup's date, reason, size, schema and candidates.

Each file is read through a read-only, immutable SQLite connection (nothing is written beside
it, not even a -shm file); a file that cannot be read is listed with the reason instead.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from talentdesk.core.backups.names import BackupName, backups_in
from talentdesk.core.db.preflight import known_revisions
from talentdesk.core.privacy.backups import ErasureHistory, read_history
from talentdesk.paths import AppPaths


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    when: datetime  # UTC
    reason: str
    label: str  # the reason in words
    size: int  # bytes
    revision: str | None
    candidates: int | None
    problem: str | None  # why it cannot be restored; None when it looks fine
    # Made before an erasure: it still holds people erased since, until it expires then.
    expires_at: datetime | None = None

    @property
    def holds_erased(self) -> bool:
        return self.expires_at is not None

    @property
    def readable(self) -> bool:
        return self.problem is None

    def as_json(self) -> dict[str, object]:
        return {
            "file": str(self.path),
            "date": self.when.isoformat(),
            "reason": self.reason,
            "label": self.label,
            "size": self.size,
            "schema": self.revision,
            "candidates": self.candidates,
            "problem": self.problem,
            "holds_erased_people": self.holds_erased,
            "expires": None if self.expires_at is None else self.expires_at.isoformat(),
        }


def list_backups(paths: AppPaths) -> list[BackupInfo]:
    """The backups, newest first."""
    history = read_history(paths.database)
    return [describe(b, history) for b in reversed(backups_in(paths.backups))]


def describe(backup: BackupName, history: ErasureHistory | None = None) -> BackupInfo:
    try:
        size = backup.path.stat().st_size
    except OSError:
        size = 0
    revision, candidates, problem = read_contents(backup.path)
    return BackupInfo(
        backup.path,
        backup.when,
        backup.reason,
        backup.label,
        size,
        revision,
        candidates,
        problem,
        None if history is None else history.expires_at(backup.when),
    )


def read_contents(path: Path) -> tuple[str | None, int | None, str | None]:
    """(schema revision, number of candidates, problem) of a database file."""
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as exc:
        return None, None, f"unreadable: {exc}"
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables or "candidate" not in tables:
            return None, None, "not a TalentDesk database"
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = row[0] if row else None
        candidates = conn.execute("SELECT count(*) FROM candidate").fetchone()[0]
    except sqlite3.Error as exc:
        return None, None, f"unreadable: {exc}"
    finally:
        conn.close()
    if revision not in known_revisions():
        return revision, candidates, f"written by a newer TalentDesk (schema {revision})"
    return revision, candidates, None


def format_size(size: int) -> str:
    """1,234 B, 12.3 KB, 4.5 MB, 1.2 GB."""
    value = float(size)
    for unit in ("B", "KB", "MB"):
        if value < 1024:
            return f"{value:,.0f} {unit}" if unit == "B" else f"{value:,.1f} {unit}"
        value /= 1024
    return f"{value:,.1f} GB"
