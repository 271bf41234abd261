"""What passes through the write path (core/ops/writer.py): a queued operation, and what its
listeners hear while it waits and once it is done."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from talentdesk.core.ops.changes import Changes


@dataclass(frozen=True)
class Waiting:
    """An operation is waiting for the database."""

    label: str  # what waits ("saving Anna Kowalska")
    holder: str  # what it waits for ("importing people.csv", "another TalentDesk is …")
    other_process: bool

    def text(self) -> str:
        if self.other_process:
            return f"Waiting: {self.holder}… ({self.label} will follow)"
        return f"Waiting for {self.holder} to finish… ({self.label} will follow)"


@dataclass(frozen=True)
class OpDone:
    """Heard by the listeners after each operation, on the writer's thread."""

    label: str
    changes: Changes
    error: BaseException | None = None


@dataclass
class Job:
    """One operation queued on the write path."""

    fn: Callable[[], Any]
    label: str
    future: Future[Any]
    cancel: Callable[[], bool] | None
    announce: bool
    transaction: bool = True
    attach: dict[str, Path] = field(default_factory=dict)
    stamping: bool = False  # reads everything for a stamp (Writer.submit)
    told_waiting: bool = False
    checkpoint: bool = False
    changes: Changes = field(default_factory=Changes)
    # The connection's total_changes when the transaction began and after the last stamp
    # this operation wrote (core/ops/stamps.py): changes past both clear the stamps.
    changes_at_begin: int | None = 0
    changes_at_stamp: int | None = None

    @property
    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel()


class WouldBlockError(RuntimeError):
    """A bug: a thread that must never wait (the GUI's) asked to wait for a write."""
