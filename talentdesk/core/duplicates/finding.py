"""Finding people entered twice: pairs that share an e-mail address, a LinkedIn URL or a phone
number, or have similar names at the same company or in the same city; pairs joined into
groups (a union-find), each with a confidence. Pairs a recruiter dismissed are left out.

A read: it runs on a read connection of its own (off the writer and the GUI thread), inside
one read transaction so every step sees the same data. About n log n: every step is a sort or
a `GROUP BY`, and names are compared only with their neighbours within a block (names.py).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import combinations
from typing import cast

from talentdesk.core.db.datetimes import from_db
from talentdesk.core.db.reader import ReadConnection, on_server
from talentdesk.core.duplicates import names
from talentdesk.core.duplicates.groups import group_pairs
from talentdesk.core.duplicates.keys import (
    MAX_SHARED,
    Shared,
    shared_emails,
    shared_linkedin,
    shared_phones,
)
from talentdesk.core.duplicates.records import (
    DuplicateReport,
    Pair,
    Person,
    Reason,
    ReasonKind,
)
from talentdesk.core.ops.long_work import no_full_collections

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
STEPS = 6  # e-mails, LinkedIn, phones, names by company, names by city, groups
_CHUNK = 500  # ids per `IN (…)` when reading the people found


def find_duplicates(
    reader: ReadConnection,
    *,
    name_threshold: int = names.DEFAULT_THRESHOLD,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> DuplicateReport:
    """Every group of likely duplicates, most confident first. `progress(step, STEPS)` after
    each step; `cancelled()` is asked between steps and while comparing names, and raises
    CancelledError when it says so."""
    is_cancelled = cancelled or (lambda: False)

    def step(done: int) -> None:
        if is_cancelled():
            from talentdesk.core.diagnose import CancelledError

            raise CancelledError("finding duplicates")
        if progress is not None:
            progress(done, STEPS)

    # Long work building many objects: no full garbage collection until it ends (long_work.py).
    with no_full_collections(True), _snapshot(reader):
        step(0)
        reasons: dict[tuple[int, int], list[Reason]] = defaultdict(list)
        too_common: list[tuple[ReasonKind, str, int]] = []
        for done, shared in enumerate((shared_emails, shared_linkedin, shared_phones), 1):
            too_common += _add_shared(reasons, shared(reader))
            step(done)
        for done, (block, kind) in enumerate(
            ((names.COMPANY, ReasonKind.NAME_COMPANY), (names.CITY, ReasonKind.NAME_CITY)), 4
        ):
            found = names.similar_names(reader, block, name_threshold, is_cancelled)
            for pair, (score, value) in found.items():
                reasons[pair].append(Reason(kind, value, score))
            step(done)
        dismissed = set(reader.execute("SELECT first_id, second_id FROM duplicate_dismissal"))
        pairs = [
            Pair(a, b, tuple(found if len(found) == 1 else sorted(found, key=_reason_order)))
            for (a, b), found in reasons.items()
            if (a, b) not in dismissed
        ]
        groups = group_pairs(pairs, _people(reader, {i for p in pairs for i in p.ids}))
        (total,) = reader.execute("SELECT count(*) FROM candidate").fetchone()
        step(STEPS)
    return DuplicateReport(tuple(groups), int(total), tuple(sorted(too_common)))


def _add_shared(
    reasons: dict[tuple[int, int], list[Reason]], found: Iterable[Shared]
) -> list[tuple[ReasonKind, str, int]]:
    too_common = []
    for shared in found:
        if len(shared.ids) > MAX_SHARED:
            too_common.append((shared.kind, shared.value, len(shared.ids)))
            continue
        reason = Reason(shared.kind, shared.value)
        for pair in combinations(shared.ids, 2):
            if reason not in reasons[pair]:
                reasons[pair].append(reason)
    return too_common


def _reason_order(reason: Reason) -> tuple[int, str]:
    return (-reason.score, reason.kind.value)


def _people(reader: ReadConnection, ids: set[int]) -> dict[int, Person]:
    wanted = sorted(ids)
    people: dict[int, Person] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        rows = reader.execute(
            "SELECT id, first_name, last_name, email, phone, company, city, created_at"
            f" FROM candidate WHERE id IN ({','.join('?' * len(chunk))})",
            chunk,
        )
        for cid, first, last, email, phone, company, city, created in rows:
            name = f"{first or ''} {last or ''}".strip()
            people[cid] = Person(cid, name, email, phone, company, city, from_db(created))
    return people


@contextmanager
def _snapshot(reader: ReadConnection) -> Iterator[None]:
    """One read transaction around the steps (unless the caller holds one already)."""
    if on_server(reader):  # a team database's reader: its own connection, in autocommit
        reader.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
    elif cast(sqlite3.Connection, reader).in_transaction:
        yield
        return
    else:
        reader.execute("BEGIN")
    try:
        yield
    finally:
        reader.execute("COMMIT")
