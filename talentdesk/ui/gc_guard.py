"""Python's cycle collector runs on whichever thread happens to allocate; when that is the
write path's or a worker's thread and the garbage holds a Qt object (a closed dialog caught in
a reference cycle), Qt frees it off the GUI thread and the process crashes. So the window turns
automatic collection off and collects on the GUI thread instead, with the same thresholds (the
approach Anki and the PyQt documentation take)."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_MS = 500


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self, interval=CHECK_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> None:
        first, second, third = gc.get_count()
        if first > self._threshold[0]:
            gc.collect(0)
            if second > self._threshold[1]:
                gc.collect(1)
                if third > self._threshold[2]:
                    gc.collect(2)


def collect_on_gui_thread(app: QObject) -> GuiThreadCollector:
    """Install once, on the GUI thread, before any other thread starts."""
    return GuiThreadCollector(app)
