"""The candidates behind a number: kept as collected, read as ids ascending, each once."""

from __future__ import annotations

import copy
import json
import sqlite3
from contextlib import closing
from itertools import chain
from pathlib import Path

from talentdesk.core.metrics.lookup import Lookup
from talentdesk.core.metrics.stats import People, ids


def test_people_read_as_sorted_unique_ids() -> None:
    parts = [{5, 3}, {3, 9}]
    people = ids(chain.from_iterable(parts))
    assert people == (3, 5, 9)
    assert len(people) == 3 and people[0] == 3 and people[:2] == (3, 5)
    assert list(people) == [3, 5, 9] and 9 in people
    assert people == People([9, 5, 3]) and hash(people) == hash(People([3, 5, 9]))
    assert json.dumps(list(copy.deepcopy(people))) == "[3, 5, 9]"
    assert ids([]) == ()


def test_people_behind_a_number_are_read_only_when_asked_for(tmp_path: Path) -> None:
    database = tmp_path / "people.sqlite3"
    with closing(sqlite3.connect(database)) as setup:
        setup.execute("CREATE TABLE t (candidate_id INTEGER)")
        setup.executemany("INSERT INTO t VALUES (?)", [(7,), (2,), (7,)])
        setup.commit()
    opened: list[sqlite3.Connection] = []

    def opener() -> closing[sqlite3.Connection]:
        opened.append(sqlite3.connect(database))
        return closing(opened[-1])

    people = Lookup(opener).people("SELECT candidate_id FROM t WHERE candidate_id > ?", [1])
    assert opened == []  # the figure is made without them
    assert people == (2, 7) and len(people) == 2
    assert len(opened) == 1  # read once, on a connection of its own
