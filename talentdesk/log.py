"""Logging to a file in the data folder (never credentials: nothing logs them, and a database
URL's password that reaches a line anyway is replaced by *** on the way out)."""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from talentdesk.core.permissions import private_file
from talentdesk.core.team.redact import RedactingFormatter

MAX_BYTES = 1_000_000
KEEP = 3
_log_file: Path | None = None


def log_file() -> Path | None:
    """The file this process logs to (None: none, e.g. a read-only data folder)."""
    return _log_file


def setup_logging(logs_dir: Path, verbose: bool = False) -> None:
    """Log to logs/talentdesk.log, rotated at start-up once it passes MAX_BYTES.

    Rotating here rather than with logging.handlers keeps ~8 ms of imports off the start-up
    path; a session never writes a megabyte of log.
    """
    root = logging.getLogger()
    if any(getattr(h, "talentdesk", False) for h in root.handlers):
        return
    path = logs_dir / "talentdesk.log"
    with contextlib.suppress(OSError):
        _rotate(path)
    handler: logging.Handler
    try:
        private_file(path)  # 0600 before the handler creates it with the umask's mode
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:  # a read-only data folder: warnings and errors still reach stderr
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
    else:
        global _log_file
        _log_file = path
    vars(handler)["talentdesk"] = True  # our mark: a second setup() finds it with getattr
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    # A log that cannot be written (a full disk) must not print a traceback on the user's
    # terminal: the error itself reaches them through the error boundary.
    logging.raiseExceptions = False
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # our own lines say what migrated


def _rotate(path: Path) -> None:
    if not (path.exists() and path.stat().st_size > MAX_BYTES):
        return
    for n in range(KEEP - 1, 0, -1):
        older = path.with_name(f"talentdesk.log.{n}")
        if older.exists():
            older.replace(path.with_name(f"talentdesk.log.{n + 1}"))
    path.replace(path.with_name("talentdesk.log.1"))
