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


class NotADatabaseError(TalentDeskError):
    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"{path} is not a TalentDesk database ({detail}).",
            "The file was left untouched. Restore it from a backup in the 'backups' folder, "
            "or move it away to start with a new, empty database.",
        )
        self.path = path


class DatabaseTooNewError(TalentDeskError):
    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(
            f"{path} was written by a newer version of TalentDesk (schema {revision}).",
            "The file was left untouched. Install the newer TalentDesk to open it.",
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
