"""The connection test's outcome in a recruiter's words: a closed port tried for real, and
libpq's own messages (as a PostgreSQL 15 server and libpq gave them) read into outcomes."""

from __future__ import annotations

import pytest

from talentdesk.core.team.connection import TeamConnection, TlsMode
from talentdesk.core.team.outcome import Verdict, classify
from talentdesk.core.team.probe import test_connection as probe
from tests.mail_server import free_port

CONN = TeamConnection("db.example.com", "talent", "ann", 5432, TlsMode.REQUIRE)
AT = 'connection failed: connection to server at "10.0.0.5", port 5432 failed: '


def test_a_closed_port_is_not_reachable() -> None:
    conn = TeamConnection("127.0.0.1", "talent", "ann", free_port(), TlsMode.DISABLE)
    outcome = probe(conn, "password", timeout_s=3)
    assert outcome.verdict is Verdict.UNREACHABLE and not outcome.connected
    assert outcome.text().startswith(
        f"Server not reachable: nothing answered at 127.0.0.1:{conn.port} (Connection refused)."
    )
    assert "password" not in outcome.text()


def test_an_unknown_server_name_is_not_found() -> None:
    conn = TeamConnection("no-such-server.invalid", "talent", "ann", tls=TlsMode.DISABLE)
    outcome = probe(conn, None, timeout_s=3)
    assert outcome.verdict is Verdict.UNKNOWN_HOST
    assert outcome.title == "Server not found"


@pytest.mark.parametrize(
    ("conn", "message", "verdict", "says"),
    [
        (
            CONN,
            AT + 'FATAL:  password authentication failed for user "ann"',
            Verdict.AUTH_FAILED,
            "Wrong user or password: the server refused user ann",
        ),
        (
            CONN,
            AT + "fe_sendauth: no password supplied",
            Verdict.PASSWORD_NEEDED,
            "Password needed",
        ),
        (
            CONN,
            AT + 'FATAL:  database "talent" does not exist',
            Verdict.NO_DATABASE,
            "Database does not exist: the server has no database named talent.",
        ),
        (
            CONN,
            AT + "SSL error: certificate verify failed",
            Verdict.TLS_UNTRUSTED,
            "TLS certificate not trusted",
        ),
        (
            CONN,
            AT + 'server certificate for "localhost" (and 1 other name) does not match host '
            'name "db.example.com"',
            Verdict.TLS_HOSTNAME,
            "Certificate does not match the server name: the server's certificate is not made "
            'out to db.example.com (server certificate for "localhost"',
        ),
        (
            TeamConnection("db.example.com", "talent", "ann", tls=TlsMode.DISABLE),
            AT + 'FATAL:  no pg_hba.conf entry for host "10.0.0.9", user "ann", database '
            '"talent", no encryption',
            Verdict.TLS_REQUIRED,
            "The server requires encryption",
        ),
        (
            CONN,
            AT + 'FATAL:  no pg_hba.conf entry for host "10.0.0.9", user "ann", database '
            '"talent", SSL encryption',
            Verdict.NOT_ALLOWED,
            "Not allowed to connect: the server does not let ann connect to talent",
        ),
        (
            CONN,
            AT + "server does not support SSL, but SSL was required",
            Verdict.TLS_UNSUPPORTED,
            "The server does not offer encryption: db.example.com:5432 accepts unencrypted",
        ),
        (
            TeamConnection("db", "talent", "ann", ca_file="/nowhere/ca.pem"),
            AT + 'root certificate file "/nowhere/ca.pem" does not exist\nEither provide…',
            Verdict.CA_FILE,
            "Certificate authority file not usable: /nowhere/ca.pem does not exist",
        ),
        (
            CONN,
            AT + "timeout expired",
            Verdict.UNREACHABLE,
            "Server not reachable: nothing answered at db.example.com:5432 (timeout expired).",
        ),
        (
            CONN,
            AT + "FATAL:  sorry, too many clients already",
            Verdict.FAILED,
            "Could not connect: sorry, too many clients already",
        ),
    ],
)
def test_libpq_messages_are_told_in_a_recruiters_words(
    conn: TeamConnection, message: str, verdict: Verdict, says: str
) -> None:
    outcome = classify(conn, message)
    assert outcome.verdict is verdict
    assert outcome.text().startswith(says)
    assert "connection to server at" not in outcome.text() and "FATAL" not in outcome.text()
