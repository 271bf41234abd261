"""The window's tests on a team database: the `paths` and `ws` fixtures of tests/conftest.py
pointed at the test's throw-away PostgreSQL database. A test module uses them with
`from tests.ui.team_window import team_paths, team_ws  # noqa: F401`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest

from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import SERVER_FOR, TravelClock


@pytest.fixture(name="paths")
def team_paths(tmp_path: Path, pg_url: str) -> AppPaths:
    return AppPaths(tmp_path / "desk").with_database_url(pg_url)


@pytest.fixture(name="ws")
def team_ws(paths: AppPaths, clock: TravelClock, pg_url: str) -> Iterator[Workspace]:
    workspace = Workspace.open(paths, clock, tz=UTC)
    SERVER_FOR[paths.database] = pg_url  # the test's own rows go to the server database
    yield workspace
    workspace.close()
    SERVER_FOR.pop(paths.database, None)
