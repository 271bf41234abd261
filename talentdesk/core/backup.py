"""Copies of the database taken with SQLite's online backup API (safe while it is in use)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from talentdesk.core.permissions import private_file


def backup_database(source: Path, dest_dir: Path, label: str, when: datetime) -> Path:
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / f"talentdesk-{when:%Y%m%d-%H%M%S}-{label}.sqlite3"
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    try:
        private_file(dest)  # 0600: a copy of candidates' personal data
        dst = sqlite3.connect(dest)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return dest
