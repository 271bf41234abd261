"""PostgreSQL fixtures (tests/conftest.py imports them, so every test can ask for them):

- `postgres`: one throw-away cluster (tests/pg_server.py) for the whole run, started on first use;
- `pg_url`: a new database on it for one test (with `unaccent` and `pg_trgm`), dropped after;
- `backend`: "sqlite" and "postgresql", for a test that must hold on both. A test marked
  `@pytest.mark.server_gap("why")` is a known gap of team mode: expected to fail on PostgreSQL
  (strictly: once it passes, the mark must go);
- `ws_on_both`: the `ws` fixture over either backend. A test module runs on both with
  `from tests.pg_fixtures import ws_on_both  # noqa: F401` (it is registered under the name
  `ws`, so the module's tests ask for `ws` as before).

Without PostgreSQL the tests that use it are skipped, except under CI=true, where they fail:
CI must never pass by skipping."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC

import pytest

from talentdesk.core.clock import Clock
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import SERVER_FOR
from tests.pg_server import PostgresMissingError, PostgresServer

BACKENDS = ("sqlite", "postgresql")


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    try:
        server = PostgresServer()
    except PostgresMissingError as missing:
        if _in_ci():
            pytest.fail(f"CI=true but {missing}", pytrace=False)
        pytest.skip(str(missing))
    with server:
        yield server


@pytest.fixture
def pg_url(postgres: PostgresServer) -> Iterator[str]:
    name = postgres.create_database()
    yield postgres.url(name)
    postgres.drop_database(name)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    gap = request.node.get_closest_marker("server_gap")
    if request.param == "postgresql" and gap is not None:
        reason = gap.args[0] if gap.args else "not on a team database yet"
        request.applymarker(pytest.mark.xfail(reason=f"team mode: {reason}", strict=True))
    return str(request.param)


@pytest.fixture(name="ws")
def ws_on_both(
    backend: str, paths: AppPaths, clock: Clock, request: pytest.FixtureRequest
) -> Iterator[Workspace]:
    if backend == "sqlite":
        workspace = Workspace.open(paths, clock, tz=UTC)
    else:
        url = request.getfixturevalue("pg_url")
        workspace = Workspace.open(paths.with_database_url(url), clock, tz=UTC)
        SERVER_FOR[paths.database] = url  # written_outside(paths.database) writes there
    yield workspace
    workspace.close()
    SERVER_FOR.pop(paths.database, None)
