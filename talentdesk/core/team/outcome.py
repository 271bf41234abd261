"""What a connection test found, in a recruiter's words: the kind of outcome, a title, what
happened and what to do. Failures are read from libpq's messages (which never hold the
password); `classify` is kept apart from the connecting so each message's wording is tested."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from talentdesk.core.team.connection import TeamConnection, TlsMode


class Verdict(enum.StrEnum):
    CONNECTED = "connected"
    UNENCRYPTED = "unencrypted"  # connected, but the network sees everything: a warning
    UNREACHABLE = "unreachable"
    UNKNOWN_HOST = "unknown-host"
    AUTH_FAILED = "auth-failed"
    PASSWORD_NEEDED = "password-needed"
    NO_DATABASE = "no-database"
    NOT_ALLOWED = "not-allowed"
    TLS_REQUIRED = "tls-required"  # we asked for none; the server insists
    TLS_UNSUPPORTED = "tls-unsupported"  # we asked for TLS; the server offers none
    TLS_UNTRUSTED = "tls-untrusted"
    TLS_HOSTNAME = "tls-hostname"
    CA_FILE = "ca-file"
    FAILED = "failed"


TITLES = {
    Verdict.CONNECTED: "Connected",
    Verdict.UNENCRYPTED: "Connected, unencrypted",
    Verdict.UNREACHABLE: "Server not reachable",
    Verdict.UNKNOWN_HOST: "Server not found",
    Verdict.AUTH_FAILED: "Wrong user or password",
    Verdict.PASSWORD_NEEDED: "Password needed",
    Verdict.NO_DATABASE: "Database does not exist",
    Verdict.NOT_ALLOWED: "Not allowed to connect",
    Verdict.TLS_REQUIRED: "The server requires encryption",
    Verdict.TLS_UNSUPPORTED: "The server does not offer encryption",
    Verdict.TLS_UNTRUSTED: "TLS certificate not trusted",
    Verdict.TLS_HOSTNAME: "Certificate does not match the server name",
    Verdict.CA_FILE: "Certificate authority file not usable",
    Verdict.FAILED: "Could not connect",
}


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    message: str  # what happened
    hint: str = ""  # what to do
    server_version: str | None = None
    encrypted: bool | None = None
    schema: str | None = None  # TalentDesk's tables: there at which revision, or empty

    @property
    def connected(self) -> bool:
        return self.verdict in (Verdict.CONNECTED, Verdict.UNENCRYPTED)

    @property
    def title(self) -> str:
        return TITLES[self.verdict]

    def lines(self) -> list[str]:
        """Title: message, then the schema and the hint, each on a line."""
        return [f"{self.title}: {self.message}", *filter(None, (self.schema, self.hint))]

    def text(self) -> str:
        return "\n".join(self.lines())


UNENCRYPTED_WARNING = "names, notes and e-mails cross the network readable by anyone on the way"
_PREFIX = re.compile(r"^(connection failed: )?(connection to server at [^:]*?, port \d+ failed: )?")


def libpq_words(error: str) -> str:
    """libpq's message without its "connection to server … failed:" preamble or FATAL tag."""
    first = _PREFIX.sub("", error.strip().splitlines()[0] if error.strip() else "")
    return first.replace("FATAL:  ", "").strip()


def classify(conn: TeamConnection, error: str) -> Outcome:
    """The outcome a failed connection's libpq message describes."""
    low = error.lower()
    for rule in (_network, _login, _tls):
        outcome = rule(conn, low, libpq_words(error))
        if outcome is not None:
            return outcome
    return Outcome(Verdict.FAILED, libpq_words(error) or "the server gave no reason.")


def _network(conn: TeamConnection, low: str, words: str) -> Outcome | None:
    if "failed to resolve host" in low or "could not translate host name" in low:
        return Outcome(
            Verdict.UNKNOWN_HOST,
            f"{conn.host} is not a server name this computer can find.",
            "Check the spelling, and that you are on the company network or VPN.",
        )
    if "connection refused" in low or "timeout expired" in low or "unreachable" in low:
        return Outcome(
            Verdict.UNREACHABLE,
            f"nothing answered at {conn.host}:{conn.port} ({words}).",
            "Check the server name and port, and that you are on the company network or VPN.",
        )
    return None


def _login(conn: TeamConnection, low: str, words: str) -> Outcome | None:
    if "password authentication failed" in low or ("role" in low and "does not exist" in low):
        return Outcome(
            Verdict.AUTH_FAILED,
            f"the server refused user {conn.user} with this password.",
            "Check the user name and the password you were given.",
        )
    if "no password supplied" in low:
        return Outcome(
            Verdict.PASSWORD_NEEDED, f"the server asks {conn.user} for a password.", "Type it."
        )
    if "database" in low and "does not exist" in low:
        return Outcome(
            Verdict.NO_DATABASE,
            f"the server has no database named {conn.database}.",
            "Check its name, or ask your administrator to create it (an empty one: "
            "TalentDesk sets it up).",
        )
    if "no pg_hba.conf entry" in low and "no encryption" in low and conn.unencrypted:
        return Outcome(
            Verdict.TLS_REQUIRED,
            "it accepts only encrypted connections.",
            "Choose an encrypted connection (verify-full, with your company's CA file).",
        )
    if "no pg_hba.conf entry" in low:
        return Outcome(
            Verdict.NOT_ALLOWED,
            f"the server does not let {conn.user} connect to {conn.database} from this computer.",
            "Ask your database administrator to allow it (pg_hba.conf).",
        )
    return None


def _tls(conn: TeamConnection, low: str, words: str) -> Outcome | None:
    if "server does not support ssl" in low:
        return Outcome(
            Verdict.TLS_UNSUPPORTED,
            f"{conn.host}:{conn.port} accepts unencrypted connections only.",
            "Ask your administrator to turn TLS on, or choose Unencrypted if the network is "
            f"trusted ({UNENCRYPTED_WARNING}).",
        )
    if "does not match host name" in low:
        return Outcome(
            Verdict.TLS_HOSTNAME,
            f"the server's certificate is not made out to {conn.host} ({words}).",
            "Use the server name the certificate names.",
        )
    if "root certificate file" in low:
        return Outcome(
            Verdict.CA_FILE,
            f"{conn.ca_file or 'the CA file'} does not exist or cannot be read.",
            "Choose the certificate authority file (.pem or .crt) your administrator gave you.",
        )
    if "certificate verify failed" in low or ("certificate" in low and "ssl error" in low):
        return Outcome(
            Verdict.TLS_UNTRUSTED,
            "the server's certificate is not signed by an authority this connection trusts.",
            "Choose the certificate authority file your administrator gave you."
            if conn.tls is TlsMode.VERIFY_FULL and conn.ca_file is None
            else "Check that the CA file is the one that signed the server's certificate.",
        )
    return None
