"""Selection → Hand over to… on a team database (issue 18): the same test as on the local
file (tests/ui/test_handover_ui.py), the window on the test's PostgreSQL database."""

from __future__ import annotations

from tests.ui.team_window import team_paths, team_ws  # noqa: F401  (`paths`, `ws`)
from tests.ui.test_handover_ui import (
    test_hand_over_the_selection_and_take_it_back_with_ctrl_z as test_on_a_team_database,
)

__all__ = ["test_on_a_team_database"]
