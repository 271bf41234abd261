"""The throw-away PostgreSQL server the team-mode tests run against (tests/pg_server.py)."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from tests.pg_server import PASSWORD, PostgresMissingError, PostgresServer


def test_a_test_database_has_the_extensions_team_mode_uses(pg_url: str) -> None:
    with psycopg.connect(pg_url.replace("+psycopg", "")) as conn:
        names = {row[0] for row in conn.execute("SELECT extname FROM pg_extension")}
        folded = conn.execute("SELECT unaccent('Łukasz z Krakowa, Kraków')").fetchone()
        similar = conn.execute("SELECT similarity('Kowalski', 'Kowalsky')").fetchone()
    assert {"unaccent", "pg_trgm"} <= names
    assert folded == ("Lukasz z Krakowa, Krakow",)
    assert similar is not None and similar[0] > 0.5


def test_each_test_gets_an_empty_database_of_its_own(postgres: PostgresServer) -> None:
    first, second = postgres.create_database(), postgres.create_database()
    try:
        with psycopg.connect(postgres.url(first).replace("+psycopg", "")) as conn:
            conn.execute("CREATE TABLE only_here (id integer)")
        with psycopg.connect(postgres.url(second).replace("+psycopg", "")) as conn:
            tables = conn.execute(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
            ).fetchone()
        assert tables == (0,)
    finally:
        postgres.drop_database(first)
        postgres.drop_database(second)


def test_the_server_asks_for_the_password_over_tcp(postgres: PostgresServer) -> None:
    name = postgres.create_database()
    try:
        without = postgres.url(name, password=False).replace("+psycopg", "")
        with pytest.raises(psycopg.OperationalError, match="password"):
            psycopg.connect(without, connect_timeout=5).close()
        with psycopg.connect(without, password=PASSWORD) as conn:
            assert conn.execute("SELECT current_user").fetchone() == ("postgres",)
    finally:
        postgres.drop_database(name)


def test_a_server_of_its_own_starts_stops_and_leaves_nothing() -> None:
    with PostgresServer() as server:
        root = server.root
        assert server.running
        with server.admin() as conn:
            port = conn.execute("SHOW port").fetchone()
            listening = conn.execute("SHOW listen_addresses").fetchone()
        assert port == (str(server.port),)
        assert listening == ("127.0.0.1",)
    assert not Path(root).exists()


def test_without_postgresql_the_fixture_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TALENTDESK_TEST_PG_BIN", str(tmp_path / "nowhere"))
    with pytest.raises(PostgresMissingError, match="Debian package postgresql"):
        PostgresServer()


_ABANDONED = """
import sys
from tests.pg_server import PostgresServer
server = PostgresServer().start()
print(server.root, server.port, flush=True)
sys.stdin.read()  # until the test kills this process
"""


def test_a_server_whose_test_process_dies_is_stopped_and_removed() -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    owner = subprocess.Popen(
        [sys.executable, "-c", _ABANDONED],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert owner.stdout is not None
    root, port = owner.stdout.readline().split()
    assert (Path(root) / "data" / "postmaster.pid").exists()
    os.kill(owner.pid, signal.SIGKILL)
    owner.wait()
    deadline = time.monotonic() + 30
    while Path(root).exists() and time.monotonic() < deadline:
        time.sleep(0.05)  # polling for the watchdog's clean-up, with a deadline
    assert not Path(root).exists()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(host="127.0.0.1", port=int(port), dbname="postgres", connect_timeout=3)
