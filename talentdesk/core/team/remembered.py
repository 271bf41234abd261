"""The team database chosen last, remembered between starts in a small JSON file in the user's
configuration folder (never its password: that is in the keyring). No file: the local SQLite
database, as for a single user."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from talentdesk.core.errors import TalentDeskError, ValidationError
from talentdesk.core.permissions import private_folder

if TYPE_CHECKING:
    from talentdesk.core.team.connection import TeamConnection

log = logging.getLogger(__name__)
FILE_NAME = "team-database.json"
FORMAT = 1


def remembered_file(config_dir: Path | None = None) -> Path:
    if config_dir is None:
        from talentdesk.paths import config_dir as user_config_dir

        config_dir = user_config_dir()
    return config_dir / FILE_NAME


def remembered(config_dir: Path | None = None) -> TeamConnection | None:
    """The remembered team database; None when none is (or the file cannot be read, which is
    said in the log and means the local database, as before it was written)."""
    path = remembered_file(config_dir)
    try:
        data = _read(path)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("the team database file %s cannot be read (%s): using the local one", path, exc)
        return None
    from talentdesk.core.team.connection import TeamConnection  # not when there is no file

    try:
        return TeamConnection.from_json(data["connection"])
    except (KeyError, TypeError, ValueError, ValidationError) as exc:
        log.warning("the team database file %s is not understood (%s)", path, exc)
        return None


def _read(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")  # none, as a single user has: no json (start-up)
    import json

    return json.loads(text)


def remembered_user_name(config_dir: Path | None = None) -> str | None:
    """The name given at connect ("Your name": who this recruiter is on the team database)."""
    try:
        data = _read(remembered_file(config_dir))
    except (OSError, ValueError):
        return None
    name = data.get("user_name") if isinstance(data, dict) else None
    return name.strip() or None if isinstance(name, str) else None


def remember(
    conn: TeamConnection, config_dir: Path | None = None, *, user_name: str | None = None
) -> Path:
    """Write the connection (no password) and who connects, for the next start; written
    whole or not at all."""
    path = remembered_file(config_dir)
    data: dict[str, object] = {"format": FORMAT, "connection": conn.to_json()}
    if user_name and user_name.strip():
        data["user_name"] = user_name.strip()
    import json
    import tempfile

    text = json.dumps(data, indent=2) + "\n"

    try:
        private_folder(path.parent)
        handle, temporary = tempfile.mkstemp(prefix=".team-", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:  # mkstemp: mode 0600
                out.write(text)
            Path(temporary).replace(path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise TalentDeskError(
            f"The team database cannot be remembered in {path.parent} ({exc.strerror or exc}).",
            "Check that the folder can be written.",
        ) from exc
    log.info("team database remembered: %s (%s)", conn.label, conn.tls.value)
    return path


def forget(config_dir: Path | None = None) -> bool:
    """Back to the local database at the next start; True when a team database was remembered."""
    path = remembered_file(config_dir)
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    log.info("team database forgotten: the local database opens next")
    return True
