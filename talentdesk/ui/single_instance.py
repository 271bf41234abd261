"""One window per data folder: a lock file says who owns it, a local socket lets a second start
ask the first to come to the front instead of opening the database twice."""

from __future__ import annotations

import logging
import zlib

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from talentdesk.core.folder_lock import FolderInUseError, FolderLock
from talentdesk.paths import AppPaths

log = logging.getLogger(__name__)
_MESSAGE = b"activate\n"
_TIMEOUT_MS = 2000


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
        QLocalServer.removeServer(self._name)  # left behind by a crash
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self._server.listen(self._name):
            log.warning("cannot listen on %s: %s", self._name, self._server.errorString())
        self._server.newConnection.connect(self._on_connection)
        return True

    def notify_running(self) -> bool:
        """Ask the running instance to raise its window; False when it does not answer."""
        socket = QLocalSocket()
        socket.connectToServer(self._name)
        if not socket.waitForConnected(_TIMEOUT_MS):
            return False
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
