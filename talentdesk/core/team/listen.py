"""Hearing colleagues (issue 18, "live together"): a thread of its own, on a connection of its
own, that LISTENs on the team database's channel and hands each other desktop's `Changes` to
a callback, on that thread (the window carries them to its GUI thread, ui/team/live.py).

What this workspace's own writer sends (its origin) is left out: its listeners heard it
already. When the connection drops, the listener connects again at once (a server that only
ended its connections is still there: no banner), then with growing pauses; once back it says
"anything may have changed" (`Changes.everything(external=True)`): what was sent
while it was away is lost to it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import psycopg

from talentdesk.core.ops.changes import Changes
from talentdesk.core.team.notify import CHANNEL, parse

if TYPE_CHECKING:
    from sqlalchemy import URL

log = logging.getLogger(__name__)

# How often the thread looks up from waiting to see whether it was closed.
WAKE_S = 0.25
RETRY_S = (1.0, 2.0, 5.0, 10.0, 30.0)


class ChangeListener:
    """`on_changes(Changes)` is called on the listener's thread for each colleague's
    operation once it is `start`ed; `close` stops it (it may take WAKE_S)."""

    def __init__(
        self, on_changes: Callable[[Changes], None], on_lost: Callable[[], None] | None = None
    ) -> None:
        self._on_changes = on_changes
        # Called on the listener's thread when a connection that listened drops and one quick
        # reconnect fails too (the server is away, not just ending connections): the first
        # to notice the server going away while the window is idle (ui/team/server_away.py).
        self._on_lost = on_lost
        self._url: URL | str = ""
        self._own_origin = ""
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        # Set once LISTEN has been heard by the server (tests and the window may wait for it).
        self.listening = threading.Event()

    def start(self, url: URL | str, own_origin: str) -> None:
        """Listen on the team database at `url`, leaving out what the writer whose origin is
        `own_origin` sends. Nothing once closed."""
        if self._thread is not None or self._stop.is_set():
            return
        self._url, self._own_origin = url, own_origin
        self._thread = threading.Thread(target=self._run, name="team-listener", daemon=True)
        self._thread.start()

    @property
    def running(self) -> bool:
        """Started and not closed."""
        return self._thread is not None

    def close(self) -> None:
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join()

    # -- its thread -------------------------------------------------------------------------
    def _run(self) -> None:
        from sqlalchemy.exc import SQLAlchemyError

        from talentdesk.core.db.server import make_server_engine

        engine = make_server_engine(self._url)
        failures = 0
        dropped = False  # a listening connection dropped: one quick reconnect before saying so
        try:
            while not self._stop.is_set():
                try:
                    self._listen(engine, reconnected=failures > 0 or dropped)
                except (SQLAlchemyError, OSError, psycopg.Error) as exc:
                    if self.listening.is_set():  # the server ended it, or went away
                        self.listening.clear()
                        dropped = True
                        log.info("team notifications: %s; connecting again at once", exc)
                        continue
                    if dropped and self._on_lost is not None:
                        self._lost()  # the quick reconnect failed too: the server is away
                    dropped = False
                    pause = RETRY_S[min(failures, len(RETRY_S) - 1)]
                    failures += 1
                    log.warning("team notifications: %s; again in %.0f s", exc, pause)
                    self._stop.wait(pause)
        finally:
            engine.dispose()

    def _listen(self, engine: Any, reconnected: bool) -> None:
        raw = engine.raw_connection()
        try:
            connection = raw.driver_connection
            connection.autocommit = True
            connection.execute(f"LISTEN {CHANNEL}")
            self.listening.set()
            if reconnected:
                self._tell(Changes.everything(external=True))
            while not self._stop.is_set():
                for notification in connection.notifies(timeout=WAKE_S):
                    self._heard(notification.payload)
        finally:
            raw.close()

    def _lost(self) -> None:
        assert self._on_lost is not None
        try:
            self._on_lost()
        except Exception:
            log.exception("a team notification's listener failed")

    def _heard(self, text: str) -> None:
        parsed = parse(text)
        if parsed is None:
            return
        origin, changes = parsed
        if origin != self._own_origin and changes:
            self._tell(changes)

    def _tell(self, changes: Changes) -> None:
        try:
            self._on_changes(changes)
        except Exception:
            log.exception("a team notification's listener failed")
