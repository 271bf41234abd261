"""One window per data folder: a lock file says who owns it, a local socket lets a second start
ask the first to come to the front instead of opening the database twice.

The socket listens once the window has painted (QtNetwork costs ~5% of the start): a second
start that comes before finds no socket yet and tries again for a while."""

from __future__ import annotations

import logging
import time
import zlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Signal

from talentdesk.core.folder_lock import FolderInUseError, FolderLock
from talentdesk.paths import AppPaths

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer

log = logging.getLogger(__name__)
_MESSAGE = b"activate\n"
_TIMEOUT_MS = 2000
# How long a second start waits for the first to listen: the first listens once its window has
# painted, seconds after it took the lock on a slow machine.
_LISTEN_WAIT_S = 15.0
_RETRY_S = 0.05


def server_name(paths: AppPaths) -> str:
    # A checksum is enough to tell one user's data folders apart (hashlib is slow to import).
    return f"talentdesk-{zlib.crc32(str(paths.data_dir).encode()):08x}"


class SingleInstance(QObject):
    activated = Signal()  # another start asked this one to show itself

    def __init__(self, paths: AppPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = server_name(paths)
        self._lock = QLockFile(str(paths.lock_file))
        self._lock.setStaleLockTime(0)  # a lock whose process is gone is stale at once
        # The same claim in a form the core (a command-line restore) can test without Qt.
        self._folder = FolderLock(paths.data_dir)
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        """Become the instance for this data folder; False if another one already is."""
        if not self._lock.tryLock(100):
            return False
        try:
            self._folder.acquire()
        except FolderInUseError:  # a command-line restore is at work on the folder
            self._lock.unlock()
            return False
        return True

    def listen(self) -> None:
        """Answer later starts from now on (once the window has painted)."""
        from PySide6.QtNetwork import QLocalServer

        if self._server is not None:
            return
        QLocalServer.removeServer(self._name)  # left behind by a crash
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self._server.listen(self._name):
            log.warning("cannot listen on %s: %s", self._name, self._server.errorString())
        self._server.newConnection.connect(self._on_connection)

    def notify_running(self) -> bool:
        """Ask the running instance to raise its window; False when it does not answer."""
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        deadline = time.monotonic() + _LISTEN_WAIT_S
        while True:
            socket.connectToServer(self._name)
            if socket.waitForConnected(_TIMEOUT_MS):
                break
            not_yet = socket.error() in (
                QLocalSocket.LocalSocketError.ServerNotFoundError,
                QLocalSocket.LocalSocketError.ConnectionRefusedError,
            )
            if not not_yet or time.monotonic() >= deadline:  # listening, but not answering
                return False
            socket.abort()
            time.sleep(_RETRY_S)  # the first start has not painted (and listened) yet
        socket.write(_MESSAGE)
        ok = socket.waitForBytesWritten(_TIMEOUT_MS)
        socket.disconnectFromServer()
        return ok

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
        self._folder.release()
        self._lock.unlock()

    def _on_connection(self) -> None:
        assert self._server is not None
        socket = self._server.nextPendingConnection()
        if socket is None:
            return

        def read() -> None:
            if socket.canReadLine() and bytes(socket.readLine().data()) == _MESSAGE:
                log.info("a second start asked this instance to come to the front")
                self.activated.emit()
                socket.disconnectFromServer()

        socket.readyRead.connect(read)
        socket.disconnected.connect(socket.deleteLater)
        read()
