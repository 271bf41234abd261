"""The stage of an import: a snapshot of the database to decide against, and a private SQLite
file the rows the import will write are staged in, off the write path (see csvio/importer.py).

One plain sqlite3 connection does both (`Snapshot`). The database is opened read-only
(mode=ro: SQLite itself refuses a write there) and read in one read transaction, so every
decision of the import sees the same state; `PRAGMA data_version`, read inside that
transaction, later tells the final step whether anyone has committed since. The stage is
ATTACHed to it as "stage", and to the write connection for the final step.

The stage file holds candidates' personal data: it is made 0600 in a 0700 folder of the data
folder ("staging"; the disk the rows are bound for, not a small /tmp), deleted when the import
ends however it ends, and a leftover of a process that was killed is deleted by the next
import. It has no journal and no sync (nothing in it needs to survive a crash) and no index
beyond the keys the import looks up. A dry run stages no rows: its working tables go to an
anonymous temporary database, which SQLite deletes itself.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import sqlite3
import sys
from pathlib import Path

from talentdesk.core.db.access import reader_uri
from talentdesk.core.ops.activity import process_alive
from talentdesk.core.permissions import FILE_MODE, private_folder

STAGE_FOLDER = "staging"
BUSY_TIMEOUT_MS = 5000
_NAME = re.compile(r"import-(\d+)-[0-9a-f]+\.sqlite3")


def stage_folder(database: Path) -> Path:
    return database.parent / STAGE_FOLDER


def clean_leftovers(folder: Path) -> list[Path]:
    """Delete the stage files of imports whose process is gone (killed mid-import); returns
    what was deleted. A file of a running import, this process's or another's, is kept."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for path in folder.iterdir():
        match = _NAME.fullmatch(path.name.removesuffix("-journal"))
        if match is None:
            continue
        pid = int(match[1])
        if pid == os.getpid() or process_alive(pid):
            continue
        with contextlib.suppress(OSError):  # in use on Windows, or gone already
            path.unlink()
            removed.append(path)
    return removed


def new_private_file(folder: Path) -> Path:
    """An empty file only the owner may read (SQLite reads an empty file as a new database)."""
    private_folder(folder)
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_CLOEXEC", 0)
    path = folder / f"import-{os.getpid()}-{secrets.token_hex(6)}.sqlite3"
    fd = os.open(path, flags, FILE_MODE)
    try:
        if sys.platform != "win32":
            os.fchmod(fd, FILE_MODE)  # os.open's mode is filtered by the umask
    finally:
        os.close(fd)
    return path


class StageFile:
    """The stage's file, made with its tables; deleted when the block ends, however it ends."""

    def __init__(self, database: Path) -> None:
        folder = stage_folder(database)
        clean_leftovers(folder)
        self.path = new_private_file(folder)
        try:
            conn = sqlite3.connect(":memory:", isolation_level=None)
            try:
                _attach(conn, self.path)
                create_tables(conn)
            finally:
                conn.close()
        except BaseException:
            self.remove()
            raise

    def remove(self) -> None:
        for path in (self.path, self.path.with_name(self.path.name + "-journal")):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    def __enter__(self) -> StageFile:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.remove()


class Snapshot:
    """A read-only connection to the database with the stage attached as "stage" (`stage`
    None: a dry run's anonymous temporary database, with the same tables)."""

    def __init__(self, database: Path, stage: Path | None, read_only: bool = False) -> None:
        self._data_version: int | None = None
        # Used by the import's thread, then by the writer's for the final check.
        self.conn = sqlite3.connect(
            reader_uri(database, read_only), uri=True, isolation_level=None,
            check_same_thread=False,
        )  # fmt: skip
        try:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _attach(self.conn, stage)
            if stage is None:
                create_tables(self.conn)
        except BaseException:
            self.close()
            raise

    def begin(self) -> sqlite3.Cursor:
        """Start the snapshot: from here the import sees the database as it is now."""
        cur = self.conn.cursor()
        cur.execute("BEGIN")
        cur.execute("SELECT count(*) FROM main.sqlite_master").fetchone()  # the read begins
        (self._data_version,) = cur.execute("PRAGMA main.data_version").fetchone()
        return cur

    def end(self) -> None:
        """End the snapshot; what was staged is in the file for the final step."""
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")

    def changed(self) -> bool:
        """Whether any other connection has committed to the database since `begin` (asked
        while the final step holds the write lock, so that nobody can until it ends)."""
        (version,) = self.conn.execute("PRAGMA main.data_version").fetchone()
        return bool(version != self._data_version)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()

    def __enter__(self) -> Snapshot:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _attach(conn: sqlite3.Connection, stage: Path | None) -> None:
    conn.execute("ATTACH DATABASE ? AS stage", (str(stage) if stage is not None else "",))
    conn.execute("PRAGMA stage.journal_mode = OFF")
    conn.execute("PRAGMA stage.synchronous = OFF")


def create_tables(conn: sqlite3.Connection) -> None:
    from talentdesk.core.records import PLAIN_FIELDS

    # One row per row of the file that adds a candidate (sid: its number among the new ones;
    # its id will be the database's largest id then plus sid) or changes one (target), in file
    # order. provided: bit i set when the row filled PLAIN_FIELDS[i]. notes: a new candidate's
    # whole notes; for a change, the row's own, and extra what the import appends ("Hobby:
    # Sailing"). Values as SQLAlchemy binds them: the columns have no type, so they stay
    # exactly that.
    conn.execute(
        "CREATE TABLE stage.record (rid INTEGER PRIMARY KEY, row INTEGER NOT NULL, sid INTEGER,"
        f" target INTEGER, provided INTEGER NOT NULL, extra, {', '.join(PLAIN_FIELDS)},"
        " sort_name, tag_set INTEGER, search_name, search_email, search_title, search_company,"
        " search_city, search_notes)"
    )
    conn.execute("CREATE TABLE stage.record_email (rid INTEGER NOT NULL, sid INTEGER, email)")
    # The tags of a change (sid NULL); a new candidate's are its record's tag_set (0: none).
    conn.execute("CREATE TABLE stage.record_tag (rid INTEGER NOT NULL, sid INTEGER, tsid INTEGER)")
    conn.execute(
        "CREATE TABLE stage.tag_set (tag_set INTEGER NOT NULL, position INTEGER NOT NULL,"
        " tsid INTEGER NOT NULL, PRIMARY KEY (tag_set, position)) WITHOUT ROWID"
    )
    # The pools a row names (csvio/memberships.py), joined once its candidate is in.
    conn.execute("CREATE TABLE stage.record_pool (rid INTEGER NOT NULL, pool, stage, near_fit)")
    # A set of tags' names as a new candidate's search row lists them (folded).
    conn.execute("CREATE TABLE stage.tag_names (tag_set INTEGER PRIMARY KEY, names TEXT)")
    # Every tag the import links, as it was in the snapshot (live_id) or new (NULL).
    conn.execute(
        "CREATE TABLE stage.tag_ref (tsid INTEGER PRIMARY KEY, category TEXT NOT NULL,"
        " name TEXT NOT NULL, live_id INTEGER)"
    )


def empty_stage(cur: sqlite3.Cursor) -> None:
    """Empty the stage for the import to decide again (the key tables it makes anew)."""
    for table in ("record", "record_email", "record_tag", "tag_set", "tag_names", "record_pool",
                  "tag_ref"):  # fmt: skip
        cur.execute(f"DELETE FROM stage.{table}")
    for table in ("seen", "known", "names"):
        cur.execute(f"DROP TABLE stage.import_{table}")
