"""Mail fixtures: a throw-away CA and real aiosmtpd servers on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from talentdesk.core.mail.account import MailAccount, Security
from tests.mail_server import PASSWORD, USER, Certificates, MailServer, make_certificates


@pytest.fixture(scope="session")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    return make_certificates(tmp_path_factory.mktemp("certs"))


@pytest.fixture
def smtp_server(certificates: Certificates) -> Iterator[MailServer]:
    server = MailServer(certificates, "starttls").start()
    yield server
    server.stop()


@pytest.fixture
def tls_server(certificates: Certificates) -> Iterator[MailServer]:
    server = MailServer(certificates, "tls").start()
    yield server
    server.stop()


def account_for(server: MailServer, ca_file: Path | None, **changes: object) -> MailAccount:
    values: dict[str, object] = {
        "host": "127.0.0.1",
        "port": server.port,
        "security": Security.TLS if server.mode == "tls" else Security.STARTTLS,
        "username": USER,
        "sender_address": "anna.recruiter@example.com",
        "sender_name": "Anna Żółkiewska",
        "rate_per_minute": 0,
        "ca_file": str(ca_file) if ca_file else None,
        **changes,
    }
    return MailAccount(**values).validated()  # type: ignore[arg-type]


@pytest.fixture
def account(smtp_server: MailServer, certificates: Certificates) -> MailAccount:
    return account_for(smtp_server, certificates.ca_file)


@pytest.fixture
def password() -> str:
    return PASSWORD
