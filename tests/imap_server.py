"""A real IMAP server for the tests and the benchmark: Debian's Dovecot as a throw-away instance
on 127.0.0.1 (its own config, ports, folders and log in a temp folder), STARTTLS and implicit
TLS with a certificate from the tests' throw-away CA, a password file of users, Maildir mail."""

from __future__ import annotations

import imaplib
import itertools
import os
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from email.message import EmailMessage
from pathlib import Path

from imapclient import imap_utf7

from tests.dovecot_config import SPECIAL_USE, WATCHDOG, Owner, dovecot_config
from tests.mail_server import Certificates, free_port, make_certificates
from tests.polling import poll

PASSWORD = "correct horse battery staple"  # every test user's
STARTUP_SECONDS = 20.0


class DovecotMissingError(RuntimeError):
    """Dovecot is not installed here (the Debian package dovecot-imapd)."""


class PortTakenError(RuntimeError):
    """Dovecot could not listen on a port chosen for it."""


def _program(name: str) -> str | None:
    """Debian installs dovecot in /usr/sbin, not always on a user's PATH."""
    path = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin", "/usr/bin"])
    return shutil.which(name, path=path)


def dovecot_binary() -> str | None:
    """$TALENTDESK_TEST_DOVECOT if set (the tests of the fixture point it nowhere), else PATH's."""
    chosen = os.environ.get("TALENTDESK_TEST_DOVECOT")
    if chosen is not None:
        return chosen if os.access(chosen, os.X_OK) else None
    return _program("dovecot")


def _greets(port: int, context: ssl.SSLContext | None) -> bool:
    """Dovecot's own IMAP greeting on `port` (over TLS with `context`), not merely a socket
    that accepts: another program may hold the port."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2.0) as plain:
            if context is None:
                return plain.recv(64).startswith(b"* OK")
            with context.wrap_socket(plain, server_hostname="localhost") as tls:
                return tls.recv(64).startswith(b"* OK")
    except OSError:  # refused, timed out, or TLS failed
        return False


_unique = itertools.count(1)


class ImapServer:
    """One Dovecot instance. `start()` returns once both ports accept connections; `stop()` ends
    it (and every connection); it can be started again on the same ports with the same mail."""

    host = "127.0.0.1"

    def __init__(
        self, certificates: Certificates | None = None, special_use: dict[str, str] | None = None
    ) -> None:
        """`special_use` names each user's special folders (default SPECIAL_USE: "Sent" is \\Sent…);
        a test of another provider's names starts a server of its own with them."""
        binary = dovecot_binary()
        if binary is None:
            raise DovecotMissingError(
                "dovecot is not installed (Debian package dovecot-imapd; "
                "scripts/bootstrap.sh test installs it)"
            )
        self._binary = binary
        # Our own folder in /tmp rather than pytest's tmp_path: Dovecot's unprivileged processes
        # must be able to reach the mail, and pytest's folders are private to their user.
        self.root = Path(tempfile.mkdtemp(prefix="talentdesk-dovecot-"))
        self.root.chmod(0o755)
        self.certificates = certificates or make_certificates(self.root / "certs", "imap")
        self.owner = Owner.here()
        self.port = free_port()  # STARTTLS
        self.tls_port = free_port()  # implicit TLS
        self.special_use = SPECIAL_USE if special_use is None else special_use
        self.config_file = self.root / "dovecot.conf"
        self._write_config()
        for folder in ("users", "mail", "home"):
            (self.root / folder).mkdir()
            os.chown(self.root / folder, self.owner.uid, self.owner.gid)
        self._process: subprocess.Popen[bytes] | None = None
        self._watchdog: subprocess.Popen[bytes] | None = None
        self._started = False  # once started, the ports stay: clients know them

    def _write_config(self) -> None:
        ports = (self.port, self.tls_port)
        config = dovecot_config(self.root, self.certificates, self.owner, ports, self.special_use)
        self.config_file.write_text(config)

    @property
    def ca_file(self) -> Path:
        return self.certificates.ca_file

    @property
    def log_file(self) -> Path:
        return self.root / "dovecot.log"

    def log(self) -> str:
        return self.log_file.read_text(errors="replace") if self.log_file.exists() else ""

    # ----- running

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> ImapServer:
        if self.running:
            return self
        for attempt in range(3):
            try:
                return self._start()
            except PortTakenError:
                if self._started or attempt == 2:
                    raise
                # Another program took a port between free_port() and Dovecot's bind: new ones.
                self.port, self.tls_port = free_port(), free_port()
                self._write_config()
        raise AssertionError("unreachable")

    def _start(self) -> ImapServer:
        self._process = subprocess.Popen(
            [self._binary, "-F", "-c", str(self.config_file)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,  # a process group of its own, for the watchdog to end
        )
        self._watchdog = subprocess.Popen(
            [sys.executable, "-c", WATCHDOG, str(self._process.pid), str(self.root)],
            stdin=subprocess.PIPE,
        )
        context = ssl.create_default_context(cafile=str(self.ca_file))

        def listening() -> bool:
            return _greets(self.port, None) and _greets(self.tls_port, context)

        if not poll(listening, seconds=STARTUP_SECONDS, every=0.02, check=self._check_start):
            self.stop()
            raise RuntimeError(f"dovecot not listening after {STARTUP_SECONDS}s\n{self.log()}")
        self._started = True
        return self

    def _check_start(self) -> None:
        """Raises at once when Dovecot has exited (polling would only time out)."""
        assert self._process is not None
        if self._process.poll() is not None:
            errors = self._process.stderr.read().decode(errors="replace")  # type: ignore[union-attr]
            self.stop()
            problem = PortTakenError if "Address already in use" in errors else RuntimeError
            raise problem(f"dovecot did not start: {errors}\n{self.log()}")

    def stop(self) -> None:
        """End Dovecot and all its processes at once, dropping every connection, as a crashed
        server would (again: nothing to do)."""
        process, self._process = self._process, None
        watchdog, self._watchdog = self._watchdog, None
        if watchdog is not None:
            watchdog.communicate(b"stop")  # it ends the group, then exits
        if process is not None:
            process.wait(timeout=15)
            if process.stderr is not None:
                process.stderr.close()

    def close(self) -> None:
        """Stop, and remove the whole temp folder."""
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> ImapServer:
        try:
            return self.start()
        except BaseException:
            self.close()
            raise

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----- users and mail

    def add_user(self, name: str | None = None, password: str = PASSWORD) -> str:
        """A new user with an empty mailbox."""
        name = name or f"user{next(_unique)}"
        # One password file per user: a new file is read at once, where an edited one may not be.
        # Dovecot's auth process reads it as the owner, whatever this process's umask.
        entry = self.root / "users" / name
        entry.write_text(f"{name}:{{PLAIN}}{password}::::::\n")
        os.chown(entry, self.owner.uid, self.owner.gid)
        entry.chmod(0o600)
        for folder in (self.root / "home" / name, self.root / "mail" / name):
            folder.mkdir()
            os.chown(folder, self.owner.uid, self.owner.gid)
        return name

    def maildir(self, user: str, folder: str = "INBOX") -> Path:
        """The Maildir of `folder` (Maildir++ layout: "Sent" is .Sent, "A/B" is .A.B, names in
        IMAP's modified UTF-7 as Dovecot stores them)."""
        root = self.root / "mail" / user
        if folder.upper() == "INBOX":
            return root
        stored: bytes = imap_utf7.encode(folder)
        return root / ("." + stored.decode("ascii").replace("/", "."))

    def _ensure_maildir(self, path: Path) -> None:
        for sub in (path, path / "cur", path / "new", path / "tmp"):
            if not sub.exists():
                sub.mkdir()
                os.chown(sub, self.owner.uid, self.owner.gid)

    def deliver(
        self,
        user: str,
        message: bytes | EmailMessage,
        folder: str = "INBOX",
        *,
        seen: bool = False,
        received: float | None = None,
    ) -> Path:
        """Put a message straight into the Maildir (new/, or cur/ flagged \\Seen); `received`
        (a POSIX time) becomes its INTERNALDATE."""
        return self.deliver_many(user, [message], folder, seen=seen, received=received)[0]

    def deliver_many(
        self,
        user: str,
        messages: Iterable[bytes | EmailMessage],
        folder: str = "INBOX",
        *,
        seen: bool = False,
        received: float | None = None,
    ) -> list[Path]:
        """`deliver` for many at once, written as Maildir wants: into tmp/, then renamed."""
        path = str(self.maildir(user, folder))
        self._ensure_maildir(Path(path))
        stamp, pid = int(time.time()), os.getpid()
        uid, gid = self.owner.uid, self.owner.gid
        written = []
        for message in messages:
            raw = message if isinstance(message, bytes) else message.as_bytes()
            base = f"{stamp}.M{next(_unique)}P{pid}.talentdesk,S={len(raw)}"
            target = f"{path}/cur/{base}:2,S" if seen else f"{path}/new/{base}"
            scratch = f"{path}/tmp/{base}"
            fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                os.write(fd, raw)
                os.fchown(fd, uid, gid)
                if received is not None:
                    os.utime(fd, (received, received))
            finally:
                os.close(fd)
            os.rename(scratch, target)  # noqa: PTH104 (10,000 Path objects less)
            written.append(Path(target))
        return written

    def fill(
        self, user: str, count: int, folder: str = "INBOX", sender: str = "", first: int = 1
    ) -> list[Path]:
        """`count` small messages "Message N" with Message-ID <N.fill@example.com>, N counting
        from `first` (a second fill of the same user wants another `first`, or the same IDs
        come again)."""
        sender = sender or "someone@example.com"
        numbers = range(first, first + count)
        return self.deliver_many(user, (_bulk_message(n, sender) for n in numbers), folder)

    def login(self, user: str, password: str = PASSWORD) -> imaplib.IMAP4_SSL:
        """A client logged in over implicit TLS that trusts the test CA (for set-up and checks)."""
        context = ssl.create_default_context(cafile=str(self.ca_file))
        client = imaplib.IMAP4_SSL(self.host, self.tls_port, ssl_context=context, timeout=30)
        client.login(user, password)
        return client

    def append(
        self, user: str, message: bytes | EmailMessage, folder: str = "INBOX", flags: str = ""
    ) -> None:
        """APPEND through IMAP as the user: the server's own way in (slower than `deliver`)."""
        raw = message if isinstance(message, bytes) else message.as_bytes()
        client = self.login(user)
        try:
            status, data = client.append(
                _quoted(folder), f"({flags})" if flags else None, None, raw
            )
            if status != "OK":
                raise RuntimeError(f"APPEND to {folder} failed: {data!r}")
        finally:
            client.logout()

    # ----- faults

    def doveadm(
        self, *args: str, allowed: tuple[int, ...] = ()
    ) -> subprocess.CompletedProcess[str]:
        """Dovecot's admin tool on this instance; `allowed`: exit codes that are not errors."""
        doveadm = _program("doveadm")
        if doveadm is None:
            raise DovecotMissingError("doveadm is not installed (Debian package dovecot-core)")
        done = subprocess.run(
            [doveadm, "-c", str(self.config_file), *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        if done.returncode not in (0, *allowed):
            raise RuntimeError(f"doveadm {' '.join(args)}: {done.stderr.strip()}")
        return done

    def uidvalidity(self, user: str, folder: str = "INBOX") -> int:
        done = self.doveadm("mailbox", "status", "-u", user, "uidvalidity", folder)
        return int(done.stdout.split("=", 1)[1])

    def change_uidvalidity(self, user: str, folder: str = "INBOX", value: int | None = None) -> int:
        """Give `folder` a new UIDVALIDITY (as after a server restore): every UID a client kept
        is void. Returns the new value."""
        value = value or self.uidvalidity(user, folder) + 1
        self.doveadm("mailbox", "update", "-u", user, "--uid-validity", str(value), folder)
        return value

    def kick(self, user: str) -> None:
        """Drop every connection of `user` (the server stays up)."""
        self.doveadm("kick", user, allowed=(68,))  # 68: the user had none

    def rebuild_folder(self, user: str, folder: str = "INBOX") -> None:
        """Forget `folder`'s UIDs, as a server rebuilding its indexes does: it gets a new
        UIDVALIDITY and numbers its messages again. Drops the user's connections first."""
        if self.running:
            self.kick(user)
        path = self.maildir(user, folder)
        for index in [path / "dovecot-uidlist", *path.glob("dovecot.index*")]:
            index.unlink(missing_ok=True)


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _bulk_message(n: int, sender: str) -> bytes:
    return (
        f"From: {sender}\r\n"
        f"To: recruiter@example.com\r\n"
        f"Subject: Message {n}\r\n"
        f"Date: Wed, 25 Nov 2026 09:30:00 +0000\r\n"
        f"Message-ID: <{n}.fill@example.com>\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n"
        f"\r\n"
        f"Body of message {n}.\r\n"
    ).encode()
