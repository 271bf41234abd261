"""Live together (issue 18): what one desktop commits on a team database reaches the others'
listeners through LISTEN/NOTIFY, on real connections to a real PostgreSQL server; a workspace
does not hear its own writes there, and nothing is heard of a write that rolled back."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest

from talentdesk.core.ops.changes import Changes
from talentdesk.core.records import CandidateRecord
from talentdesk.core.team.listen import ChangeListener
from talentdesk.core.team.notify import MAX_PAYLOAD, parse, payload
from talentdesk.core.workspace import Workspace
from tests.team_fixtures import two_desktops  # noqa: F401  (`desktops`: two on one database)


class Heard:
    """What a listener was told, and a wait for it (no sleeps)."""

    def __init__(self) -> None:
        self.changes: list[Changes] = []
        self._arrived = threading.Condition()

    def __call__(self, changes: Changes) -> None:
        with self._arrived:
            self.changes.append(changes)
            self._arrived.notify_all()

    def wait_for(self, condition: Callable[[list[Changes]], bool]) -> None:
        with self._arrived:
            assert self._arrived.wait_for(lambda: condition(self.changes), timeout=30), self.changes


@pytest.fixture
def listening(
    desktops: tuple[Workspace, Workspace],
) -> Iterator[tuple[Heard, Heard]]:
    """What each desktop hears from the other."""
    heard = (Heard(), Heard())
    listeners: list[ChangeListener] = []
    for ws, ears in zip(desktops, heard, strict=True):
        ws.writer.start()  # the write side loaded: the listener starts with it
        listener = ws.listen_to_colleagues(ears)
        listeners.append(listener)
        assert listener.listening.wait(30)
    yield heard
    for listener in listeners:
        listener.close()


def test_a_save_on_one_desktop_reaches_the_other(
    desktops: tuple[Workspace, Workspace], listening: tuple[Heard, Heard]
) -> None:
    first, second = desktops
    heard_by_first, heard_by_second = listening
    anna = first.candidates.create(CandidateRecord("Anna", "Nowak", "anna@example.com"))
    heard_by_second.wait_for(lambda heard: len(heard) == 1)
    [created] = heard_by_second.changes
    assert anna in created.candidates and created.candidate_list and not created.external
    # The second desktop's write reaches the first, which never heard its own (notifications
    # arrive in commit order: its own would have come first).
    pool = second.pools.create("Kraków Java")
    second.pools.add_members(pool, [anna])
    heard_by_first.wait_for(lambda heard: len(heard) == 2)
    assert all(c.pools for c in heard_by_first.changes)
    assert anna in heard_by_first.changes[1].candidates
    assert len(heard_by_second.changes) == 1


def test_a_write_that_rolled_back_is_not_heard(
    desktops: tuple[Workspace, Workspace], listening: tuple[Heard, Heard]
) -> None:
    first, _ = desktops
    _, heard_by_second = listening

    def fails() -> None:
        first.db.sessions.changed(Changes(candidate_list=True, settings=True))
        raise RuntimeError("an operation that fails after noting its changes")

    with pytest.raises(RuntimeError):
        first.writer.run(fails, label="failing")
    first.candidates.create(CandidateRecord("Jan", "Kowalski", "jan@example.com"))
    heard_by_second.wait_for(lambda heard: len(heard) >= 1)
    assert [c.settings for c in heard_by_second.changes] == [False]


def test_closing_the_workspace_stops_its_listeners(
    desktops: tuple[Workspace, Workspace],
) -> None:
    first, _ = desktops
    first.writer.start()
    listener = first.listen_to_colleagues(lambda changes: None)
    assert listener.listening.wait(30) and listener.running
    first.close()
    assert not listener.running


def test_a_listener_cut_off_connects_again_at_once_and_says_anything_may_have_changed(
    pg_url: str, desktops: tuple[Workspace, Workspace]
) -> None:
    from sqlalchemy import text

    from talentdesk.core.db.server import make_server_engine

    first, second = desktops
    first.writer.start()
    heard = Heard()
    lost: list[bool] = []
    listener = first.listen_to_colleagues(heard, lambda: lost.append(True))
    try:
        assert listener.listening.wait(30)
        engine = make_server_engine(pg_url)
        try:
            with engine.begin() as connection:  # as a server restart or a dropped network would
                cut = connection.execute(
                    text(
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        " WHERE datname = current_database() AND query = 'LISTEN talentdesk'"
                    )
                ).scalar_one()
        finally:
            engine.dispose()
        assert cut == 1
        heard.wait_for(lambda changes: Changes.everything(external=True) in changes)
        assert lost == []  # the server is there: connected again at once, no banner
        jan = second.candidates.create(CandidateRecord("Jan", "Kowalski", "jan@example.com"))
        heard.wait_for(lambda changes: any(jan in c.candidates for c in changes))
    finally:
        listener.close()


def test_a_local_file_has_no_colleagues(ws: Workspace) -> None:
    with pytest.raises(RuntimeError):
        ws.listen_to_colleagues(lambda changes: None)


def test_the_payload_names_the_changes_and_stays_under_the_servers_limit() -> None:
    changes = Changes.of([3, 1, 2], candidate_list=True, mail=True)
    assert parse(payload("me", changes)) == ("me", changes)
    many = Changes.of(range(100_000, 103_000), candidate_list=True)
    text = payload("me", many)
    assert len(text.encode()) <= MAX_PAYLOAD
    parsed = parse(text)
    assert parsed is not None
    origin, heard = parsed
    assert (origin, heard.candidates, heard.candidate_list, heard.external) == (
        "me",
        frozenset(),
        True,
        True,
    )
    assert parse("not json") is None
    newer = parse('{"origin":"x","candidates":[7],"mail":true,"teleport":true}')
    assert newer == ("x", Changes.of([7], mail=True))
