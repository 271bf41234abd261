"""Garbage is collected on the GUI thread only: a collection on the write path's thread that
freed a Qt object there crashed the process (seen in CI-like runs, in a settings save)."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject

from talentdesk.ui.gc_guard import collect_on_gui_thread


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_cycles_made_on_another_thread_are_collected_on_the_gui_thread(qtbot) -> None:
    owner = QObject()
    collect_on_gui_thread(owner)
    collected_on: list[str] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "stop":
            collected_on.append(threading.current_thread().name)

    gc.callbacks.append(note)
    try:
        worker = threading.Thread(
            target=lambda: [_Cycle() for _ in range(5 * gc.get_threshold()[0])], name="worker"
        )
        worker.start()
        worker.join()
        assert "worker" not in collected_on  # automatic collection is off
        qtbot.waitUntil(lambda: bool(collected_on), timeout=5000)
        assert set(collected_on) == {threading.main_thread().name}
    finally:
        gc.callbacks.remove(note)
        owner.deleteLater()
