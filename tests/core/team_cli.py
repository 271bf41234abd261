"""The command line's options for the test's database: the data folder, and the team
database's URL when the test's workspace is on PostgreSQL (tests/pg_fixtures.py)."""

from __future__ import annotations

from talentdesk.paths import AppPaths
from tests.conftest import SERVER_FOR


def where(paths: AppPaths) -> list[str]:
    url = SERVER_FOR.get(paths.database)
    return ["--data-dir", str(paths.data_dir), *(["--database", url] if url else [])]
