"""Every folder TalentDesk uses, computed when asked and never at import time."""

from __future__ import annotations

import os
from pathlib import Path

from talentdesk import APP_NAME
from talentdesk.core.errors import DataDirNotWritableError, TalentDeskError
from talentdesk.core.permissions import files_in, private_folder, tighten_all

DATA_DIR_ENV = "TALENTDESK_DATA_DIR"
DATABASE_URL_ENV = "TALENTDESK_DATABASE_URL"  # team mode: a PostgreSQL database's address
DATABASE_NAME = "talentdesk.sqlite3"


class AppPaths:
    """The data folder and what lives in it: database, backups, logs, settings.

    A plain immutable value rather than a dataclass: every command builds one, and importing
    `dataclasses` (with `inspect`) costs a read-only command's start ~10 ms."""

    __slots__ = ("data_dir", "database_url")
    data_dir: Path
    # Team mode: the PostgreSQL database used instead of the file `database` (its password,
    # if the address holds one, is never written anywhere); the data folder keeps the rest.
    database_url: str | None

    def __init__(self, data_dir: Path, database_url: str | None = None) -> None:
        object.__setattr__(self, "data_dir", data_dir)
        object.__setattr__(self, "database_url", database_url)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"AppPaths is immutable: cannot set {name}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AppPaths):
            return NotImplemented
        return (self.data_dir, self.database_url) == (other.data_dir, other.database_url)

    def __hash__(self) -> int:
        return hash((self.data_dir, self.database_url))

    def __repr__(self) -> str:
        # The address may hold a password: only whether there is one is shown.
        team = "" if self.database_url is None else ", database_url=<set>"
        return f"AppPaths(data_dir={self.data_dir!r}{team})"

    @property
    def database(self) -> Path:
        return self.data_dir / DATABASE_NAME

    def with_database_url(self, url: str | None) -> AppPaths:
        return AppPaths(self.data_dir, url or None)

    @property
    def team_marker(self) -> Path:
        """What this computer's notes and locks beside a team database are named after
        ("team.writing", "team.sender.lock"). A folder: code that still opens the database
        file by this path fails loudly instead of creating an empty SQLite file."""
        return self.data_dir / "team"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"

    @property
    def settings(self) -> Path:
        return self.data_dir / "settings.ini"

    @property
    def lock_file(self) -> Path:
        return self.data_dir / "talentdesk.lock"

    def ensure(self) -> None:
        """Create the folders, or say plainly why they cannot be written; keep them private."""
        try:
            for folder in (self.data_dir, self.backups, self.logs):
                private_folder(folder)
            _probe_writable(self.data_dir)
        except OSError as exc:
            raise DataDirNotWritableError(self.data_dir, exc) from exc
        self.make_private()

    def make_private(self) -> None:
        """The database (a new one is created 0600: see core/db/migrate.py), its -wal/-shm,
        settings, backups and logs: owner only (see core.permissions)."""
        sidecars = [self.data_dir / (DATABASE_NAME + end) for end in ("-wal", "-shm", "-journal")]
        owned = [self.database, *sidecars, self.settings, self.lock_file]
        tighten_all([*owned, *files_in(self.backups), *files_in(self.logs)])


def _probe_writable(folder: Path) -> None:
    """Create and delete a file in `folder` (raises OSError when it cannot be written). A name
    of its own, made with O_EXCL: two TalentDesks starting together never delete each other's.
    (Not `tempfile`: it costs every command's start ~5 ms of imports.)"""
    for attempt in range(100):
        probe = folder / f".write-test-{os.getpid()}-{attempt}"
        try:
            handle = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        os.close(handle)
        probe.unlink()
        return
    raise FileExistsError(f"no free name for a write test in {folder}")


def check_data_dir_option(data_dir: str | os.PathLike[str] | None) -> None:
    """An empty --data-dir is a mistake (an unset shell variable, say), not "the current
    folder" or "the default": refused rather than guessed. An empty TALENTDESK_DATA_DIR
    counts as unset, as empty environment variables usually do."""
    if data_dir is not None and not os.fspath(data_dir).strip():
        raise TalentDeskError(
            "--data-dir is empty.",
            "Name the folder for the database, or leave the option out to use "
            f"${DATA_DIR_ENV} or the default folder.",
        )


def resolve_paths(
    data_dir: str | os.PathLike[str] | None = None, database_url: str | None = None
) -> AppPaths:
    """The --data-dir option wins, then TALENTDESK_DATA_DIR, then the platform's data folder.
    `database_url`: a team database on a PostgreSQL server instead of the folder's file
    (`chosen_database_url`)."""
    check_data_dir_option(data_dir)
    chosen = data_dir or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return AppPaths(Path(chosen).expanduser().resolve(), database_url)
    from platformdirs import PlatformDirs

    dirs = PlatformDirs(APP_NAME, appauthor=False)
    return AppPaths(Path(dirs.user_data_dir), database_url)


def chosen_database_url(option: str | None) -> str | None:
    """The --database option wins, then TALENTDESK_DATABASE_URL; None (neither, or empty):
    the data folder's own file. Anything but a postgresql:// address is refused."""
    chosen = option if option is not None else os.environ.get(DATABASE_URL_ENV, "")
    if not chosen.strip():
        if option is not None:
            raise TalentDeskError(
                "--database is empty.",
                f"Give a postgresql:// address, or leave the option out (and ${DATABASE_URL_ENV} "
                "unset) to use the local database.",
            )
        return None
    scheme = chosen.split("://", 1)[0].lower() if "://" in chosen else ""
    if scheme not in ("postgresql", "postgresql+psycopg"):
        raise TalentDeskError(
            "The team database must be a PostgreSQL address.",
            "Give it as postgresql://user@host:port/database (--database or "
            f"${DATABASE_URL_ENV}); without it the local database is used.",
        )
    return chosen.strip()


def config_dir() -> Path:
    """The user's configuration folder (platformdirs): what is remembered outside any one data
    folder, such as the team database to connect to (core/team/remembered.py)."""
    from platformdirs import PlatformDirs

    return Path(PlatformDirs(APP_NAME, appauthor=False).user_config_dir)


def resources_dir() -> Path:
    """Icons, the desktop entry and the AppStream metainfo: talentdesk/resources, package data
    in a checkout and in an installed wheel alike. PyInstaller sets a frozen module's __file__
    inside the bundle (…/_internal/talentdesk/paths.pyc), and packaging/talentdesk.spec puts
    the icons at the same place, so one rule finds them everywhere."""
    return Path(__file__).resolve().parent / "resources"
