"""Seeding roles with a pipeline for the vacancies view's tests, and reaching the view."""

from __future__ import annotations

from talentdesk.core.records import CandidateRecord
from talentdesk.core.vacancies.records import VacancyRecord
from talentdesk.core.workspace import Workspace
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.vacancies.view import VacanciesView
from tests.ui.conftest import outside_the_window


def seed_role(ws: Workspace, title: str, people: list[str], **fields: object) -> int:
    """A role with `people` added (they land at "Contacted")."""

    def write() -> int:
        vacancy_id = ws.vacancies.create(VacancyRecord(title=title, **fields))  # type: ignore[arg-type]
        ids = [
            ws.candidates.create(
                CandidateRecord(first_name=name, last_name="Nowak", city="Kraków", title="Dev")
            )
            for name in people
        ]
        ws.vacancies.add_candidates(vacancy_id, ids)
        return vacancy_id

    return outside_the_window(write)


def vacancies_view(window: MainWindow) -> VacanciesView:
    window.main_tabs.setCurrentIndex(1)
    view = window.vacancies_tab.built_view
    assert view is not None, "switching to the tab builds the view"
    return view


def stage_of(ws: Workspace, candidate_name: str, vacancy_id: int) -> str:
    card = next(
        c for c in ws.vacancies.board(vacancy_id).cards if c.name.startswith(candidate_name)
    )
    stages = {s.id: s.name for s in ws.vacancies.stages(vacancy_id)}
    return stages[card.stage_id]
