"""A real PostgreSQL server for the tests and benchmarks: Debian's `postgresql` binaries run as a
throw-away cluster (`initdb` into a temp folder, `pg_ctl start` on a free port of 127.0.0.1, its
unix socket in the same folder), never the system's own cluster.

PostgreSQL refuses to run as root, so as root (CI) every server program runs as the `postgres`
user Debian's package creates; as anyone else, as that user. Each test gets a database of its
own, cloned from a template that already has the extensions team mode uses (`unaccent`,
`pg_trgm`): cloning is a file copy, much faster than creating the extensions each time."""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.mail_server import free_port
from tests.polling import poll

STARTUP_SECONDS = 30.0
SUPERUSER = "postgres"  # the cluster's superuser role, whoever runs it
# The superuser's password over TCP (scram-sha-256, as a team's server would ask). Given to
# initdb through a file removed at once; a test server's password, not a secret.
PASSWORD = "throw-away test password"
TEMPLATE = "talentdesk_template"
EXTENSIONS = ("unaccent", "pg_trgm")


# Stops the cluster and removes its folder if the test process dies without doing it (killed,
# or stopped in a debugger): it waits for its stdin to close; b"stop" means all was done.
WATCHDOG = """
import os, shutil, signal, sys, time
data, root = sys.argv[1], sys.argv[2]
if sys.stdin.buffer.read() != b"stop":
    pid_file = os.path.join(data, "postmaster.pid")
    try:
        with open(pid_file) as f:
            os.kill(int(f.readline()), signal.SIGQUIT)  # PostgreSQL's immediate shutdown
        deadline = time.monotonic() + 15
        while os.path.exists(pid_file) and time.monotonic() < deadline:
            time.sleep(0.05)
    except (OSError, ValueError):
        pass
    shutil.rmtree(root, ignore_errors=True)
"""


class PostgresMissingError(RuntimeError):
    """PostgreSQL's server programs are not installed here (Debian package postgresql)."""


class PortTakenError(RuntimeError):
    """The server could not listen on the port chosen for it."""


def _version_key(folder: Path) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", folder.parent.name))


def bin_dir() -> Path | None:
    """$TALENTDESK_TEST_PG_BIN if set (the tests of the fixture point it nowhere), else the
    newest /usr/lib/postgresql/<version>/bin (Debian keeps initdb and pg_ctl off the PATH), else
    the folder of a PATH's initdb."""
    chosen = os.environ.get("TALENTDESK_TEST_PG_BIN")
    if chosen is not None:
        folder = Path(chosen)
        return folder if os.access(folder / "initdb", os.X_OK) else None
    debian = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=_version_key)
    for candidate in reversed(debian):
        if os.access(candidate / "initdb", os.X_OK):
            return candidate
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found else None


def _server_user() -> pwd.struct_passwd:
    """Who runs the server programs: root may not, so root hands them to `postgres`."""
    if os.geteuid() != 0:
        return pwd.getpwuid(os.geteuid())
    try:
        return pwd.getpwnam("postgres")
    except KeyError as missing:
        raise PostgresMissingError(
            "running as root but there is no postgres user (Debian's postgresql package "
            "creates it; scripts/bootstrap.sh test installs it)"
        ) from missing


def _failed_start(log: str) -> bool:
    """A FATAL or PANIC line in the log, other than the one a readiness probe gets while the
    server is still starting."""
    return any(
        ("FATAL:" in line or "PANIC:" in line) and "is starting up" not in line
        for line in log.splitlines()
    )


class PostgresServer:
    """One throw-away cluster. `start()` returns once it accepts connections; `close()` stops it
    and removes its folder."""

    host = "127.0.0.1"

    def __init__(self) -> None:
        found = bin_dir()
        if found is None:
            raise PostgresMissingError(
                "PostgreSQL is not installed (Debian package postgresql; "
                "scripts/bootstrap.sh test installs it)"
            )
        self.bin = found
        self.user = _server_user()
        # Our own folder in /tmp, reachable by the postgres user (pytest's are private).
        self.root = Path(tempfile.mkdtemp(prefix="talentdesk-postgres-"))
        self.root.chmod(0o755)
        self.data = self.root / "data"
        self.socket_dir = self.root / "socket"
        for folder in (self.data, self.socket_dir):
            folder.mkdir(mode=0o700)
            os.chown(folder, self.user.pw_uid, self.user.pw_gid)
        self.port = free_port()
        self._watchdog: subprocess.Popen[bytes] | None = None
        self._started = False
        self._databases = itertools.count(1)

    # ----- the server programs

    def _run(
        self, program: str, *args: str, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        """A server program of this cluster's bin folder, as the server's user."""
        as_user: dict[str, Any] = {}
        if os.geteuid() != self.user.pw_uid:
            as_user = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}
        done = subprocess.run(
            [str(self.bin / program), *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
            cwd=self.root,  # the server's user may not be able to read the caller's folder
            env={**os.environ, "HOME": self.user.pw_dir, "LC_ALL": "C.UTF-8"},
            **as_user,
        )
        if check and done.returncode != 0:
            raise RuntimeError(f"{program} {' '.join(args)}: {done.stderr.strip()}\n{self.log()}")
        return done

    @property
    def log_file(self) -> Path:
        return self.root / "postgres.log"

    def log(self) -> str:
        return self.log_file.read_text(errors="replace") if self.log_file.exists() else ""

    def _initdb(self) -> None:
        password_file = self.root / "password"
        password_file.write_text(PASSWORD + "\n")
        os.chown(password_file, self.user.pw_uid, self.user.pw_gid)
        password_file.chmod(0o600)
        try:
            self._run(
                "initdb",
                "-D",
                str(self.data),
                "-U",
                SUPERUSER,
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                f"--pwfile={password_file}",
                "--no-sync",  # a throw-away cluster: nothing to keep on power loss
            )
        finally:
            password_file.unlink(missing_ok=True)

    # ----- running

    @property
    def running(self) -> bool:
        return self._run("pg_ctl", "status", "-D", str(self.data), check=False).returncode == 0

    def start(self) -> PostgresServer:
        if not (self.data / "PG_VERSION").exists():
            self._initdb()
        for attempt in range(3):
            try:
                self._start()
                break
            except PortTakenError:
                if self._started or attempt == 2:
                    raise
                self.port = free_port()  # taken between free_port() and the server's bind
        self._started = True
        if self._watchdog is None:
            self._watchdog = subprocess.Popen(
                [sys.executable, "-c", WATCHDOG, str(self.data), str(self.root)],
                stdin=subprocess.PIPE,
                start_new_session=True,  # Ctrl+C in the terminal must not end it first
            )
        self._make_template()
        return self

    def _start(self) -> None:
        options = " ".join(
            [
                f"-p {self.port}",
                f"-h {self.host}",
                f"-k {self.socket_dir}",
                # Durability is not what a throw-away server is for: faster tests.
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
            ]
        )
        if self.log_file.exists():  # started again after stop(): the last run's lines
            self.log_file.replace(self.root / "postgres.previous.log")  # must not count
        self.log_file.touch()
        os.chown(self.log_file, self.user.pw_uid, self.user.pw_gid)
        # -W: do not wait here; we poll below, and see a failed start in the log at once.
        self._run(
            "pg_ctl", "start", "-W", "-D", str(self.data), "-l", str(self.log_file), "-o", options
        )
        if not poll(self._ready, seconds=STARTUP_SECONDS, every=0.05, check=self._check_start):
            self._stop_quietly()
            raise RuntimeError(f"PostgreSQL not ready after {STARTUP_SECONDS}s:\n{self.log()}")

    def _check_start(self) -> None:
        """Raises at once when the log shows the start failed (polling would only time out)."""
        log = self.log()
        if "could not bind" in log or "Address already in use" in log:
            self._stop_quietly()
            self.log_file.unlink(missing_ok=True)
            raise PortTakenError(log)
        if _failed_start(log):
            self._stop_quietly()
            raise RuntimeError(f"PostgreSQL did not start:\n{log}")

    def _ready(self) -> bool:
        """pg_isready over TCP, on our port: another program's server there would not do, so
        the log must also say ours is accepting connections."""
        done = self._run(
            "pg_isready", "-h", self.host, "-p", str(self.port), "-d", "postgres", check=False
        )
        return done.returncode == 0 and "ready to accept connections" in self.log()

    def _stop_quietly(self) -> None:
        self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "immediate", check=False)

    def stop(self) -> None:
        """Stop the server, dropping every connection (again: nothing to do)."""
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "fast", "-w", check=False)

    def close(self) -> None:
        """Stop, and remove the whole temp folder."""
        self.stop()
        watchdog, self._watchdog = self._watchdog, None
        if watchdog is not None:
            watchdog.communicate(b"stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PostgresServer:
        try:
            return self.start()
        except BaseException:
            self.close()
            raise

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----- databases

    def url(self, database: str, *, password: bool = True) -> str:
        """A SQLAlchemy URL of `database` (with the superuser's password, or without)."""
        secret = f":{PASSWORD.replace(' ', '%20')}" if password else ""
        return f"postgresql+psycopg://{SUPERUSER}{secret}@{self.host}:{self.port}/{database}"

    def admin(self) -> Any:
        """A psycopg connection to the `postgres` database in autocommit, over the socket."""
        import psycopg

        return psycopg.connect(
            host=str(self.socket_dir),
            port=self.port,
            user=SUPERUSER,
            dbname="postgres",
            autocommit=True,
        )

    def _make_template(self) -> None:
        with self.admin() as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (TEMPLATE,)
            ).fetchone()
            if exists:
                return
            conn.execute(f'CREATE DATABASE "{TEMPLATE}"')
        import psycopg

        with psycopg.connect(
            host=str(self.socket_dir),
            port=self.port,
            user=SUPERUSER,
            dbname=TEMPLATE,
            autocommit=True,
        ) as conn:
            for extension in EXTENSIONS:
                conn.execute(f"CREATE EXTENSION IF NOT EXISTS {extension}")

    def create_database(self, name: str | None = None) -> str:
        """A new, empty database (but for the extensions); returns its name."""
        name = name or f"test_{os.getpid()}_{next(self._databases)}"
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}"')
        return name

    def drop_database(self, name: str) -> None:
        """Drop `name`, ending whatever connections a test left open to it."""
        with self.admin() as conn, contextlib.suppress(Exception):
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
