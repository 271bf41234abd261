"""A TCP proxy between the app and a test PostgreSQL server that can cut a connection at the
moment its client sends COMMIT (issue 18, "the server goes away"): the only way to lose the
connection exactly during COMMIT, on either side of the server receiving it.

`cut_next_commit("after")`: the server gets the COMMIT, its answer never reaches the client
(the transaction committed, the client cannot know). `"before"`: the COMMIT never reaches the
server (it rolls the transaction back when it notices its client went). `refusing`: new
connections are closed at once (the server looks away)."""

from __future__ import annotations

import contextlib
import socket
import threading
from typing import Literal

from sqlalchemy.engine import make_url

_COMMIT = b"COMMIT\x00"  # in the message psycopg sends for COMMIT (Parse, or a Query)


class CommitCutter:
    def __init__(self, url: str) -> None:
        target = make_url(url)
        assert target.host is not None and target.port is not None
        self._target = (target.host, target.port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = target.set(host="127.0.0.1", port=self._listener.getsockname()[1])
        self._lock = threading.Lock()
        self._cut: Literal["before", "after"] | None = None
        self.cut_done = threading.Event()
        self.refusing = False
        self._sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def url_text(self) -> str:
        return self.url.render_as_string(hide_password=False)

    def cut_next_commit(self, when: Literal["before", "after"]) -> None:
        with self._lock:
            self._cut = when
            self.cut_done.clear()

    def close(self) -> None:
        self._listener.close()
        for sock in list(self._sockets):
            _close(sock)

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if self.refusing:
                _close(client)
                continue
            server = socket.create_connection(self._target)
            self._sockets += [client, server]
            cut_answer = threading.Event()
            threading.Thread(
                target=self._upstream, args=(client, server, cut_answer), daemon=True
            ).start()
            threading.Thread(
                target=self._downstream, args=(server, client, cut_answer), daemon=True
            ).start()

    def _upstream(self, client: socket.socket, server: socket.socket, cut: threading.Event) -> None:
        while data := _recv(client):
            if _COMMIT in data:
                with self._lock:
                    when, self._cut = self._cut, None
                if when == "before":
                    _close(client)
                    _close(server)
                    self.cut_done.set()
                    return
                if when == "after":
                    cut.set()  # the server's answer is dropped, the connection closed
            try:
                server.sendall(data)
            except OSError:
                break
        _close(server)

    def _downstream(
        self, server: socket.socket, client: socket.socket, cut: threading.Event
    ) -> None:
        while data := _recv(server):
            if cut.is_set():
                break
            try:
                client.sendall(data)
            except OSError:
                break
        _close(client)
        _close(server)
        if cut.is_set():
            self.cut_done.set()


def _recv(sock: socket.socket) -> bytes:
    try:
        return sock.recv(65536)
    except OSError:
        return b""


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
