"""The candidates behind a number: kept as collected, read as ids ascending, each once."""

from __future__ import annotations

import copy
import json
from itertools import chain

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
