"""Handing work from other threads to the GUI thread: it runs there, and never for a target
deleted meanwhile (the emit from a thread used to race such a deletion and crash)."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QObject

from talentdesk.ui.gui_thread import sender_to


def test_work_runs_on_the_gui_thread_while_its_target_exists(qtbot) -> None:
    target = QObject()
    send = sender_to(target)
    ran: list[threading.Thread] = []
    worker = threading.Thread(target=lambda: send(lambda: ran.append(threading.current_thread())))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: ran == [threading.main_thread()])


def test_nothing_runs_for_a_target_deleted_meanwhile(qtbot) -> None:
    gone = QObject()
    here = QObject()
    to_gone, to_here = sender_to(gone), sender_to(here)
    ran: list[str] = []

    def work() -> None:
        to_gone(lambda: ran.append("gone"))
        to_here(lambda: ran.append("here"))  # queued after the first: it lands after it

    shiboken6.delete(gone)
    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: ran == ["here"])
