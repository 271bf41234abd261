"""The SMTP password: in the operating system's keyring, or in memory for this session only.

keyring picks a backend (by priority, or as PYTHON_KEYRING_BACKEND or keyringrc.cfg say). Only
a backend that keeps secrets under the operating system's protection counts (OS_KEYRINGS):
keyrings.alt's plaintext, base64 and passphrase-file keyrings, its registry keyrings, the fail
and null backends and anything else unknown are refused, whoever chose them. When none is
usable the password is kept in this process's memory until it exits and asked for again next
time. There is deliberately no file fallback. Nothing here logs the password or puts it in an
exception message.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError

log = logging.getLogger(__name__)

SERVICE = "TalentDesk"

# The backends whose secrets the operating system guards (encrypted at rest, unlocked with the
# user's login), by exact class: a subclass could store elsewhere.
OS_KEYRINGS: frozenset[str] = frozenset(
    {
        "keyring.backends.SecretService.Keyring",  # GNOME Keyring, KeePassXC… over D-Bus
        "keyring.backends.libsecret.Keyring",  # the same service through libsecret
        "keyring.backends.kwallet.DBusKeyring",  # KWallet 5/6
        "keyring.backends.kwallet.DBusKeyringKWallet4",
        "keyring.backends.macOS.Keyring",  # macOS Keychain
        "keyring.backends.Windows.WinVaultKeyring",  # Windows Credential Locker
    }
)


@dataclass(frozen=True)
class KeyringStatus:
    backend: str  # the backend's name, for the settings dialog
    usable: bool
    reason: str  # why not, in words; "" when usable


def _describe(backend: KeyringBackend) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def _protected(backend: KeyringBackend) -> bool:
    return _describe(backend) in OS_KEYRINGS


def _choose(backend: KeyringBackend) -> tuple[KeyringBackend, str]:
    """The backend to use and, when it cannot be used, why not in words ("" when it can).
    A chainer (keyring's "all viable backends") is reduced to its best protected member, so a
    password never lands in, nor is read back from, an unprotected one behind it."""
    from keyring.backends import chainer, fail, null

    if isinstance(backend, chainer.ChainerBackend):
        members = [b for b in backend.backends if _protected(b)]
        if not members:
            return backend, "no system keyring was found (no Secret Service, KWallet or Keychain)"
        backend = members[0]  # the chainer lists them best first
    if isinstance(backend, fail.Keyring | null.Keyring):
        return backend, "no system keyring was found (no Secret Service, KWallet or Keychain)"
    if not _protected(backend):
        return backend, (
            f"the keyring chosen for Python programs ({_describe(backend)}) is not protected "
            "by the operating system (Secret Service, KWallet, Keychain or Credential Locker)"
        )
    try:
        priority = type(backend).priority
    except Exception as exc:  # a backend's priority raises when its service is missing
        return backend, f"the keyring is not available ({type(exc).__name__}: {exc})"
    if priority <= 0:
        return backend, "the keyring backend cannot keep secrets safely"
    return backend, ""


def _default_backend() -> tuple[KeyringBackend, str]:
    try:
        return _choose(keyring.get_keyring())
    except Exception as exc:  # a PYTHON_KEYRING_BACKEND or keyringrc.cfg naming a missing one
        from keyring.backends import fail

        # keyring's fail backend has no annotations.
        return fail.Keyring(), f"the configured keyring cannot be loaded ({exc})"  # type: ignore[no-untyped-call]


class Credentials:
    """Reads and stores account passwords; `status` says where they are kept."""

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend, reason = _default_backend() if backend is None else _choose(backend)
        self._status = KeyringStatus(_describe(self._backend), not reason, reason)
        self._session: dict[str, str] = {}

    @property
    def status(self) -> KeyringStatus:
        return self._status

    def get(self, user: str) -> str | None:
        """The password for `user`, from this session's memory or the keyring; None if unknown."""
        if user in self._session:
            return self._session[user]
        if not self._status.usable:
            return None
        try:
            return self._backend.get_password(SERVICE, user)
        except KeyringError as exc:
            self._give_up(exc)
            return None

    def set(self, user: str, password: str) -> bool:
        """Keep `password` for `user`: True when the keyring holds it, False when only this
        session's memory does (the keyring is unusable; `status` says why)."""
        if self._status.usable:
            try:
                self._backend.set_password(SERVICE, user, password)
            except KeyringError as exc:
                self._give_up(exc)
            else:
                self._session.pop(user, None)
                return True
        self._session[user] = password
        return False

    def remember_for_session(self, user: str, password: str) -> None:
        """Keep `password` in memory only (typed at a prompt, not to be stored)."""
        self._session[user] = password

    def delete(self, user: str) -> None:
        """Forget the password for `user`, in memory and in the keyring."""
        self._session.pop(user, None)
        if not self._status.usable:
            return
        try:
            self._backend.delete_password(SERVICE, user)
        except keyring.errors.PasswordDeleteError:
            pass  # nothing stored: already forgotten
        except KeyringError as exc:
            self._give_up(exc)

    def _give_up(self, exc: KeyringError) -> None:
        # A locked keyring or a vanished service: stay in memory for the rest of the session.
        # Keyring errors describe the service, never the secret.
        reason = f"the keyring refused ({type(exc).__name__}: {exc})"
        log.warning("keyring %s unusable: %s", self._status.backend, reason)
        self._status = KeyringStatus(self._status.backend, False, reason)
