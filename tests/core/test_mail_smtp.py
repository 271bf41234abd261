"""Connecting to a real SMTP server: STARTTLS and implicit TLS, and each failure by kind."""

from __future__ import annotations

import pytest

from talentdesk.core.errors import ValidationError
from talentdesk.core.mail.account import MailAccount, Security
from talentdesk.core.mail.smtp import FailureKind, MailError, send_test_message
from tests.core.conftest import account_for
from tests.mail_server import Certificates, MailServer, free_port


def test_test_message_over_starttls(
    smtp_server: MailServer, account: MailAccount, password: str
) -> None:
    message_id = send_test_message(account, password, timeout=5)
    [got] = smtp_server.mailbox.messages()
    assert got["Message-ID"] == message_id
    assert got["To"].addresses[0].addr_spec == "anna.recruiter@example.com"
    assert got["From"].addresses[0].display_name == "Anna Żółkiewska"
    assert got["Subject"] == "TalentDesk test message"
    assert got["Date"]


def test_test_message_over_implicit_tls(tls_server: MailServer, certificates: Certificates) -> None:
    from tests.mail_server import PASSWORD

    send_test_message(account_for(tls_server, certificates.ca_file), PASSWORD, timeout=5)
    assert len(tls_server.mailbox.messages()) == 1


def _failure(account: MailAccount, password: str) -> MailError:
    with pytest.raises(MailError) as caught:
        send_test_message(account, password, timeout=5)
    assert password not in str(caught.value)
    return caught.value


def test_wrong_password_is_authentication_rejected(
    smtp_server: MailServer, account: MailAccount
) -> None:
    error = _failure(account, "not-the-password")
    assert error.kind is FailureKind.AUTH_REJECTED
    assert "535" in error.message
    assert smtp_server.mailbox.messages() == []


def test_untrusted_certificate(smtp_server: MailServer, password: str) -> None:
    # Without the test CA only the system's authorities are trusted.
    error = _failure(account_for(smtp_server, None), password)
    assert error.kind is FailureKind.TLS_UNTRUSTED
    assert "not trusted" in error.message


def test_certificate_for_another_host_is_untrusted(
    smtp_server: MailServer, certificates: Certificates, tmp_path: object, password: str
) -> None:
    from tests.mail_server import make_certificates

    other_ca = make_certificates(tmp_path / "other", "other")  # type: ignore[operator]
    error = _failure(account_for(smtp_server, other_ca.ca_file), password)
    assert error.kind is FailureKind.TLS_UNTRUSTED


def test_nothing_listening_is_connection_refused(
    certificates: Certificates, smtp_server: MailServer, password: str
) -> None:
    account = account_for(smtp_server, certificates.ca_file, port=free_port())
    error = _failure(account, password)
    assert error.kind is FailureKind.CONNECTION_REFUSED
    assert "Could not connect" in error.message


def test_a_server_without_log_in_says_to_clear_the_user_name(certificates: Certificates) -> None:
    server = MailServer(certificates, "plain").start()
    try:
        account = account_for(server, None, security=Security.PLAIN)  # a user name is set
        error = _failure(account, "secret")
        assert error.kind is FailureKind.REJECTED
        assert error.message == f"127.0.0.1:{server.port} does not offer logging in (SMTP AUTH)."
        assert "clear the user name" in error.hint
        assert "the port that offers it" in error.hint
        assert "TLS or STARTTLS" not in error.hint  # the old, wrong advice

        send_test_message(account_for(server, None, security=Security.PLAIN, username=""), "", 5)
        assert len(server.mailbox.messages()) == 1  # without a user name it sends
    finally:
        server.stop()


def test_plain_connections_only_to_this_computer() -> None:
    remote = MailAccount("smtp.example.com", 25, Security.PLAIN, "u", "a@example.com")
    with pytest.raises(ValidationError) as caught:
        remote.validated()
    assert "security" in caught.value.errors
    local = MailAccount("localhost", 25, Security.PLAIN, "u", "a@example.com")
    assert local.validated().security is Security.PLAIN
