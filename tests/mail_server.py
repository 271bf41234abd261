"""A real SMTP server for the tests and the benchmark: aiosmtpd on 127.0.0.1, with STARTTLS or
implicit TLS, AUTH, and a throw-away certificate authority generated for the run."""

from __future__ import annotations

import email
import email.policy
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from ipaddress import IPv4Address
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.polling import poll

USER = "recruiter"
PASSWORD = "correct horse battery staple"  # the test server's own
# A second mailbox on the same server: a colleague's account (issue 18, each sends as themselves).
SECOND_USER = "colleague"
SECOND_PASSWORD = "another staple entirely"
ACCOUNTS = {USER: PASSWORD, SECOND_USER: SECOND_PASSWORD}


@dataclass(frozen=True)
class Certificates:
    ca_file: Path  # trust this to trust the server
    cert_file: Path
    key_file: Path


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def make_certificates(folder: Path, name: str = "test", *, ip: bool = True) -> Certificates:
    """A CA and a server certificate for 127.0.0.1 and localhost (localhost only without
    `ip`), signed by it."""
    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(_name(f"TalentDesk {name} CA"))
        .issuer_name(_name(f"TalentDesk {name} CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True,
                crl_sign=True, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("localhost"))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), *([x509.IPAddress(IPv4Address("127.0.0.1"))] * ip)]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    files = Certificates(folder / f"{name}-ca.pem", folder / f"{name}.pem", folder / f"{name}.key")
    files.ca_file.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    files.cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    files.key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return files


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage
    login: str | None = None  # the account it was sent from (AUTH); None: not logged in


@dataclass
class Mailbox:
    """What the server accepted, and how it should misbehave."""

    received: list[Received] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)  # address -> "550 …" reply
    delay: float = 0.0  # seconds before accepting each message
    handling: int = 0  # messages whose DATA the server has begun to handle
    # Keep the next N messages, then drop the connection instead of saying so.
    drop_after_data: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        with self.lock:
            self.handling += 1
        if self.delay:
            time.sleep(self.delay)  # blocks the server's loop: a slow server
        content = envelope.original_content or b""
        message = email.message_from_bytes(content, policy=email.policy.default)
        auth = session.auth_data
        login = auth.login.decode() if isinstance(auth, LoginPassword) else None
        with self.lock:
            self.received.append(
                Received(str(envelope.mail_from), list(envelope.rcpt_tos), message, login)  # type: ignore[arg-type]
            )
            if self.drop_after_data:
                self.drop_after_data -= 1
                server.transport.abort()  # type: ignore[union-attr]
        return "250 Message accepted for delivery"

    def wait_until(self, condition: Callable[[Mailbox], bool], timeout: float = 60) -> None:
        """Polls `condition(self)` until it holds; fails after `timeout` seconds."""
        if not poll(lambda: condition(self), seconds=timeout, every=0.02):
            raise AssertionError(f"the test mail server did not reach the state in {timeout} s")

    def messages(self) -> list[EmailMessage]:
        with self.lock:
            return [r.message for r in self.received]


def _authenticator(
    server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and any(
        auth_data.login == user.encode() and auth_data.password == password.encode()
        for user, password in ACCOUNTS.items()
    )
    # handled=False: aiosmtpd answers the failure itself (535); auth_data: who is logged in.
    return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)


class MailServer:
    """An aiosmtpd server on 127.0.0.1; `mode` is "starttls", "tls" (implicit) or "plain" (no
    TLS and no log-in offered, as a local relay)."""

    def __init__(
        self, certificates: Certificates, mode: str = "starttls", port: int | None = None
    ) -> None:
        self.mode = mode
        self.port = port or free_port()
        self.mailbox = Mailbox()
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(certificates.cert_file, certificates.key_file)
        common: dict[str, Any] = {
            "hostname": "127.0.0.1",
            "port": self.port,
            "authenticator": _authenticator,
            "auth_require_tls": True,
            "enable_SMTPUTF8": True,
        }
        if mode == "plain":
            del common["authenticator"], common["auth_require_tls"]
            self._controller = Controller(self.mailbox, **common)
        elif mode == "tls":
            # aiosmtpd counts only STARTTLS as TLS for AUTH; here the whole connection is.
            common["auth_require_tls"] = False
            self._controller = Controller(self.mailbox, ssl_context=context, **common)
        else:
            self._controller = Controller(
                self.mailbox, tls_context=context, require_starttls=True, **common
            )

    def start(self) -> MailServer:
        self._controller.start()
        return self

    def stop(self) -> None:
        """Stop listening and drop every connection (again: nothing to do)."""
        if self._controller._thread is not None:
            self._controller.stop()


def serve(folder: Path) -> None:
    """Run a STARTTLS server in this process until standard input closes: prints its port and
    CA file as JSON on one line, then, at the end, the recipients of each message received.
    The benchmark uses it so that the server does not share the sender's interpreter."""
    import json
    import sys

    certificates = make_certificates(folder)
    server = MailServer(certificates).start()
    print(json.dumps({"port": server.port, "ca_file": str(certificates.ca_file)}), flush=True)
    sys.stdin.read()
    server.stop()
    print(json.dumps([r.rcpt_tos for r in server.mailbox.received]), flush=True)


if __name__ == "__main__":
    import sys

    serve(Path(sys.argv[1]))
