"""Shared fixtures: every test gets its own data folder and a clock it controls."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Connection
from sqlalchemy.orm import Session

from talentdesk.core.db.engine import make_engine
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths

# The IMAP fixtures (`dovecot`, `imap_server`) and the PostgreSQL ones (`postgres`, `pg_url`,
# `backend`), for every test.
pytest_plugins = ["tests.imap_fixtures", "tests.pg_fixtures", "tests.own_postgres"]

# A Wednesday morning, so "today", "overdue" and "next 7 days" are all easy to reach.
START = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


class TravelClock:
    """The injected clock: tests move it instead of sleeping."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing a test does may touch the real user's folders or time zone."""
    monkeypatch.setenv("TALENTDESK_DATA_DIR", str(tmp_path / "env-data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("TZ", "UTC")


@pytest.fixture
def clock() -> TravelClock:
    return TravelClock()


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths(tmp_path / "data")


@pytest.fixture
def ws(paths: AppPaths, clock: TravelClock) -> Iterator[Workspace]:
    workspace = Workspace.open(paths, clock, tz=UTC)
    yield workspace
    workspace.close()


# Team mode: the data folder's database path of a workspace that is on a PostgreSQL server,
# and that server database's URL (set by tests/pg_fixtures.py's `ws` for the test's duration).
SERVER_FOR: dict[Path, str] = {}


@contextmanager
def written_outside(database: Path) -> Iterator[Connection]:
    """A transaction on a connection of its own, as another program would write: set-up
    behind the services' back (the app's own writes all go through its write path). When the
    test's workspace is on PostgreSQL (tests/pg_fixtures.py), on that server database."""
    url = SERVER_FOR.get(database)
    if url is not None:
        from talentdesk.core.db.server import make_server_engine

        engine = make_server_engine(url)
    else:
        engine = make_engine(database)
    try:
        with engine.begin() as connection:
            yield connection
    finally:
        engine.dispose()


@contextmanager
def session_outside(database: Path) -> Iterator[Session]:
    """`written_outside`, as an ORM session."""
    with written_outside(database) as connection, Session(bind=connection) as session:
        yield session
        session.flush()


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB tmpfs mounted for the test: a real disk that fills up (ENOSPC, SQLITE_FULL).
    Needs root (as in CI); skipped only where mounting is impossible."""
    mount = tmp_path / "tiny-disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "--lazy", str(mount)], check=False)


def fill_disk(folder: Path) -> None:
    """Write a file in `folder` until its disk is full."""
    try:
        with (folder / "filler").open("wb", buffering=0) as f:
            while True:
                f.write(b"\0" * 4096)
    except OSError:  # ENOSPC: full
        pass
