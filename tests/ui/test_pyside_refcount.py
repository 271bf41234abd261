"""Guards against a PySide6 bug that over-releases None returned from Python overrides."""

from __future__ import annotations

import sys

from PySide6.QtCore import QSortFilterProxyModel, Qt

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.ui.models.candidate_table import CandidateTableModel


def test_none_keeps_its_references_when_views_ask_for_empty_roles(qapp, ws: Workspace) -> None:
    ws.candidates.create(CandidateRecord(first_name="Anna", last_name="Kowalska"))
    model = CandidateTableModel(ws.listing, ws.clock)
    model.set_query(ListQuery())
    proxy = QSortFilterProxyModel()  # C++ calling into the Python model, as a view does
    proxy.setSourceModel(model)
    before = sys.getrefcount(None)
    for _ in range(20_000):
        proxy.index(0, 1).data(Qt.ItemDataRole.DecorationRole)  # answered with None
    assert sys.getrefcount(None) >= before - 100
