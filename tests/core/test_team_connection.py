"""A team database's connection: read from and written as a URL, remembered between starts
without its password (which only the keyring holds), chosen over the local file, and redacted
from the log."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from talentdesk.core.errors import ValidationError
from talentdesk.core.mail.credentials import SERVICE, Credentials
from talentdesk.core.team.choice import (
    DATABASE_URL_ENV,
    Source,
    choose_database,
    engine_url,
    with_stored_password,
)
from talentdesk.core.team.connection import TeamConnection, TlsMode, parse_url
from talentdesk.core.team.password import forget_password, store_password, stored_password
from talentdesk.core.team.redact import redact
from talentdesk.core.team.remembered import forget, remember, remembered, remembered_file
from talentdesk.log import setup_logging
from tests.core.test_mail_credentials import MemoryKeyring, trust_memory_keyring

SECRET = "s3cr@t/päss word"
URL = "postgresql://ann:s3cr%40t%2Fp%C3%A4ss%20word@db.example.com:6543/talent?sslmode=require"


@pytest.fixture
def keyring_double(monkeypatch: pytest.MonkeyPatch) -> MemoryKeyring:
    trust_memory_keyring(monkeypatch)
    return MemoryKeyring()


def test_a_url_is_read_into_its_parts_and_its_password() -> None:
    conn, password = parse_url(URL)
    assert conn == TeamConnection("db.example.com", "talent", "ann", 6543, TlsMode.REQUIRE)
    assert password == SECRET
    assert conn.label == "ann@db.example.com:6543/talent"
    assert conn.keyring_user == "postgresql:ann@db.example.com:6543/talent"


def test_a_connection_written_as_a_url_reads_back_the_same() -> None:
    for conn in (
        TeamConnection("db.example.com", "talent", "ann"),
        TeamConnection("10.0.0.5", "team db", "o'brien", 5433, TlsMode.DISABLE),
        TeamConnection("db", "t", "ann", tls=TlsMode.VERIFY_FULL, ca_file="/etc/ca/company.pem"),
    ):
        assert "@" in conn.url() and ":" not in conn.url().split("//")[1].split("@")[0]
        assert parse_url(conn.url()) == (conn, None)
        assert parse_url(conn.url("pw:@/")) == (conn, "pw:@/")


def test_without_sslmode_the_server_is_verified_with_the_system_authorities() -> None:
    conn, _ = parse_url("postgresql://ann@db.example.com/talent")
    assert conn.tls is TlsMode.VERIFY_FULL and conn.port == 5432 and not conn.unencrypted
    assert conn.label == "ann@db.example.com/talent"
    assert "sslmode=verify-full&sslrootcert=system" in conn.url()
    with_ca, _ = parse_url("postgresql://ann@db/talent", ca_file="/ca.pem")
    assert with_ca.ca_file == "/ca.pem" and "sslrootcert=/ca.pem" in with_ca.url()


def test_disable_is_allowed_and_called_unencrypted() -> None:
    conn, _ = parse_url("postgres://ann@db/talent?sslmode=disable")
    assert conn.unencrypted and conn.tls.label == "Unencrypted (disable)"


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("mysql://ann@db/talent", "not a PostgreSQL database address"),
        ("postgresql://ann@db/talent?sslmode=prefer", "sslmode=prefer is not offered"),
        ("postgresql://ann@db/talent?options=-c", "does not use options"),
        ("postgresql://ann@db:99999/talent", "port"),
        ("postgresql://ann@db/", "name the database"),
        ("postgresql://db/talent", "user name"),
        ("postgresql://ann:pa/ss@db/talent", "as %2F"),
        ("postgresql://ann:pa#ss@db/talent", "as %2F"),
    ],
)
def test_a_url_that_cannot_be_used_is_refused_without_repeating_it(url: str, says: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_url(url.replace("ann@", "ann:hunter2@"))
    assert says in str(refused.value.errors)
    assert "hunter2" not in str(refused.value.errors)


def test_remembered_without_the_password_and_forgotten(
    tmp_path: Path, keyring_double: MemoryKeyring
) -> None:
    conn, password = parse_url(URL)
    assert password is not None
    assert remembered(tmp_path) is None
    path = remember(conn, tmp_path)
    assert store_password(conn, Credentials(keyring_double), password) is True
    assert path == remembered_file(tmp_path) and path.stat().st_mode & 0o077 == 0
    text = path.read_text(encoding="utf-8")
    assert SECRET not in text and "s3cr" not in text
    assert json.loads(text)["connection"]["host"] == "db.example.com"
    assert remembered(tmp_path) == conn
    assert keyring_double.entries == {(SERVICE, conn.keyring_user): SECRET}
    assert stored_password(conn, Credentials(keyring_double)) == SECRET

    assert forget(tmp_path) is True and remembered(tmp_path) is None
    forget_password(conn, Credentials(keyring_double))
    assert keyring_double.entries == {}
    assert forget(tmp_path) is False


def test_a_damaged_file_means_the_local_database(tmp_path: Path) -> None:
    remembered_file(tmp_path).write_text("{not json", encoding="utf-8")
    assert remembered(tmp_path) is None
    remembered_file(tmp_path).write_text('{"connection": {"host": ""}}', encoding="utf-8")
    assert remembered(tmp_path) is None


def test_the_default_file_is_in_the_users_config_folder(tmp_path: Path) -> None:
    # tests/conftest.py points XDG_CONFIG_HOME into the test's folder.
    conn = TeamConnection("db", "talent", "ann")
    remember(conn)
    assert remembered_file().is_relative_to(tmp_path / "xdg-config")
    assert remembered() == conn


def test_the_local_file_unless_a_url_or_a_remembered_connection_says_otherwise(
    tmp_path: Path, keyring_double: MemoryKeyring
) -> None:
    local = tmp_path / "talentdesk.sqlite3"
    credentials = Credentials(keyring_double)
    choice = choose_database(local, environ={}, credentials=credentials, config_dir=tmp_path)
    assert choice.source is Source.LOCAL and not choice.is_team
    assert choice.description == f"local database ({local})"
    assert engine_url(choice, credentials) is None

    remembered_conn = TeamConnection("db.example.com", "talent", "ann", tls=TlsMode.DISABLE)
    remember(remembered_conn, tmp_path)
    choice = choose_database(local, environ={}, credentials=credentials, config_dir=tmp_path)
    assert choice.source is Source.REMEMBERED and choice.connection == remembered_conn
    assert choice.description == "team database ann@db.example.com/talent, unencrypted"

    # The environment wins over what is remembered, the option over both; a URL's password
    # goes to the keyring, and the choice (what is shown and remembered) never holds it.
    env = {DATABASE_URL_ENV: URL}
    choice = choose_database(local, environ=env, credentials=credentials, config_dir=tmp_path)
    assert choice.source is Source.ENVIRONMENT and SECRET not in repr(choice)
    assert keyring_double.entries[(SERVICE, choice.connection.keyring_user)] == SECRET  # type: ignore[union-attr]
    url = engine_url(choice, credentials)
    assert url is not None and parse_url(url) == (choice.connection, SECRET)
    option = "postgresql://bob@other/talent"
    choice = choose_database(local, option, env, credentials, config_dir=tmp_path)
    assert choice.source is Source.OPTION and choice.label == "bob@other/talent"


@pytest.fixture
def own_log() -> Iterator[None]:
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    for handler in before:
        root.removeHandler(handler)
    yield
    for handler in root.handlers[:]:
        root.removeHandler(handler)
        handler.close()
    for handler in before:
        root.addHandler(handler)
    root.setLevel(level)


def test_a_password_in_a_url_never_reaches_the_log(tmp_path: Path, own_log: None) -> None:
    setup_logging(tmp_path, verbose=True)
    log = logging.getLogger("talentdesk.test")
    log.info("opening %s", URL)
    log.warning("connecting with host=db password=%s user=ann", SECRET.replace(" ", "_"))
    try:
        raise RuntimeError(f"cannot open {URL.replace('%40', '@')}")
    except RuntimeError:
        log.exception("failed")
    logging.getLogger().handlers[-1].flush()
    text = (tmp_path / "talentdesk.log").read_text(encoding="utf-8")
    assert "postgresql://ann:***@db.example.com:6543/talent" in text
    assert "password=*** user=ann" in text
    assert "s3cr" not in text and "p%C3%A4ss" not in text and "päss" not in text


def test_redaction_leaves_text_without_a_password_alone() -> None:
    for text in ("postgresql://ann@db/talent", "http://host:8080/path", "no url at all"):
        assert redact(text) == text
    assert redact("a postgresql://ann:p@ss@db/t b") == "a postgresql://ann:***@db/t b"


def test_what_a_workspace_opened() -> None:
    from types import SimpleNamespace

    from talentdesk.core.team.choice import opened_connection

    assert opened_connection(SimpleNamespace()) is None
    assert opened_connection(SimpleNamespace(database_url=None)) is None
    conn = opened_connection(SimpleNamespace(database_url=URL))
    assert conn is not None and conn.label == "ann@db.example.com:6543/talent"


def test_what_a_start_opens(tmp_path: Path, keyring_double: MemoryKeyring) -> None:
    from talentdesk.core.team.choice import start_url

    local = tmp_path / "talentdesk.sqlite3"
    credentials = Credentials(keyring_double)
    assert start_url(local, environ={}, credentials=credentials, config_dir=tmp_path) is None
    conn, password = parse_url(URL)
    remember(conn, tmp_path)
    store_password(conn, credentials, password or "")
    url = start_url(local, environ={}, credentials=credentials, config_dir=tmp_path)
    assert url is not None and parse_url(url) == (conn, SECRET)
    assert url.startswith("postgresql+psycopg://ann:")


def test_a_command_lines_address_gets_the_password_kept_by_team_connect(
    keyring_double: MemoryKeyring,
) -> None:
    credentials = Credentials(keyring_double)
    bare = "postgresql://ann@db.example.com:6543/talent?sslmode=require"
    assert with_stored_password(bare, credentials) == bare  # none kept: libpq may find one
    conn, _ = parse_url(bare)
    store_password(conn, credentials, SECRET)
    filled = with_stored_password(bare, credentials)
    assert parse_url(filled) == (conn, SECRET)
    assert with_stored_password(URL, credentials) == URL  # its own password wins
