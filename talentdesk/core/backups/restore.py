"""Putting a backup back: checked, upgraded if older, then written INTO the live database.

The chosen file is first copied to a temporary file, checked there (integrity, a TalentDesk
schema this version can open) and upgraded with the app's migrations when it is older. The
current database is backed up ("before-restore"), then the checked copy is written into it
with SQLite's online backup API: one write transaction through SQLite's own locking and the
database's own -wal, so nothing is swapped under a -wal or -shm that belongs to another state
(the "database disk image is malformed" of a file copied by hand). Only a live file that SQLite
cannot read at all is replaced by renaming, after a copy of it is set aside in the backups.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from talentdesk.core.backups import names
from talentdesk.core.backups.make import (
    BUSY_TIMEOUT_MS,
    Progress,
    backup_into,
    fsync_file,
    fsync_folder,
    remove_temporary,
    temporary_for,
)
from talentdesk.core.db.diagnose import check_is_file, from_os, from_sqlite
from talentdesk.core.db.preflight import known_revisions, schema_head
from talentdesk.core.errors import (
    DatabaseDamagedError,
    DiskFullError,
    NotADatabaseError,
    TalentDeskError,
)
from talentdesk.core.folder_lock import FolderLock
from talentdesk.core.ops import stamps
from talentdesk.paths import AppPaths

log = logging.getLogger(__name__)
COPY_CHUNK = 1 << 20
_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL
_LIVE_SUFFIXES = ("", "-wal", "-shm", "-journal")


class RestoreRefusedError(TalentDeskError):
    def __init__(self, path: Path, why: str, hint: str = "Choose another backup.") -> None:
        super().__init__(f"{path} cannot be restored: {why}.", f"Nothing was changed. {hint}")
        self.path = path


@dataclass(frozen=True)
class RestoreResult:
    restored: Path
    saved_current: Path | None  # the "before-restore" backup of what the database held
    set_aside: tuple[Path, ...]  # an unreadable database (and its -wal), kept as it was
    upgraded_from: str | None  # the backup's schema, when it was older than this version's
    candidates: int
    erased_again: int = 0  # people erased since the backup was made, erased again in it

    def erased_again_text(self) -> str:
        """ "N erased people removed again" ("" when there were none)."""
        if not self.erased_again:
            return ""
        people = "person" if self.erased_again == 1 else "people"
        return f"{self.erased_again:,} erased {people} removed again"


def restore(
    paths: AppPaths, backup_file: Path, now: datetime, progress: Progress | None = None
) -> RestoreResult:
    """Replace what the database holds with `backup_file`'s contents.

    Refused (a TalentDeskError, nothing changed) when another TalentDesk has the folder open,
    or the file is damaged, not a TalentDesk database, or from a newer TalentDesk.
    """
    source = backup_file.absolute()
    live_files = {
        paths.database.absolute().with_name(paths.database.name + s) for s in _LIVE_SUFFIXES
    }
    if source in live_files or source.resolve() in {f.resolve() for f in live_files}:
        raise RestoreRefusedError(source, "it is the database itself", "Choose a backup.")
    with FolderLock(paths.data_dir):
        paths.backups.mkdir(mode=0o700, parents=True, exist_ok=True)
        temp = temporary_for(paths.backups / "restore.sqlite3")
        try:
            upgraded_from, candidates = _prepare(source, temp, progress)
            erased_again = _erase_again(paths, source, temp, now)
            candidates -= erased_again
            saved, set_aside = _put_in_place(paths, temp, now)
        finally:
            remove_temporary(temp)
        _audit(paths, source, candidates, now)
    log.info("restored %s (%d candidates) into %s", source, candidates, paths.database)
    return RestoreResult(source, saved, set_aside, upgraded_from, candidates, erased_again)


def _erase_again(paths: AppPaths, source: Path, temp: Path, now: datetime) -> int:
    """The live database's erasures carried into the copy, and whoever they name in it erased
    again (core/privacy/restore_erasures.py), before the copy reaches the live files."""
    from talentdesk.core.privacy.restore_erasures import read_live, reapply

    try:
        return reapply(read_live(paths.database), temp, now)
    except Exception as exc:  # restoring the erased people would be worse than not restoring
        log.exception("the erasures could not be applied to %s", temp)
        raise RestoreRefusedError(
            source, f"the people erased since could not be erased in it again ({exc})"
        ) from exc


def _audit(paths: AppPaths, source: Path, candidates: int, now: datetime) -> None:
    """The restore in the restored database's audit log (its file name holds no one's data)."""
    from talentdesk.core.privacy.audit import RESTORE, record_in_file

    try:
        record_in_file(paths.database, RESTORE, candidates, f"from {source.name}", now)
    except sqlite3.Error:  # restored all the same: the log must not undo that
        log.exception("the restore could not be noted in the audit log")


def _prepare(source: Path, temp: Path, progress: Progress | None) -> tuple[str | None, int]:
    """Copy `source` to `temp` and check it there; returns (older schema upgraded, candidates)."""
    if not source.exists():
        raise RestoreRefusedError(source, "there is no such file")
    if not source.is_file():
        raise RestoreRefusedError(source, "it is not a regular file")
    if not names.looks_like_sqlite(source):
        raise RestoreRefusedError(source, "it is not a database")
    _copy_file(source, temp, progress)
    revision = _check_copy(source, temp)
    upgraded_from = None
    if revision != schema_head():
        _upgrade(source, temp, revision)
        upgraded_from = revision
    conn = sqlite3.connect(temp, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")  # the upgrade left it in WAL mode
        stamps.clear(conn)  # what the copy says of its derived state is looked at again
        candidates = int(conn.execute("SELECT count(*) FROM candidate").fetchone()[0])
    finally:
        conn.close()
    return upgraded_from, candidates


def _copy_file(source: Path, temp: Path, progress: Progress | None) -> None:
    """A byte copy, 0600: a backup is a file no one writes to, and opening it with SQLite
    could leave -wal and -shm files beside it (or fail on a read-only stick). A -wal found
    beside it is copied too, so the copy holds what SQLite would read from the original."""
    for suffix in ("", "-wal"):
        original = source.with_name(source.name + suffix)
        if suffix and not original.is_file():
            continue
        try:
            reader = original.open("rb")
        except OSError as exc:
            raise RestoreRefusedError(source, f"it cannot be read ({exc.strerror})") from exc
        with reader:
            try:
                out = os.fdopen(os.open(temp.with_name(temp.name + suffix), _NEW, 0o600), "wb")
            except OSError as exc:
                raise _copy_write_error(temp, exc) from exc
            with out:
                total, done = original.stat().st_size, 0
                while chunk := _read(reader, source):
                    try:
                        out.write(chunk)
                    except OSError as exc:
                        raise _copy_write_error(temp, exc) from exc
                    done += len(chunk)
                    if progress is not None and not suffix:
                        progress(done, total)


def _read(reader: BinaryIO, source: Path) -> bytes:
    try:
        return reader.read(COPY_CHUNK)
    except OSError as exc:
        raise RestoreRefusedError(source, f"it cannot be read ({exc.strerror})") from exc


def _copy_write_error(temp: Path, exc: OSError) -> TalentDeskError:
    if isinstance(from_os(temp, exc), DiskFullError):
        return DiskFullError(temp.parent)
    return TalentDeskError(
        f"The restore cannot write its working copy in {temp.parent} ({exc.strerror}).",
        "Nothing was changed. Check that the backups folder can be written.",
    )


def _check_copy(source: Path, temp: Path) -> str:
    """The copy's schema revision, once it is whole and a TalentDesk schema we can open."""
    conn = sqlite3.connect(temp, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")  # takes in a copied -wal
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check(5)")]
        if problems != ["ok"]:
            raise RestoreRefusedError(source, "it is damaged (" + "; ".join(problems[:3]) + ")")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        row = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise RestoreRefusedError(source, f"it is damaged ({exc})") from exc
    finally:
        conn.close()
    if row is None or "candidate" not in tables:
        raise RestoreRefusedError(source, "it is not a TalentDesk database")
    revision = str(row[0])
    if revision not in known_revisions():
        raise RestoreRefusedError(
            source,
            f"it was written by a newer TalentDesk (schema {revision})",
            "Install the newer TalentDesk to restore it.",
        )
    return revision


def _upgrade(source: Path, temp: Path, revision: str) -> None:
    from talentdesk.core.db.migrate import open_database  # Alembic: only when needed

    try:
        open_database(temp).close()
    except Exception as exc:  # a migration that fails on this file's data
        log.exception("upgrading the backup %s from schema %s failed", source, revision)
        raise RestoreRefusedError(
            source, f"it could not be upgraded from schema {revision} ({exc})"
        ) from exc


def _put_in_place(
    paths: AppPaths, temp: Path, now: datetime
) -> tuple[Path | None, tuple[Path, ...]]:
    live = paths.database
    status = check_is_file(live)
    if status is None or status.st_size == 0:
        return None, _rename_into_place(paths, temp, now)
    try:
        saved = backup_into(paths.backups, live, names.BEFORE_RESTORE, now)
    except (NotADatabaseError, DatabaseDamagedError) as exc:
        log.warning("the database cannot be backed up (%s): setting it aside", exc.message)
        return None, _rename_into_place(paths, temp, now)
    _write_into(temp, live)
    return saved, ()


def _write_into(temp: Path, live: Path) -> None:
    """The copy's pages into the live database, in one transaction of the live database."""
    try:
        src = sqlite3.connect(temp, isolation_level=None)
        try:
            dst = sqlite3.connect(live, isolation_level=None)
            try:
                dst.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                page_size = dst.execute("PRAGMA page_size").fetchone()[0]
                if src.execute("PRAGMA page_size").fetchone()[0] != page_size:
                    # A WAL database takes a backup only at its own page size.
                    src.execute(f"PRAGMA page_size = {int(page_size)}")
                    src.execute("VACUUM")
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise from_sqlite(live, exc) from exc


def _rename_into_place(paths: AppPaths, temp: Path, now: datetime) -> tuple[Path, ...]:
    """The live file cannot be read (or is missing): keep a copy of it and any -wal/-shm
    beside it in the backups, then rename the checked copy into its place."""
    live = paths.database
    aside = names.free_name(paths.backups, names.UNREADABLE, now)
    set_aside = []
    try:
        for suffix in _LIVE_SUFFIXES:
            found = live.with_name(live.name + suffix)
            if not (found.exists() or found.is_symlink()):
                continue
            target = aside.with_name(aside.name + suffix)
            if suffix:  # no reader can use a -wal without its database: move it
                found.replace(target)
            else:  # the database itself is replaced atomically below; copy it first
                shutil.copyfile(found, target)
                target.chmod(0o600)
                fsync_file(target)
            set_aside.append(target)
        fsync_folder(paths.backups)
        temp.replace(live)
        fsync_folder(live.parent)
    except OSError as exc:
        raise from_os(live, exc) from exc
    log.warning("set aside %s and put the restored copy in place", [p.name for p in set_aside])
    return tuple(set_aside)
