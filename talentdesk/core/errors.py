"""Errors the user can act on. Each carries what happened and what to do about it."""

from __future__ import annotations

from pathlib import Path


class TalentDeskError(Exception):
    """An error caused by the environment or by input, not by a bug: shown to the user as is."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message


class DataDirNotWritableError(TalentDeskError):
    def __init__(self, path: Path, cause: OSError) -> None:
        reason = cause.strerror or type(cause).__name__
        super().__init__(
            f"The data folder {path} cannot be written ({reason}).",
            "Choose another folder with --data-dir, or fix the folder's permissions.",
        )
        self.path = path


def restore_advice(database: Path, backups: Path | None = None) -> str:
    """How to restore `database` from its newest backup, naming it, or that there is none.

    The backups folder is `backups` beside the database unless given (see paths.AppPaths)."""
    from talentdesk.core.backups.names import newest_backup  # only once something went wrong

    folder = backups if backups is not None else database.parent / "backups"
    newest = newest_backup(folder)
    if newest is None:
        return f"There is no backup in {folder} to restore it from."
    return (
        f"The newest backup is {newest.path.name} ({newest.when:%d %b %Y %H:%M} UTC); "
        f"restore it with: talentdesk --data-dir {database.parent} restore {newest.path}"
    )


class NotADatabaseError(TalentDeskError):
    """The file really is not a TalentDesk database: not SQLite, or SQLite without our schema.
    Only this error advises moving the file away."""

    def __init__(self, path: Path, detail: str, backups: Path | None = None) -> None:
        super().__init__(
            f"{path} is not a TalentDesk database ({detail}).",
            "The file was left untouched. If it held your data, restore a backup. "
            + restore_advice(path, backups)
            + " Otherwise move the file away to start with a new, empty database.",
        )
        self.path = path


class DatabaseDamagedError(TalentDeskError):
    """A TalentDesk database whose pages SQLite finds damaged ("malformed")."""

    def __init__(self, path: Path, detail: str, backups: Path | None = None) -> None:
        super().__init__(
            f"{path} is damaged ({detail}).",
            "The file was left untouched. `talentdesk check` lists what is damaged. "
            + restore_advice(path, backups),
        )
        self.path = path


class DatabasePathNotAFileError(TalentDeskError):
    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(
            f"{path} is {kind}, not a database file.",
            "Nothing was changed. Choose another data folder with --data-dir, or move "
            f"{path.name} out of {path.parent}.",
        )
        self.path = path


class DatabaseNotReadableError(TalentDeskError):
    """The file (or its folder) may not be read or written by this user."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"{path} cannot be opened ({detail}).",
            "Nothing was changed. Make the file and its folder readable and writable by you "
            "(or choose another folder with --data-dir), then try again.",
        )
        self.path = path


class DiskFullError(TalentDeskError):
    def __init__(self, path: Path | None = None, hint: str = "Nothing was changed.") -> None:
        super().__init__(
            f"The disk holding {path} is full." if path else "The disk is full.",
            f"{hint} Free some disk space, then try again.",
        )
        self.path = path


class DiskIOError(TalentDeskError):
    def __init__(self, path: Path | None, detail: str) -> None:
        super().__init__(
            f"Reading or writing {path or 'the disk'} failed ({detail}).",
            "TalentDesk changed nothing. The disk may be failing, or a network or USB drive "
            "may have gone away: check it, then try again.",
        )
        self.path = path


class DatabaseTooNewError(TalentDeskError):
    """`path`: the file, or a team database's address (without its password)."""

    def __init__(self, path: Path | str, revision: str) -> None:
        what = "file" if isinstance(path, Path) else "database"
        super().__init__(
            f"{path} was written by a newer version of TalentDesk (schema {revision}).",
            f"The {what} was left untouched. Install the newer TalentDesk to open it.",
        )
        self.path = path
        self.revision = revision


class DatabaseBusyError(TalentDeskError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} is locked by another program.",
            "Close the other program that uses this database and try again.",
        )


class NotFoundError(TalentDeskError):
    """The thing asked for no longer exists (deleted elsewhere, or a stale id)."""


class ValidationError(TalentDeskError):
    """Input that cannot be stored; `errors` maps each field to what is wrong with it."""

    def __init__(self, errors: dict[str, str]) -> None:
        lines = "; ".join(f"{field}: {problem}" for field, problem in errors.items())
        super().__init__(f"Please correct: {lines}")
        self.errors = errors
