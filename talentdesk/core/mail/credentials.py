"""The SMTP password: in the operating system's keyring, or in memory for this session only.

keyring picks a backend; when it is one that cannot keep secrets (its fail or null backend,
no Secret Service on the bus, a locked keyring), the password is kept in this process's memory
until it exits and asked for again next time. There is deliberately no plaintext fallback.
Nothing here logs the password or puts it in an exception message.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError

log = logging.getLogger(__name__)

SERVICE = "TalentDesk"


@dataclass(frozen=True)
class KeyringStatus:
    backend: str  # the backend's name, for the settings dialog
    usable: bool
    reason: str  # why not, in words; "" when usable


def _describe(backend: KeyringBackend) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def _unusable_reason(backend: KeyringBackend) -> str:
    from keyring.backends import chainer, fail, null

    if isinstance(backend, fail.Keyring | null.Keyring):
        return "no system keyring was found (no Secret Service, KWallet or Keychain)"
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return "no system keyring was found"
    try:
        priority = type(backend).priority
    except Exception as exc:  # a backend's priority raises when its service is missing
        return f"the keyring is not available ({type(exc).__name__}: {exc})"
    if priority <= 0:
        return "the keyring backend cannot keep secrets safely"
    return ""


class Credentials:
    """Reads and stores account passwords; `status` says where they are kept."""

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend if backend is not None else keyring.get_keyring()
        reason = _unusable_reason(self._backend)
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
