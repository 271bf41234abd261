"""Two desktops on one team database: two workspaces on the same PostgreSQL database, each with
its own data folder, engines and write path (as two computers have). A test module uses it with
`from tests.team_fixtures import two_desktops  # noqa: F401` (registered as `desktops`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest

from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import TravelClock


@pytest.fixture(name="desktops")
def two_desktops(
    pg_url: str, tmp_path: Path, clock: TravelClock
) -> Iterator[tuple[Workspace, Workspace]]:
    first = Workspace.open(AppPaths(tmp_path / "a").with_database_url(pg_url), clock, tz=UTC)
    second = Workspace.open(AppPaths(tmp_path / "b").with_database_url(pg_url), clock, tz=UTC)
    yield first, second
    second.close()
    first.close()
