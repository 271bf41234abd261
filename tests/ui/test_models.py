"""The item models against Qt's model tester, while they change the way the window changes them.

Each check runs twice: with Qt's C++ QAbstractItemModelTester (its complaints are Qt warnings,
which fail the test) and with pytest-qt's Python tester (which raises on the first problem).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from talentdesk.core.db.enums import InteractionKind, TagCategory
from talentdesk.core.records import CandidateRecord, TagRef
from talentdesk.ui.models.candidate_table import COLUMNS, CandidateTableModel
from talentdesk.ui.models.pool_list import POOL_COUNT_ROLE, POOL_ID_ROLE, PoolListModel

model_testers = pytest.mark.parametrize("force_py", [False, True], ids=["qt-tester", "py-tester"])
COLUMN = {title: number for number, (_sort, title) in enumerate(COLUMNS)}


@pytest.fixture
def people(ws, clock) -> dict[str, int]:
    """Four candidates; Anna and Bartek in the "Backend" pool, with calls and reminders."""

    def add(first: str, last: str, **fields: object) -> int:
        return ws.candidates.create(CandidateRecord(first_name=first, last_name=last, **fields))

    ids = {
        "anna": add("Anna", "Kowalska", city="Kraków", title="Java Developer"),
        "bartek": add("Bartek", "Nowak", tags=[TagRef(TagCategory.SKILL, "Kotlin")]),
        "anne": add("Anne", "Meyer", company="Zalando"),
        "dawid": add("Dawid", "Lis"),
    }
    ws.interactions.log(ids["anna"], InteractionKind.CALL, clock.now - timedelta(days=2), "Call")
    ws.reminders.add(ids["bartek"], clock.now - timedelta(days=1), note="Overdue")
    ws.reminders.add(ids["anne"], clock.now + timedelta(days=3), note="Soon")
    ids["pool"] = ws.pools.create("Backend")
    ws.pools.add_members(ids["pool"], [ids["anna"], ids["bartek"]])
    return ids


def names(model: CandidateTableModel) -> list[str]:
    return [model.index(row, COLUMN["Name"]).data() for row in range(model.rowCount())]


@model_testers
def test_candidate_table_with_rows(qtmodeltester, ws, clock, people, force_py):
    model = CandidateTableModel(ws.listing, clock)
    model.refresh()
    qtmodeltester.check(model, force_py=force_py)
    assert names(model) == ["Anna Kowalska", "Anne Meyer", "Bartek Nowak", "Dawid Lis"]
    assert model.columnCount() == len(COLUMNS)
    assert model.index(0, COLUMN["Last contact"]).data() == "2 days ago"
    bartek_reminder = model.index(2, COLUMN["Next reminder"])
    assert bartek_reminder.data() == "yesterday"
    assert bartek_reminder.data(Qt.ItemDataRole.ForegroundRole) is not None  # overdue: red

    model.sort(COLUMN["Last contact"], Qt.SortOrder.DescendingOrder)
    assert names(model)[0] == "Anna Kowalska"
    model.sort(COLUMN["Next reminder"], Qt.SortOrder.AscendingOrder)
    assert names(model)[:2] == ["Bartek Nowak", "Anne Meyer"]

    ws.candidates.update(people["dawid"], CandidateRecord(first_name="Dawid", last_name="Lisek"))
    model.refresh_rows(people["dawid"])
    assert "Dawid Lisek" in names(model)

    ws.candidates.delete([people["anne"]])  # deleted under the model's feet...
    model.refresh_rows(people["anne"])
    assert "(deleted)" in names(model)
    model.refresh()  # ...and gone after the next query
    assert len(names(model)) == 3


@model_testers
def test_candidate_table_with_a_search(qtmodeltester, ws, clock, people, force_py):
    model = CandidateTableModel(ws.listing, clock)
    model.set_search("ann")
    qtmodeltester.check(model, force_py=force_py)
    assert names(model) == ["Anna Kowalska", "Anne Meyer"]

    counts: list[tuple[int, int]] = []
    model.counts_changed.connect(lambda shown, total: counts.append((shown, total)))
    model.set_search("kotlin")
    assert names(model) == ["Bartek Nowak"]
    model.set_search("nobody at all")
    assert names(model) == []
    model.set_search("")
    assert len(names(model)) == 4
    assert counts == [(1, 4), (0, 4), (4, 4)]


@model_testers
def test_candidate_table_with_a_pool(qtmodeltester, ws, clock, people, force_py):
    model = CandidateTableModel(ws.listing, clock)
    model.set_pool(people["pool"])
    qtmodeltester.check(model, force_py=force_py)
    assert names(model) == ["Anna Kowalska", "Bartek Nowak"]
    stages = [model.index(row, COLUMN["Stage"]).data() for row in range(model.rowCount())]
    assert stages == ["Sourced", "Sourced"]

    contacted = ws.pools.stages(people["pool"])[1]
    ws.pools.set_stage(people["pool"], people["bartek"], contacted.id)
    model.refresh_rows(people["bartek"])
    assert model.index(1, COLUMN["Stage"]).data() == "Contacted"
    model.sort(COLUMN["Stage"], Qt.SortOrder.DescendingOrder)
    assert names(model) == ["Bartek Nowak", "Anna Kowalska"]

    model.set_search("anna")
    assert names(model) == ["Anna Kowalska"]
    model.set_pool(None)
    assert names(model) == ["Anna Kowalska"]
    model.set_search("")
    assert len(names(model)) == 4


@model_testers
def test_pool_list(qtmodeltester, ws, force_py):
    model = PoolListModel(ws.reads)
    model.reload()
    qtmodeltester.check(model, force_py=force_py)
    assert model.rowCount() == 1
    assert model.index(0).data() == "All candidates  (0)"
    assert model.index(0).data(POOL_ID_ROLE) is None

    anna = ws.candidates.create(CandidateRecord(first_name="Anna"))
    backend = ws.pools.create("Backend")
    ws.pools.create("Analytics")
    model.reload()  # new pools: a reset
    assert [model.index(row).data() for row in range(model.rowCount())] == [
        "All candidates  (1)",
        "Analytics  (0)",
        "Backend  (0)",
    ]

    ws.pools.add_members(backend, [anna])
    model.reload()  # only counts changed: dataChanged
    assert model.index(2).data() == "Backend  (1)"
    assert model.index(2).data(POOL_COUNT_ROLE) == 1
    assert model.row_of_pool(backend) == 2

    ws.pools.delete(backend)
    model.reload()
    assert model.rowCount() == 2
    assert model.row_of_pool(backend) == 0
