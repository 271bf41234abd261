"""Logging to a file in the data folder (never credentials: nothing logs them)."""

from __future__ import annotations

import logging
from pathlib import Path

from talentdesk.core.permissions import private_file

MAX_BYTES = 1_000_000
KEEP = 3


def setup_logging(logs_dir: Path, verbose: bool = False) -> None:
    """Log to logs/talentdesk.log, rotated at start-up once it passes MAX_BYTES.

    Rotating here rather than with logging.handlers keeps ~8 ms of imports off the start-up
    path; a session never writes a megabyte of log.
    """
    root = logging.getLogger()
    if any(getattr(h, "talentdesk", False) for h in root.handlers):
        return
    path = logs_dir / "talentdesk.log"
    if path.exists() and path.stat().st_size > MAX_BYTES:
        for n in range(KEEP - 1, 0, -1):
            older = path.with_name(f"talentdesk.log.{n}")
            if older.exists():
                older.replace(path.with_name(f"talentdesk.log.{n + 1}"))
        path.replace(path.with_name("talentdesk.log.1"))
    private_file(path)  # 0600 before the handler creates it with the umask's mode
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.talentdesk = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # our own lines say what migrated
