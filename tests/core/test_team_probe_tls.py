"""The connection test's TLS outcomes against a real PostgreSQL server with TLS on (a cluster of
its own: tests/pg_server.py with ssl switched on and every TCP connection required to use it,
its certificate made out to "localhost" only)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from psycopg import sql

from talentdesk.core.team.connection import TeamConnection, TlsMode
from talentdesk.core.team.outcome import Verdict
from talentdesk.core.team.probe import test_connection as probe
from tests.mail_server import make_certificates
from tests.pg_server import PASSWORD, SUPERUSER, PostgresMissingError, PostgresServer

RELOAD_WAIT_S = 30.0


def _ssl_on(db: object) -> bool:
    row = db.execute("SELECT setting FROM pg_settings WHERE name = 'ssl'").fetchone()  # type: ignore[attr-defined]
    return bool(row and row[0] == "on")


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[PostgresServer, Path]]:
    try:
        server = PostgresServer()
    except PostgresMissingError as missing:
        pytest.skip(str(missing))
    with server:
        certs = make_certificates(server.root / "certs", "pg", ip=False)
        for secret in (certs.cert_file, certs.key_file):
            os.chown(secret, server.user.pw_uid, server.user.pw_gid)
            secret.chmod(0o600)
        hba = server.data / "pg_hba.conf"
        hba.write_text(
            "".join(
                "hostssl" + line[4:] if line.startswith("host ") else line
                for line in hba.read_text().splitlines(keepends=True)
            )
        )
        with server.admin() as db:
            for name, value in (
                ("ssl_cert_file", str(certs.cert_file)),
                ("ssl_key_file", str(certs.key_file)),
                ("ssl", "on"),
            ):
                db.execute(sql.SQL("ALTER SYSTEM SET {} = {}").format(sql.Identifier(name), value))
            db.execute("SELECT pg_reload_conf()")
        deadline = time.monotonic() + RELOAD_WAIT_S
        while True:  # the reload is a signal: wait for the new settings, not for a time
            with server.admin() as db:
                if _ssl_on(db):
                    break
            assert time.monotonic() < deadline, server.log()
        yield server, certs.ca_file


def _conn(server: PostgresServer, host: str, tls: TlsMode, ca: Path | None) -> TeamConnection:
    return TeamConnection(host, "postgres", SUPERUSER, server.port, tls, str(ca) if ca else None)


def test_verified(tls_server: tuple[PostgresServer, Path]) -> None:
    server, ca = tls_server
    outcome = probe(_conn(server, "localhost", TlsMode.VERIFY_FULL, ca), PASSWORD)
    assert outcome.verdict is Verdict.CONNECTED and outcome.encrypted is True
    assert outcome.text().startswith(
        f"Connected: PostgreSQL {outcome.server_version}, encrypted (server verified)."
    )


def test_encrypted_but_not_verified(tls_server: tuple[PostgresServer, Path]) -> None:
    server, _ca = tls_server
    outcome = probe(_conn(server, "127.0.0.1", TlsMode.REQUIRE, None), PASSWORD)
    assert outcome.verdict is Verdict.CONNECTED
    assert "encrypted (server not verified)" in outcome.text()


def test_a_certificate_made_out_to_another_name(tls_server: tuple[PostgresServer, Path]) -> None:
    server, ca = tls_server
    outcome = probe(_conn(server, "127.0.0.1", TlsMode.VERIFY_FULL, ca), PASSWORD)
    assert outcome.verdict is Verdict.TLS_HOSTNAME
    assert outcome.text().startswith(
        "Certificate does not match the server name: the server's certificate is not made out "
        'to 127.0.0.1 (server certificate for "localhost"'
    )
    assert 'does not match host name "127.0.0.1").' in outcome.text()


def test_a_certificate_no_trusted_authority_signed(
    tls_server: tuple[PostgresServer, Path],
) -> None:
    server, _ca = tls_server
    outcome = probe(_conn(server, "localhost", TlsMode.VERIFY_FULL, None), PASSWORD)
    assert outcome.verdict is Verdict.TLS_UNTRUSTED
    assert outcome.text() == (
        "TLS certificate not trusted: the server's certificate is not signed by an authority "
        "this connection trusts.\nChoose the certificate authority file your administrator gave "
        "you."
    )


def test_a_missing_ca_file(tls_server: tuple[PostgresServer, Path], tmp_path: Path) -> None:
    server, _ca = tls_server
    missing = tmp_path / "company-ca.pem"
    outcome = probe(_conn(server, "localhost", TlsMode.VERIFY_FULL, missing), PASSWORD)
    assert outcome.verdict is Verdict.CA_FILE
    assert outcome.message == f"{missing} does not exist or cannot be read."


def test_unencrypted_refused_by_the_server(tls_server: tuple[PostgresServer, Path]) -> None:
    server, _ca = tls_server
    outcome = probe(_conn(server, "127.0.0.1", TlsMode.DISABLE, None), PASSWORD)
    assert outcome.verdict is Verdict.TLS_REQUIRED
    assert outcome.text().startswith(
        "The server requires encryption: it accepts only encrypted connections."
    )
