"""Live together (issue 18), the window's part: on a team database, what colleagues commit
arrives as `events.changed(Changes)` on the GUI thread within moments, so that the panes
refresh as they do after the window's own operations. The listening itself is the core's
(`Workspace.listen_to_colleagues`, core/team/listen.py), on a thread of its own; what it hears
crosses to the GUI thread only through ui/gui_thread.py."""

from __future__ import annotations

from PySide6.QtCore import QObject

from talentdesk.core.ops.changes import Changes
from talentdesk.core.workspace import Workspace
from talentdesk.ui.events import Events
from talentdesk.ui.gui_thread import sender_to


class LiveUpdates(QObject):
    """Made on the GUI thread for a workspace on a team database; lives as long as `events`
    (its parent), or until `close`."""

    def __init__(self, ws: Workspace, events: Events) -> None:
        super().__init__(events)
        send = sender_to(events)  # dropped, not run, once the window's events are gone

        def heard(changes: Changes) -> None:  # on the listener's thread
            send(lambda: events.touch(changes))

        def lost() -> None:  # on the listener's thread: the banner, even while idle
            send(events.ops.server_lost.emit)

        self._listener = ws.listen_to_colleagues(heard, lost)
        # The listener's thread stops with the window, however it goes.
        self.destroyed.connect(self._listener.close)

    @property
    def listening(self) -> bool:
        """The server has taken this desktop's LISTEN: colleagues' changes will arrive."""
        return self._listener.listening.is_set()

    def close(self) -> None:
        self._listener.close()
