"""Long work and the garbage collector: a full collection walks every object of the process
(50-100 ms with Qt and SQLAlchemy loaded) holding the GIL, and the window stalls that long."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_long_lock = threading.Lock()
_long_running: list[tuple[int, int, int]] = []  # the thresholds to restore, while any runs


@contextmanager
def no_full_collections(long: bool) -> Iterator[None]:
    """While `long` work runs, no full garbage collection: young objects are still collected;
    the full one runs after. Long work may run on several threads at once (an import reads its
    file beside the writer's operations): the thresholds come back when the last one ends."""
    if not long:
        yield
        return
    with _long_lock:
        if not _long_running:
            young, middle, old = gc.get_threshold()
            gc.set_threshold(young, middle, 1_000_000)
            _long_running.append((young, middle, old))
        else:
            _long_running.append(_long_running[0])
    try:
        yield
    finally:
        with _long_lock:
            thresholds = _long_running.pop()
            if not _long_running:
                gc.set_threshold(*thresholds)
