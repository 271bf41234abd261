"""A team database's address: server, port, database, user and how the connection is encrypted,
read from and written as a `postgresql+psycopg://` URL. The password is never part of it: it
lives in the keyring (see team/password.py) and is added only to the URL an engine is given."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from talentdesk.core.errors import ValidationError

SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
DEFAULT_PORT = 5432
URL_HINT = "Give it as postgresql://user@server:port/database"


class TlsMode(enum.StrEnum):
    """libpq's sslmode, restricted to the three that say plainly what they do."""

    VERIFY_FULL = "verify-full"  # encrypted; the certificate and the server's name are checked
    REQUIRE = "require"  # encrypted; the certificate is not checked
    DISABLE = "disable"  # not encrypted: the network sees everything

    @property
    def label(self) -> str:
        return _TLS_LABELS[self]


_TLS_LABELS = {
    TlsMode.VERIFY_FULL: "Encrypted, server verified (verify-full)",
    TlsMode.REQUIRE: "Encrypted, server not verified (require)",
    TlsMode.DISABLE: "Unencrypted (disable)",
}


@dataclass(frozen=True)
class TeamConnection:
    host: str
    database: str
    user: str
    port: int = DEFAULT_PORT
    tls: TlsMode = TlsMode.VERIFY_FULL
    ca_file: str | None = None  # verify-full: the CA that signed the server's certificate

    @property
    def unencrypted(self) -> bool:
        return self.tls is TlsMode.DISABLE

    @property
    def keyring_user(self) -> str:
        """The keyring entry's name: one per user@host:port/database."""
        return f"postgresql:{self.user}@{self.host}:{self.port}/{self.database}"

    @property
    def label(self) -> str:
        """How the window and the command line name it: user@host/database."""
        host = self.host if self.port == DEFAULT_PORT else f"{self.host}:{self.port}"
        return f"{self.user}@{host}/{self.database}"

    def url(self, password: str | None = None) -> str:
        """The SQLAlchemy URL (psycopg 3); with `password` only for an engine, never to show."""
        auth = quote(self.user, safe="")
        if password:
            auth += ":" + quote(password, safe="")
        query: dict[str, str] = {"sslmode": self.tls.value}
        if self.tls is TlsMode.VERIFY_FULL:
            # Without a CA file, the operating system's trusted authorities (libpq 16+).
            query["sslrootcert"] = self.ca_file or "system"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return (
            f"postgresql+psycopg://{auth}@{host}:{self.port}/"
            f"{quote(self.database, safe='')}?{urlencode(query, safe='/:')}"
        )

    def libpq_params(self) -> dict[str, Any]:
        """psycopg.connect's keyword arguments, without the password."""
        params: dict[str, Any] = {
            "host": self.host,
            "port": self.port,
            "dbname": self.database,
            "user": self.user,
            "sslmode": self.tls.value,
        }
        if self.tls is TlsMode.VERIFY_FULL:
            params["sslrootcert"] = self.ca_file or "system"
        return params

    def validated(self) -> TeamConnection:
        """The connection trimmed, or a ValidationError naming each field that is wrong."""
        conn = replace(
            self,
            host=self.host.strip(),
            database=self.database.strip(),
            user=self.user.strip(),
            ca_file=(self.ca_file or "").strip() or None,
        )
        errors: dict[str, str] = {}
        if not conn.host:
            errors["host"] = "name the database server"
        elif any(c.isspace() or c in "/?#@" for c in conn.host):
            errors["host"] = "a server name or address, without spaces or slashes"
        if not 1 <= conn.port <= 65535:
            errors["port"] = "a port between 1 and 65535 (PostgreSQL's usual one is 5432)"
        if not conn.database:
            errors["database"] = "name the database on the server"
        if not conn.user:
            errors["user"] = "the database user name you were given"
        if conn.ca_file and conn.tls is not TlsMode.VERIFY_FULL:
            conn = replace(conn, ca_file=None)  # only verify-full uses it
        if errors:
            raise ValidationError(errors)
        return conn

    def to_json(self) -> dict[str, Any]:
        """What is remembered between starts: everything but the password."""
        return {
            "host": self.host,
            "port": self.port,
            "database": self.database,
            "user": self.user,
            "tls": self.tls.value,
            "ca_file": self.ca_file,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TeamConnection:
        return cls(
            host=str(data["host"]),
            port=int(data.get("port", DEFAULT_PORT)),
            database=str(data["database"]),
            user=str(data["user"]),
            tls=TlsMode(data.get("tls", TlsMode.VERIFY_FULL.value)),
            ca_file=data.get("ca_file") or None,
        ).validated()


def is_team_url(text: str | None) -> bool:
    """`text` names a PostgreSQL database (postgresql://, postgres://, postgresql+psycopg://)."""
    return bool(text) and str(text).split("://", 1)[0].strip().lower() in SCHEMES


def parse_url(text: str, ca_file: str | None = None) -> tuple[TeamConnection, str | None]:
    """The connection a URL names, and the password it carries (None when it has none).

    A URL without sslmode is verified TLS (verify-full); sslmode may say verify-full, require or
    disable. No message repeats the URL: it may hold a password."""
    if not is_team_url(text):
        raise ValidationError({"url": f"not a PostgreSQL database address. {URL_HINT}."})
    try:
        parts = urlsplit(text.strip())
    except ValueError:
        raise ValidationError({"url": f"the address cannot be read. {URL_HINT}."}) from None
    if "@" in parts.path or "@" in parts.query or parts.fragment:
        # A password holding "/", "?" or "#" as such ends the server part early: the rest of
        # it would be read as the database's name (and shown).
        raise ValidationError(
            {"url": "write a password's /, ?, # and @ as %2F, %3F, %23 and %40 in the address"}
        )
    try:
        port = parts.port or DEFAULT_PORT
    except ValueError:
        raise ValidationError({"url": f"the port cannot be read. {URL_HINT}."}) from None
    options = dict(parse_qsl(parts.query))
    unknown = set(options) - {"sslmode", "sslrootcert"}
    if unknown:
        raise ValidationError(
            {"url": f"TalentDesk does not use {', '.join(sorted(unknown))} in the address"}
        )
    mode = options.get("sslmode", TlsMode.VERIFY_FULL.value)
    try:
        tls = TlsMode(mode)
    except ValueError:
        raise ValidationError(
            {"url": f"sslmode={mode} is not offered: use verify-full, require or disable"}
        ) from None
    root = options.get("sslrootcert")
    conn = TeamConnection(
        host=parts.hostname or "",
        port=port,
        database=unquote(parts.path.lstrip("/")),
        user=unquote(parts.username or ""),
        tls=tls,
        ca_file=ca_file or (root if root and root != "system" else None),
    ).validated()
    password = unquote(parts.password) if parts.password else None
    return conn, password
