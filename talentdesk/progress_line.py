"""Progress of a long command on stderr: a live line rewritten in place on a terminal; sent to
a file or a pipe (a log, cron mail, CI), at most one line every few seconds, so the log keeps
a trace without thousands of lines of carriage returns."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

# How often a line is written when stderr is not a terminal.
PIPE_INTERVAL_S = 5.0
_CLEAR_TO_END = "\033[K"


class ProgressLine:
    """`show(text)` as often as you like; `end()` once the work stops (also after an error)."""

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        enabled: bool = True,
        interval_s: float = PIPE_INTERVAL_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._enabled = enabled
        self._live = enabled and _is_terminal(self._stream)
        self._interval_s = interval_s
        self._clock = clock
        # Not a terminal: the first line after one interval; a quick command prints none.
        self._last = clock()
        self._shown = False

    def show(self, text: str) -> None:
        if not self._enabled:
            return
        if self._live:
            print(f"\r{text}{_CLEAR_TO_END}", end="", file=self._stream, flush=True)
            self._shown = True
            return
        now = self._clock()
        if now - self._last >= self._interval_s:
            self._last = now
            print(text, file=self._stream, flush=True)

    def end(self) -> None:
        """Ends a live line, so what is printed next starts on a line of its own."""
        if self._live and self._shown:
            print(file=self._stream, flush=True)
        self._shown = False


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or not a real file
        return False
