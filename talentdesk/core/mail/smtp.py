"""Talking to the SMTP server: verified TLS, a timeout on every connection, and each failure
sorted into what the recruiter (or the sender) can do about it."""

from __future__ import annotations

import email
import email.policy
import smtplib
import socket
import ssl
from collections.abc import Callable
from datetime import datetime
from email.charset import QP, Charset
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr, make_msgid
from enum import StrEnum
from types import TracebackType
from typing import TYPE_CHECKING

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.mail.account import LOCAL_HOSTS, MailAccount, Security

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

DEFAULT_TIMEOUT = 30.0


class FailureKind(StrEnum):
    CONNECTION_REFUSED = "connection_refused"  # nothing answers at host:port (or no such host)
    TLS_UNTRUSTED = "tls_untrusted"  # the certificate does not verify
    AUTH_REJECTED = "auth_rejected"  # wrong user name or password
    REJECTED = "rejected"  # 5xx for this message (usually the recipient): do not retry
    TEMPORARY = "temporary"  # 4xx, timeout or dropped connection: retry later
    # The connection dropped after the whole message went out, before the server answered: it
    # may have been accepted, so it is not sent again on its own.
    UNCERTAIN = "uncertain"


class MailError(TalentDeskError):
    """A failure to send, by kind, with the server's own words when it gave any."""

    def __init__(
        self, kind: FailureKind, message: str, hint: str = "", code: int | None = None
    ) -> None:
        super().__init__(message, hint)
        self.kind = kind
        self.code = code


def _server_words(code: int, text: bytes | str) -> str:
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return f"{code} {' '.join(words.split())}"


def _by_code(code: int, text: bytes | str, what: str) -> MailError:
    words = _server_words(code, text)
    if 400 <= code < 500:
        return MailError(FailureKind.TEMPORARY, f"{what}: {words}", code=code)
    return MailError(FailureKind.REJECTED, f"{what}: {words}", code=code)


def tls_context(account: MailAccount) -> ssl.SSLContext:
    """The system's trusted certificates (plus the account's own CA file), host names checked."""
    return ssl.create_default_context(cafile=account.ca_file)


class SmtpConnection:
    """One logged-in connection; `send` hands over a message and returns partial refusals."""

    def __init__(
        self, account: MailAccount, password: str, timeout: float = DEFAULT_TIMEOUT
    ) -> None:
        self.account = account
        self._password = password
        self._timeout = timeout
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpConnection:
        self.open()
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def is_open(self) -> bool:
        """Connected and logged in, as far as this side knows."""
        return self._smtp is not None

    def ensure_open(self) -> None:
        """Connect (again) unless connected; MailError says what failed."""
        if self._smtp is None:
            self.open()

    def open(self) -> None:
        """Connect, secure and log in; MailError says what failed."""
        a = self.account
        if a.security is Security.PLAIN and a.host.lower() not in LOCAL_HOSTS:
            raise MailError(
                FailureKind.CONNECTION_REFUSED,
                f"Refusing to send the password unencrypted to {a.host}.",
                "Choose TLS or STARTTLS in the account settings.",
            )
        where = f"{a.host}:{a.port}"
        try:
            if a.security is Security.TLS:
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    a.host, a.port, timeout=self._timeout, context=tls_context(a)
                )
            else:
                smtp = smtplib.SMTP(a.host, a.port, timeout=self._timeout)
            try:
                smtp.ehlo()
                if a.security is Security.STARTTLS:
                    smtp.starttls(context=tls_context(a))
                    smtp.ehlo()
                if a.username:
                    smtp.login(a.username, self._password)
            except BaseException:
                smtp.close()
                raise
        except smtplib.SMTPAuthenticationError as exc:
            raise MailError(
                FailureKind.AUTH_REJECTED,
                f"{where} rejected the user name or password "
                f"({_server_words(exc.smtp_code, exc.smtp_error)}).",
                "Check the password (and the user name) in the account settings.",
                exc.smtp_code,
            ) from None
        except ssl.SSLCertVerificationError as exc:
            raise MailError(
                FailureKind.TLS_UNTRUSTED,
                f"The TLS certificate of {where} is not trusted ({exc.verify_message}).",
                "Check the server name; if your company uses its own certificate authority, "
                "ask IT for it.",
            ) from None
        except smtplib.SMTPNotSupportedError as exc:
            raise MailError(
                FailureKind.REJECTED,
                f"{where} does not offer what the account needs: {exc}.",
                "Check the security setting (TLS or STARTTLS) and the port.",
            ) from None
        except smtplib.SMTPResponseException as exc:
            raise _by_code(
                exc.smtp_code, exc.smtp_error, f"{where} refused the connection"
            ) from None
        except (ConnectionRefusedError, socket.gaierror) as exc:
            raise MailError(
                FailureKind.CONNECTION_REFUSED,
                f"Could not connect to {where} ({exc.strerror or type(exc).__name__}).",
                "Check the server name and port, and that you are online.",
            ) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise MailError(
                FailureKind.TEMPORARY,
                f"The connection to {where} failed ({type(exc).__name__}: {exc}).",
            ) from None
        self._smtp = smtp

    def send(self, message: EmailMessage) -> dict[str, str]:
        """Hand `message` to the server. Returns the recipients it refused while accepting the
        others ({address: server's words}); raises MailError when nothing was accepted."""
        return self._deliver(lambda smtp: smtp.send_message(message))

    def send_bytes(self, to_address: str, data: bytes) -> dict[str, str]:
        """As `send`, for a message already in wire format (see `message_bytes`), from the
        account's sender address to `to_address`."""
        sender = self.account.sender_address
        # An internationalised address needs the server's SMTPUTF8, as send_message asks for.
        options = () if f"{sender}{to_address}".isascii() else ("SMTPUTF8", "BODY=8BITMIME")

        def hand_over(smtp: smtplib.SMTP) -> dict[str, tuple[int, bytes]]:
            if options and not smtp.has_extn("smtputf8"):
                raise smtplib.SMTPNotSupportedError(
                    "the address needs SMTPUTF8, which the server does not offer"
                )
            return smtp.sendmail(sender, [to_address], data, options)

        return self._deliver(hand_over)

    def _deliver(
        self, hand_over: Callable[[smtplib.SMTP], dict[str, tuple[int, bytes]]]
    ) -> dict[str, str]:
        self.ensure_open()
        smtp = self._smtp
        assert smtp is not None
        # smtplib's data() ends the message with CRLF "." CRLF in one send and then waits for
        # the reply: once that send has gone through, a drop leaves the outcome unknown.
        handed_over = False
        send = smtp.send

        def watched_send(data: ReadableBuffer | str) -> None:
            nonlocal handed_over
            send(data)
            if isinstance(data, bytes) and data.endswith(b"\r\n.\r\n"):
                handed_over = True

        # Patched on this one instance (mypy compares it with the unbound method).
        smtp.send = watched_send  # type: ignore[method-assign, assignment]
        try:
            refused = hand_over(smtp)
        except smtplib.SMTPRecipientsRefused as exc:
            # Every recipient refused: the worst reply decides (5xx beats 4xx).
            code, text = max(exc.recipients.values(), key=lambda reply: reply[0])
            raise _by_code(code, text, "The server refused the recipient") from None
        except smtplib.SMTPSenderRefused as exc:
            raise _by_code(exc.smtp_code, exc.smtp_error, "The server refused the sender") from None
        except smtplib.SMTPNotSupportedError as exc:
            raise MailError(
                FailureKind.REJECTED, f"The server cannot take this message: {exc}."
            ) from None
        except smtplib.SMTPResponseException as exc:
            self.close()
            raise _by_code(
                exc.smtp_code, exc.smtp_error, "The server refused the message"
            ) from None
        except (OSError, smtplib.SMTPServerDisconnected) as exc:
            self.close()
            if handed_over:
                raise MailError(
                    FailureKind.UNCERTAIN,
                    f"The connection dropped after the whole message was sent, before the "
                    f"server confirmed it ({type(exc).__name__}): it may or may not have been "
                    f"delivered. Check your Sent folder, then mark it sent or send it again.",
                ) from None
            raise MailError(
                FailureKind.TEMPORARY,
                f"The connection dropped while sending ({type(exc).__name__}).",
            ) from None
        finally:
            del smtp.send  # the class's own method again
        return {addr: _server_words(code, text) for addr, (code, text) in refused.items()}

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()


# Quoted-printable bodies: readable where they are ASCII, lines wrapped for any server.
_UTF8 = Charset("utf-8")
_UTF8.body_encoding = QP
_WIRE = email.policy.compat32.clone(linesep="\r\n")


def message_bytes(
    account: MailAccount,
    to_name: str,
    to_address: str,
    subject: str,
    text: str,
    html: str | None,
    date: datetime,
    message_id: str,
) -> bytes:
    """One message to one recipient, from the account's sender, as it goes over the wire.

    Built with the email package's compat32 classes: about a fifth of the cost of an
    EmailMessage with the default policy, which matters at a thousand messages a batch.
    Names and subject are made one line first, so that no value can add a header.
    """
    if not f"{account.sender_address}{to_address}".isascii():
        return _international(account, to_name, to_address, subject, text, html, date, message_id)
    message = MIMEMultipart("alternative") if html is not None else MIMEText(text, "plain", _UTF8)  # type: ignore[arg-type]
    if html is not None:
        for body, subtype in ((text, "plain"), (html, "html")):
            # A Charset works as well as its name (typeshed says str) and is not looked up again.
            part = MIMEText(body, subtype, _UTF8)  # type: ignore[arg-type]
            del part["MIME-Version"]  # only the message itself carries it
            message.attach(part)
    message["From"] = _mailbox(account.sender_name, account.sender_address)
    message["To"] = _mailbox(to_name, to_address)
    if account.reply_to:
        message["Reply-To"] = account.reply_to
    # compat32 messages take a Header as a value too (typeshed: str only).
    message["Subject"] = _header(subject)  # type: ignore[assignment]
    message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id
    return message.as_bytes(policy=_WIRE)


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _mailbox(name: str, address: str) -> str:
    return formataddr((_one_line(name), address), charset="utf-8")


def _header(value: str) -> str | Header:
    value = _one_line(value)
    return value if value.isascii() else Header(value, "utf-8")


def _international(
    account: MailAccount,
    to_name: str,
    to_address: str,
    subject: str,
    text: str,
    html: str | None,
    date: datetime,
    message_id: str,
) -> bytes:
    """`message_bytes` for a non-ASCII address, which compat32 cannot write: SMTPUTF8 form."""
    message = EmailMessage()
    message["From"] = Address(_one_line(account.sender_name), addr_spec=account.sender_address)
    message["To"] = Address(_one_line(to_name), addr_spec=to_address)
    if account.reply_to:
        message["Reply-To"] = account.reply_to
    message["Subject"] = _one_line(subject)
    message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    return message.as_bytes(policy=email.policy.SMTPUTF8)


def build_message(
    account: MailAccount,
    to_name: str,
    to_address: str,
    subject: str,
    text: str,
    html: str | None = None,
    clock: Clock = utcnow,
    message_id: str | None = None,
) -> EmailMessage:
    """One message to one recipient, from the account's sender, with Date and Message-ID:
    `message_bytes` read back, so that both say the same."""
    data = message_bytes(
        account,
        to_name,
        to_address,
        subject,
        text,
        html,
        clock(),
        message_id or new_message_id(account),
    )
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def new_message_id(account: MailAccount) -> str:
    return make_msgid(domain=account.sender_address.rpartition("@")[2] or None)


def send_test_message(
    account: MailAccount, password: str, timeout: float = DEFAULT_TIMEOUT, clock: Clock = utcnow
) -> str:
    """Send a short message to the sender's own address; its Message-ID, or MailError."""
    message_id = new_message_id(account)
    data = message_bytes(
        account,
        account.sender_name,
        account.sender_address,
        "TalentDesk test message",
        "This message was sent by TalentDesk to check the e-mail account settings.\n",
        None,
        clock(),
        message_id,
    )
    with SmtpConnection(account, password, timeout) as connection:
        refused = connection.send_bytes(account.sender_address, data)
    if refused:
        raise MailError(FailureKind.REJECTED, f"The server refused: {'; '.join(refused.values())}")
    return message_id
