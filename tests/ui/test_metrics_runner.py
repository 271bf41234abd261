"""The figure runner: a new run never waits behind an obsolete figure, and what an obsolete
run computes is never shown."""

from __future__ import annotations

import contextlib
import threading

from talentdesk.ui.metrics.runner import FigureRunner


def test_a_new_run_overtakes_a_slow_obsolete_one(qtbot) -> None:
    runner = FigureRunner()
    arrived: list[tuple[str, object]] = []
    runner.arrived.connect(lambda key, result: arrived.append((key, result)))
    release = threading.Event()
    started = threading.Event()
    done = threading.Event()

    def slow(_) -> str:
        started.set()
        release.wait(10)
        done.set()
        return "old figures"

    runner.run({"a": slow, "b": slow, "c": lambda _: "never started"})
    assert started.wait(10)
    runner.run({"a": lambda _: "new a", "b": lambda _: "new b"})  # the filters changed
    qtbot.waitUntil(lambda: not runner.busy)
    assert sorted(arrived) == [("a", "new a"), ("b", "new b")]

    release.set()  # the obsolete figures finish now: dropped when they land
    assert done.wait(10)
    with qtbot.waitSignal(runner.idle, timeout=2000):
        runner.run({"d": lambda _: "next"})
    assert ("a", "old figures") not in arrived
    assert ("c", "never started") not in arrived
    assert arrived[-1] == ("d", "next")


def test_a_failure_lands_as_failed(qtbot) -> None:
    runner = FigureRunner()
    failures: list[tuple[str, BaseException]] = []
    runner.failed.connect(lambda key, error: failures.append((key, error)))

    def broken(_) -> None:
        raise ValueError("no such table")

    with qtbot.waitSignal(runner.idle, timeout=2000):
        runner.run({"replies": broken})
    assert [(key, str(error)) for key, error in failures] == [("replies", "no such table")]


def test_every_call_of_a_run_shares_its_session_and_a_session_that_fails_fails_them(qtbot) -> None:
    runner = FigureRunner()
    arrived: dict[str, object] = {}
    failed: dict[str, str] = {}
    runner.arrived.connect(lambda key, result: arrived.__setitem__(key, result))
    runner.failed.connect(lambda key, error: failed.__setitem__(key, str(error)))
    opened: list[object] = []

    @contextlib.contextmanager
    def session():
        shared = object()
        opened.append(shared)
        yield shared

    with qtbot.waitSignal(runner.idle, timeout=2000):
        runner.run({"a": lambda s: s, "b": lambda s: s}, session)
    assert arrived == {"a": opened[0], "b": opened[0]} and len(opened) == 1

    @contextlib.contextmanager
    def locked():
        raise OSError("database is locked")
        yield

    with qtbot.waitSignal(runner.idle, timeout=2000):
        runner.run({"a": lambda s: s, "b": lambda s: s}, locked)
    assert failed == {"a": "database is locked", "b": "database is locked"}
