"""Which user a workspace on a team database writes as: TALENTDESK_USER for this run, else the
name given at connect (remembered with the connection in team-database.json), else the
computer's login name."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from talentdesk.core.users.names import login_name

USER_ENV = "TALENTDESK_USER"


def wanted_name(environ: Mapping[str, str] = os.environ, config_dir: Path | None = None) -> str:
    from talentdesk.core.team.remembered import remembered_user_name

    chosen = environ.get(USER_ENV, "").strip()
    return chosen or remembered_user_name(config_dir) or login_name()
