"""The vacancies view in the window with its parts: the matching tab ranks the pools' people
for the role shown, Close vacancy… opens the close dialog, Stages… edits the role's stages."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from talentdesk.core.db.enums import StageKind, TagCategory
from talentdesk.core.records import CandidateRecord, TagRef
from talentdesk.core.stages import Pipeline
from talentdesk.core.vacancies.records import WantedTag
from talentdesk.ui.dialogs.stages_dialog import StagesDialog
from talentdesk.ui.vacancies.close_dialog import CloseVacancyDialog
from talentdesk.ui.vacancies.match_tab import MatchTab
from tests.ui.vacancy_helpers import seed_role, vacancies_view

KOTLIN = TagRef(TagCategory.SKILL, "Kotlin")


def test_the_matching_tab_follows_the_role_shown(qtbot, ws, open_window):
    kotlin = ws.candidates.create(
        CandidateRecord(first_name="Kasia", last_name="Lis", tags=[KOTLIN])
    )
    window = open_window()
    vacancy_id = seed_role(ws, "Kotlin Developer", ["Anna"], tags=[WantedTag(KOTLIN)])
    view = vacancies_view(window)
    view.show_vacancy(vacancy_id)
    detail = view.detail
    matching = detail.tabs.widget(2)
    assert isinstance(matching, MatchTab) and detail.tabs.tabText(2) == "Matching"
    detail.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: matching.model.rowCount() > 0)
    assert [m.candidate_id for m in matching.model.matches] == [kotlin]


def test_close_and_stages_open_their_dialogs(qtbot, ws, open_window, modal):
    window = open_window()
    vacancy_id = seed_role(ws, "Data Engineer", ["Anna", "Ben"])
    view = vacancies_view(window)
    view.show_vacancy(vacancy_id)

    view.detail.close_button.click()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), CloseVacancyDialog))
    dialog = QApplication.activeModalWidget()
    assert dialog.table.rowCount() == 2
    dialog.reject()

    def rename(stages: StagesDialog) -> None:
        assert stages.windowTitle() == "Stages — Data Engineer"
        stages.table.item(1, 0).setText("Reached out")
        stages.save_button.click()
        qtbot.waitUntil(lambda: not stages.isVisible())

    modal.run(view.detail.stages_button.click, rename)
    contacted = ws.stages.stages(Pipeline.VACANCY, vacancy_id)[1]
    assert (contacted.name, contacted.kind, contacted.people) == (
        "Reached out",
        StageKind.CONTACTED,
        2,
    )
    qtbot.waitUntil(lambda: [c.stage.name for c in view.board.columns][1] == "Reached out")
    assert "Reached out" in view.board.columns[1].header.text()


def test_find_searches_the_tab_shown(qtbot, ws, open_window):
    window = open_window()
    view = vacancies_view(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.find_action.trigger()
    qtbot.waitUntil(view.list_pane.search.hasFocus)
    assert window.count_label.isHidden()  # it counts candidates
    window.main_tabs.setCurrentIndex(0)
    window.find_action.trigger()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.list_pane.search)
    assert not window.count_label.isHidden()
