"""The candidate pane's Applications tab: the roles someone is in, their stage and its history,
moving them on, and what other writers change meanwhile."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QTreeWidgetItem, QWidget

from talentdesk.core.db.enums import VacancyStatus
from talentdesk.core.vacancies.records import VacancyRecord
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.panes.candidate_applications import EMPTY_TEXT
from talentdesk.ui.panes.candidate_tabs import APPLICATIONS_TAB
from talentdesk.ui.widgets.counted_tabs import CountedTabs
from tests.ui.conftest import outside_the_window


def vacancy(ws, title: str, company: str | None = None) -> int:
    return outside_the_window(
        lambda: ws.vacancies.create(VacancyRecord(title=title, company=company))
    )


def stage_id(ws, vacancy_id: int, name: str) -> int:
    return next(s.id for s in ws.vacancies.stages(vacancy_id) if s.name == name)


def rows(window: MainWindow) -> list[list[str]]:
    """Each application's two lines: role · client, then status · stage · near-fit."""
    tree = window.candidate_pane.applications.tree
    found = []
    for index in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(index)
        assert item is not None
        found.append(item.text(0).split("\n"))
    return found


def history(window: MainWindow, row: int) -> list[str]:
    item = window.candidate_pane.applications.tree.topLevelItem(row)
    assert item is not None
    children: list[QTreeWidgetItem] = [item.child(i) for i in range(item.childCount())]
    return [child.text(0) for child in children]


def open_applications(qtbot, window: MainWindow, candidate_id: int) -> None:
    window.open_candidate(candidate_id)
    pane = window.candidate_pane
    pane.tabs.setCurrentIndex(APPLICATIONS_TAB)
    qtbot.waitUntil(lambda: pane.applications.isVisible())


def test_applications_show_role_client_stage_near_fit_and_history(
    qtbot, ws, clock, add_candidate, open_window
):
    anna = add_candidate("Anna", "Kowalska")
    backend = vacancy(ws, "Backend Developer", "Acme")
    data = vacancy(ws, "Data Engineer", "Globex")
    outside_the_window(lambda: ws.vacancies.add_candidates(backend, [anna]))
    clock.advance(days=2, hours=3)
    application = ws.vacancies.applications_of(anna)[0].application_id
    outside_the_window(
        lambda: ws.vacancies.move(application, stage_id(ws, backend, "Interviewing"))
    )
    outside_the_window(lambda: ws.vacancies.set_near_fit([application], True))
    clock.advance(days=1)
    outside_the_window(lambda: ws.vacancies.add_candidates(data, [anna]))
    outside_the_window(lambda: ws.vacancies.set_status(data, VacancyStatus.CLOSED))

    window = open_window()
    open_applications(qtbot, window, anna)
    pane = window.candidate_pane
    assert pane.tabs.tabText(APPLICATIONS_TAB) == "Applications (2)"
    assert rows(window) == [
        ["Backend Developer · Acme", "Open · Interviewing · ★ near-fit"],
        ["Data Engineer · Globex", "Closed · Contacted"],
    ]
    # The latest move first, dated as the timeline dates.
    assert history(window, 0) == [
        "27 Nov 2026 12:30  Contacted → Interviewing",
        "25 Nov 2026 09:30  added at Contacted",
    ]
    assert history(window, 1) == ["28 Nov 2026 12:30  added at Contacted"]


def test_move_to_another_stage_from_the_tab(qtbot, ws, clock, add_candidate, open_window, settle):
    anna = add_candidate("Anna", "Kowalska")
    backend = vacancy(ws, "Backend Developer")
    outside_the_window(lambda: ws.vacancies.add_candidates(backend, [anna]))
    window = open_window()
    open_applications(qtbot, window, anna)
    application = ws.vacancies.applications_of(anna)[0].application_id
    clock.advance(hours=5)

    button = window.candidate_pane.applications.move_button(application)
    assert isinstance(button, QPushButton) and button.text() == "Move to…"
    menu = button.menu()
    assert [a.text() for a in menu.actions()] == [
        "Sourced (new)",
        "Contacted",
        "Engaged (screening)",
        "Interviewing",
        "Offer",
        "Hired",
        "Not a fit (rejected)",
        "Declined",
        "Withdrawn",
    ]
    current = next(a for a in menu.actions() if a.isChecked())
    assert current.text() == "Contacted" and not current.isEnabled()
    next(a for a in menu.actions() if a.text() == "Engaged (screening)").trigger()
    settle(window)

    stored = ws.vacancies.applications_of(anna)[0]
    assert (stored.stage, [m.to_stage for m in stored.history]) == (
        "Engaged",
        ["Contacted", "Engaged"],
    )
    qtbot.waitUntil(lambda: rows(window)[0][1] == "Open · Engaged (screening)")
    assert history(window, 0)[0] == "25 Nov 2026 14:30  Contacted → Engaged"


def test_a_move_made_elsewhere_shows_without_reopening(qtbot, ws, add_candidate, open_window):
    anna = add_candidate("Anna", "Kowalska")
    backend = vacancy(ws, "Backend Developer")
    window = open_window()
    open_applications(qtbot, window, anna)
    pane = window.candidate_pane
    assert pane.applications.empty.isVisible()
    assert pane.applications.empty.text() == EMPTY_TEXT
    assert pane.tabs.tabText(APPLICATIONS_TAB) == "Applications (0)"

    outside_the_window(lambda: ws.vacancies.add_candidates(backend, [anna]))
    qtbot.waitUntil(lambda: pane.tabs.tabText(APPLICATIONS_TAB) == "Applications (1)")
    application = ws.vacancies.applications_of(anna)[0].application_id
    outside_the_window(lambda: ws.vacancies.move(application, stage_id(ws, backend, "Offer")))
    qtbot.waitUntil(lambda: rows(window) == [["Backend Developer", "Open · Offer"]])
    assert not pane.applications.empty.isVisible()


def test_the_tab_is_reset_for_a_new_candidate(qtbot, ws, add_candidate, open_window):
    anna = add_candidate("Anna", "Kowalska")
    backend = vacancy(ws, "Backend Developer")
    outside_the_window(lambda: ws.vacancies.add_candidates(backend, [anna]))
    window = open_window()
    open_applications(qtbot, window, anna)
    assert len(rows(window)) == 1
    window.new_candidate()
    pane = window.candidate_pane
    assert pane.tabs.tabText(APPLICATIONS_TAB) == "Applications"
    assert not pane.tabs.isTabEnabled(APPLICATIONS_TAB)
    assert rows(window) == []


def test_tabs_too_narrow_for_their_counts_keep_every_tab_in_sight(qtbot):
    tabs = CountedTabs()
    qtbot.addWidget(tabs)
    for title in ("Profile", "Pools", "Timeline", "Reminders", "Applications"):
        tabs.addTab(QWidget(), title)
    tabs.resize(900, 200)
    tabs.show()
    qtbot.waitExposed(tabs)
    tabs.setTabText(1, "Pools (12)")
    tabs.setTabText(4, "Applications (3)")
    bar = tabs.tabBar()
    assert bar.tabText(4) == "Applications (3)" and bar.tabToolTip(4) == ""

    tabs.resize(bar.sizeHint().width() - 20, 200)
    qtbot.waitUntil(lambda: bar.tabText(4) == "Applications")
    assert bar.tabText(1) == "Pools"
    assert bar.tabToolTip(4) == "Applications (3)"  # the count is a hover away
    assert tabs.tabText(4) == "Applications (3)"  # what the pane set, whatever fits
    assert sum(bar.tabRect(i).width() for i in range(tabs.count())) <= tabs.width()
