"""The reminders pane's counts: counted on the GUI thread up to a cap (core/reads.py
COUNT_CAP), shown as "10,000+" past it while the exact counts are read on a thread of their
own (552,000 overdue take ~0.1 s to count, too long for the GUI thread), then shown."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from talentdesk.core.workspace import Workspace
from talentdesk.ui.gui_thread import Send

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger(__name__)


# One thread for every pane's exact counts, kept: starting a thread waits for it to run, up to
# 20 ms on a busy machine, and a newer count queues behind an older one instead of racing it.
# Made with the first count, after the first paint (concurrent.futures costs ~3 ms to import).
@cache
def _counting_thread() -> ThreadPoolExecutor:
    from concurrent.futures import ThreadPoolExecutor

    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="reminder-counts")


TITLES = {"overdue": "Overdue", "today": "Today", "week": "Next 7 days", "later": "Later"}


def count_text(count: int, exact: bool = True) -> str:
    return f"{count:,}" if exact else f"{count:,}+"


def exact_counts_on_a_thread(
    ws: Workspace, send: Send, reading: int, then: Callable[[int, dict[str, int]], None]
) -> None:
    """Count every group exactly on a connection of its own; `then(reading, counts)` on the
    GUI thread (nothing when the count fails: the capped counts stay)."""

    def count() -> None:
        try:
            with ws.own_reads() as reads:
                groups = reads.reminder_overview(0, with_later=True)
        except Exception as exc:
            log.warning("counting the reminders failed: %s", exc)
            return
        counts = {g.key: g.total for g in groups}
        send(lambda: then(reading, counts))

    _counting_thread().submit(count)


def summary(counts: dict[str, str]) -> str:
    """The line above the groups, from their counts as shown ("0", "1,200", "10,000+")."""
    later = f"{counts['later']} later" if counts["later"] != "0" else ""
    if counts["overdue"] == counts["today"] == counts["week"] == "0":
        return "Nothing due this week" + (f" · {later}." if later else ".")
    parts = [
        f"{counts['overdue']} overdue",
        f"{counts['today']} today",
        f"{counts['week']} this week",
    ]
    return " · ".join([*parts, later] if later else parts)
