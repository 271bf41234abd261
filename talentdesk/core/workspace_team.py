"""Team mode's live updates in the Workspace (a base class of `Workspace`): hearing what the
other desktops on the same team database change (core/team/listen.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from talentdesk.core.db.migrate import Database
    from talentdesk.core.db.reader import ReadConnection
    from talentdesk.core.ops.changes import Changes
    from talentdesk.core.team.listen import ChangeListener


class TeamServices:
    # The listeners handed out, closed with the workspace if their owners have not.
    _team_listeners: list[ChangeListener]

    @property
    def db(self) -> Database:
        raise NotImplementedError  # the Workspace's write side, loaded on first use

    @property
    def on_server(self) -> bool:
        raise NotImplementedError

    def when_loaded(self, callback: Callable[[Database], None]) -> None:
        raise NotImplementedError

    def listen_to_colleagues(
        self, on_changes: Callable[[Changes], None], on_lost: Callable[[], None] | None = None
    ) -> ChangeListener:
        """`on_changes(Changes)` for each operation another desktop commits on this team
        database, called on the listener's own thread; `close()` it when done. It starts
        listening once the write side is loaded (at once if it is: it never waits for it).
        Writes of this workspace are left out (its writer's listeners hear them).
        `on_lost()` (on that thread too) when its connection drops."""
        if not self.on_server:
            raise RuntimeError("only a team database has colleagues to listen to")
        from talentdesk.core.team.listen import ChangeListener

        listener = ChangeListener(on_changes, on_lost)
        self.when_loaded(lambda db: listener.start(db.write_engine.url, db.writer.origin))
        self._team_listeners = [*getattr(self, "_team_listeners", []), listener]
        return listener

    def ping(self) -> bool:
        """The server goes away (issue 18): True when the team database answers again, the
        read connection and the write path connected anew if the server dropped them (always
        True for the local file). Blocks up to the connect timeout: call it off the GUI
        thread. core/team/reachable.py."""
        if not self.on_server:
            return True
        from talentdesk.core.team.reachable import is_server_away, ping

        try:
            reader = self.reader  # opened now if it was not yet: the server may be away
        except Exception as exc:
            if not is_server_away(exc):
                raise
            return False
        loaded: Database | None = getattr(self, "_db", None)
        return ping(reader, None if loaded is None else loaded.writer)

    @property
    def reader(self) -> ReadConnection:
        raise NotImplementedError

    def close_listeners(self) -> None:
        """Stop every listener `listen_to_colleagues` made (Workspace.close)."""
        listeners: list[ChangeListener] = getattr(self, "_team_listeners", [])
        self._team_listeners = []
        for listener in listeners:
            listener.close()
