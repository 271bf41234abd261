"""The server goes away (issue 18), the window's part: when the team database cannot be
reached, one banner at the top of the window says so (not an error dialog per read or save),
the window tries again by itself with growing pauses (`ws.ping()` on a thread of its own,
its answer carried to the GUI thread by ui/gui_thread.py), and once the server answers the
banner goes, everything is read again and the status bar says "Reconnected".

What the user was typing stays in the form: a save made while away failed as a whole (its
transaction rolled back: nothing half-written) and left the form unsaved, so Save saves it
once the server is back. It is not saved again by itself: the user may have gone on typing,
and a save they did not ask for after minutes away would surprise more than it helps.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from talentdesk.core.db.server import parse_url
from talentdesk.core.ops.changes import Changes
from talentdesk.core.team.reachable import is_server_away
from talentdesk.ui.errors import on_server_away
from talentdesk.ui.gui_thread import sender_to

if TYPE_CHECKING:
    from talentdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

# Pauses before each try while the server is away (the last one repeats).
RETRY_S = (1.0, 2.0, 5.0, 10.0, 30.0)


def server_host(url: str) -> str:
    """Where the team database is, as the banner names it (never the password)."""
    try:
        host = parse_url(url).host
    except Exception:  # an odd URL still gets a banner
        host = None
    return host or "the server"


class ServerAwayBanner(QLabel):
    def __init__(self, host: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverAwayBanner")
        self.setWordWrap(True)
        self.setStyleSheet(
            "background: #fee2e2; color: #991b1b; padding: 6px 10px;"
            " border-bottom: 1px solid #fca5a5;"
        )
        self.setText(
            f"The team database at {host} cannot be reached — retrying… Your edits are kept."
        )
        self.hide()


class ServerAway(QObject):
    """Made by the window on a team database; `lost()` whenever something found the server
    gone (an operation, a read)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        url = window.ws.paths.database_url or ""
        self.banner = ServerAwayBanner(server_host(url))
        central = window.centralWidget()
        layout = None if central is None else central.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(0, self.banner)  # above every other banner
        self.away = False
        self.tries = 0  # failed tries since the server went away
        self._probing = False
        # A load that met no server (the write side's, ui/app.py): run again by the probe,
        # then its GUI-thread part; the server is back only once it has loaded.
        self._owed: tuple[Callable[[], None], Callable[[], None]] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._probe)
        self._send = sender_to(self)
        window.events.ops.server_lost.connect(self.lost)
        alive = weakref.ref(self)

        def heard() -> bool | None:  # the error boundary's: a read or write met no server
            watch = alive()
            if watch is None or not shiboken6.isValid(watch):
                return None  # the window is gone
            watch.lost()
            return True

        on_server_away(heard)

    def lost(self) -> None:
        """The server dropped the connection or does not answer: say so, and try again."""
        if self.away:
            return
        log.warning("the team database cannot be reached; trying again")
        self.away = True
        self.tries = 0
        self.banner.show()
        self._try_later()

    def load_when_back(self, load: Callable[[], None], loaded: Callable[[], None]) -> None:
        """`load` (run on a thread) failed because the server is away: the banner, and `load`
        again on the probe's thread each time the server answers until it succeeds; then
        `loaded()` on the GUI thread, before the banner goes."""
        self._owed = (load, loaded)
        self.lost()

    def _try_later(self) -> None:
        if not self._probing:
            self._timer.start(int(RETRY_S[min(self.tries, len(RETRY_S) - 1)] * 1000))

    def _probe(self) -> None:
        if self._probing or not self.away:
            return
        self._probing = True
        ws, send, owed = self._window.ws, self._send, self._owed

        def run() -> None:  # on the probe's thread: ping waits up to the connect timeout
            try:
                answered = ws.ping()
            except Exception:
                log.exception("probing the team database failed")
                answered = False
            load = None
            if answered and owed is not None:
                load = _load_again(owed[0])
                answered = load != AWAY
            send(lambda: self._probed(answered, load))

        threading.Thread(target=run, name="team-probe", daemon=True).start()

    def _probed(self, answered: bool, load: str | None = None) -> None:
        """`load`: how the owed load went on this probe (None: nothing was owed when it began)."""
        self._probing = False
        if answered and self._owed is not None and load is None:
            answered = False  # owed since this probe began: the next one loads it
        if not answered:
            self.tries += 1
            self._try_later()
            return
        log.info("the team database answers again")
        owed, self._owed = self._owed, None
        if owed is not None and load == LOADED:
            owed[1]()
        self.away = False
        self.banner.hide()
        window = self._window
        window.events.touch(Changes.everything(external=True))
        pane = window.built_candidate_pane
        unsaved = ""
        if pane is not None and pane.dirty:
            pane.server_back()
            unsaved = " Press Save to save your edits."
        window.status(f"Reconnected to the team database.{unsaved}")


LOADED, AWAY, FAILED = "loaded", "away", "failed"


def _load_again(load: Callable[[], None]) -> str:
    """Run an owed load on the probe's thread. FAILED (for another reason than the server)
    is logged and given up: the same error surfaces, with a dialog, at the first save."""
    try:
        load()
    except Exception as exc:
        if is_server_away(exc):
            log.info("the write side still cannot load: %s", exc)
            return AWAY
        log.exception("loading the database services after the server came back failed")
        return FAILED
    return LOADED
