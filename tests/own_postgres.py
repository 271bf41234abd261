"""A PostgreSQL server of the test's own (tests/pg_server.py), for tests that stop and start
it: the session's shared `postgres` must stay up for every other test. A plugin of
tests/conftest.py: every test may ask for `own_postgres` and `own_pg_url`."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.pg_server import PostgresMissingError, PostgresServer


@pytest.fixture
def own_postgres() -> Iterator[PostgresServer]:
    try:
        server = PostgresServer()
    except PostgresMissingError as missing:
        if os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}:
            pytest.fail(f"CI=true but {missing}", pytrace=False)
        pytest.skip(str(missing))
    with server:
        yield server


@pytest.fixture
def own_pg_url(own_postgres: PostgresServer) -> str:
    return own_postgres.url(own_postgres.create_database())
