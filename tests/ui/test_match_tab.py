"""The Matching tab on its own (the vacancies view hosts it): the ranking read a page at a time,
its explanation as chips and in the details, the filters, the weights, and acting on the
chosen people (adding them at Contacted, composing "a role that fits you")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QSpinBox, QToolTip, QWidget

from talentdesk.core import settings
from talentdesk.core.db.enums import CandidateStatus, TagCategory
from talentdesk.core.mail.account import MAIL_ACCOUNT
from talentdesk.core.records import CandidateRecord, TagRef
from talentdesk.core.vacancies.matching import DEFAULT_WEIGHTS
from talentdesk.core.vacancies.records import VacancyRecord, WantedTag
from talentdesk.core.workspace import Workspace
from talentdesk.ui.events import Events
from talentdesk.ui.mail.compose_dialog import ComposeDialog
from talentdesk.ui.ops import all_idle
from talentdesk.ui.vacancies.match_delegate import chip_tip, layout
from talentdesk.ui.vacancies.match_model import MATCH_ROLE, PAGE_SIZE
from talentdesk.ui.vacancies.match_tab import MatchTab
from talentdesk.ui.vacancies.weights_dialog import WeightsDialog
from tests.ui.conftest import outside_the_window
from tests.ui.test_compose_vacancy import ACCOUNT

LEFT = Qt.MouseButton.LeftButton


def skill(name: str) -> TagRef:
    return TagRef(TagCategory.SKILL, name)


def person(ws: Workspace, first: str, last: str, *skills: str, **fields: object) -> int:
    record = CandidateRecord(first, last, tags=[skill(s) for s in skills], **fields)
    return outside_the_window(lambda: ws.candidates.create(record))


def role(ws: Workspace, title: str = "Backend Developer", *, tags: bool = True) -> int:
    wanted = [WantedTag(skill("Python")), WantedTag(skill("Go"), required=False)] if tags else []
    record = VacancyRecord(title=title, tags=wanted)
    return outside_the_window(lambda: ws.vacancies.create(record))


@pytest.fixture
def open_tab(qtbot, ws: Workspace) -> Iterator[object]:
    """`open_tab(vacancy_id)`: a Matching tab shown in a plain window on that vacancy."""
    events = Events(ws)

    def open_(vacancy_id: int | None) -> MatchTab:
        tab = MatchTab(ws, events)
        qtbot.addWidget(tab)
        tab.resize(1100, 700)
        tab.show()
        qtbot.waitExposed(tab)
        tab.show_vacancy(vacancy_id)
        qtbot.waitUntil(lambda: not tab.model.busy)  # ranked off the GUI thread
        opened.append(tab)
        return tab

    opened: list[MatchTab] = []
    yield open_
    qtbot.waitUntil(all_idle)
    qtbot.waitUntil(lambda: not any(tab.model.busy for tab in opened))


def names(tab: MatchTab) -> list[str]:
    return [m.name for m in tab.model.matches]


def test_the_best_fits_first_each_explained(qtbot, ws, open_tab):
    both = person(ws, "Anna", "Both", "Python", "Go")
    person(ws, "Bartek", "Python", "Python")
    person(ws, "Celina", "Nothing", "Excel")
    tab = open_tab(role(ws))

    assert names(tab)[:2] == ["Anna Both", "Bartek Python"]
    assert "Celina Nothing" not in names(tab)  # nobody scoring 0 is shown
    scores = [m.score for m in tab.model.matches]
    assert scores == sorted(scores, reverse=True)
    assert tab.count.text() == f"{tab.model.total} candidates fit Backend Developer, best first"

    tab.select_candidates([both])
    anna = tab.model.matches[0]
    details = tab.details.rows()
    assert [row[0] for row in details] == [c.label for c in anna.criteria]
    required = next(row for row in details if row[0] == "Required tags")
    assert required[1] == str(DEFAULT_WEIGHTS["required_tags"])
    points, worth = required[2].split(" of ")  # out of its share of the 100 points
    assert int(points) <= int(worth) and int(worth) >= DEFAULT_WEIGHTS["required_tags"]
    assert "Python" in required[3]
    assert "Anna Both" in tab.details.text.text()
    assert f"score <b>{anna.score}</b>" in tab.details.text.text()


def test_a_chip_says_why_when_hovered(qtbot, ws, open_tab):
    person(ws, "Anna", "Both", "Python", "Go")
    tab = open_tab(role(ws))
    view = tab.view
    index = tab.model.index(0)
    match = index.data(MATCH_ROLE)
    chips = layout(match, view.visualRect(index), view.font()).chips
    chip, criterion = next((r, c) for r, c in chips if c.key == "required_tags")
    assert criterion.state == "match"

    where = chip.center()
    event = QHelpEvent(QEvent.Type.ToolTip, where, view.viewport().mapToGlobal(where))
    QApplication.sendEvent(view.viewport(), event)
    qtbot.waitUntil(lambda: QToolTip.isVisible())
    assert QToolTip.text() == chip_tip(criterion)
    assert criterion.why in QToolTip.text()
    QToolTip.hideText()


def test_the_page_shows_while_the_total_is_counted(qtbot, ws, open_tab):
    person(ws, "Anna", "Both", "Python", "Go")
    person(ws, "Bartek", "Python", "Python")
    tab = open_tab(role(ws))
    seen: list[tuple[list[str], str]] = []
    # Connected after the tab's own slot: sees what the tab shows as the page lands.
    tab.model.loaded.connect(lambda total, notes: seen.append((names(tab), tab.count.text())))

    tab.reload()
    qtbot.waitUntil(lambda: bool(seen) and not tab.model.busy)
    assert seen == [(["Anna Both", "Bartek Python"], "Counting who fits Backend Developer…")]
    assert tab.count.text() == "2 candidates fit Backend Developer, best first"
    assert tab.model.total == 2


def test_more_are_read_as_the_list_scrolls(qtbot, ws, open_tab):
    for number in range(PAGE_SIZE + 12):
        person(ws, f"Person{number:03}", "Python", "Python")
    tab = open_tab(role(ws))
    assert tab.model.total == PAGE_SIZE + 12
    assert tab.model.rowCount() == PAGE_SIZE

    tab.view.scrollToBottom()
    qtbot.waitUntil(lambda: tab.model.rowCount() == PAGE_SIZE + 12)
    assert len(set(names(tab))) == PAGE_SIZE + 12


def test_a_vacancy_without_tags_says_so_above_the_list(qtbot, ws, open_tab):
    person(ws, "Anna", "Both", "Python")
    tab = open_tab(role(ws, "Office Manager", tags=False))
    assert tab.notes.isVisible()
    assert tab.notes.text().startswith("This vacancy has no tags")


def test_filters_show_the_pipeline_do_not_contact_a_pool_and_a_minimum(qtbot, ws, open_tab):
    anna = person(ws, "Anna", "Both", "Python", "Go")
    bartek = person(ws, "Bartek", "Python", "Python")
    dnc = person(ws, "Dora", "Private", "Python", "Go", status=CandidateStatus.DO_NOT_CONTACT)
    backend = role(ws)
    outside_the_window(lambda: ws.vacancies.add_candidates(backend, [bartek]))
    pool = outside_the_window(lambda: ws.pools.create("Gophers"))
    outside_the_window(lambda: ws.pools.add_members(pool, [anna]))
    tab = open_tab(backend)
    assert names(tab) == ["Anna Both"]

    tab.in_pipeline.setChecked(True)
    qtbot.waitUntil(lambda: "Bartek Python" in names(tab))
    assert tab.model.matches[names(tab).index("Bartek Python")].in_pipeline

    tab.do_not_contact.setChecked(True)
    qtbot.waitUntil(lambda: "Dora Private" in names(tab))
    dora = tab.model.matches[names(tab).index("Dora Private")]
    assert dora.candidate_id == dnc and dora.do_not_contact

    tab.pool.setCurrentIndex(tab.pool.findText("Gophers"))
    qtbot.waitUntil(lambda: names(tab) == ["Anna Both"])
    tab.pool.setCurrentIndex(tab.pool.findText("All candidates"))
    qtbot.waitUntil(lambda: len(names(tab)) == 3)

    best = max(m.score for m in tab.model.matches)
    tab.min_score.setValue(best)  # read again once the typing pauses
    qtbot.waitUntil(lambda: all(m.score >= best for m in tab.model.matches))
    qtbot.waitUntil(lambda: not tab.model.busy)  # the total is counted after the page
    assert tab.model.total == len([m for m in tab.model.matches if m.score >= best])


def test_add_the_chosen_people_at_contacted(qtbot, ws, open_tab):
    anna = person(ws, "Anna", "Both", "Python", "Go")
    bartek = person(ws, "Bartek", "Python", "Python")
    person(ws, "Celina", "Python", "Python")
    backend = role(ws)
    tab = open_tab(backend)
    tab.select_candidates([anna, bartek])
    assert tab.add_button.isEnabled()

    qtbot.mouseClick(tab.add_button, LEFT)
    qtbot.waitUntil(lambda: tab.message_label.text() == "Added 2 to Backend Developer")
    board = ws.vacancies.board(backend)
    stage = {s.id: s.name for s in board.stages}
    assert {(c.candidate_id, stage[c.stage_id]) for c in board.cards} == {
        (anna, "Contacted"),
        (bartek, "Contacted"),
    }
    # Now in the pipeline, they leave the list (until "Show people already in the pipeline").
    qtbot.waitUntil(lambda: names(tab) == ["Celina Python"])


def test_weights_are_edited_per_vacancy_and_reset(qtbot, ws, modal, open_tab):
    person(ws, "Anna", "Both", "Python", "Go")
    backend = role(ws)
    other = role(ws, "Data Engineer")
    tab = open_tab(backend)

    def no_nice_tags(dialog: QWidget) -> None:
        assert isinstance(dialog, WeightsDialog)
        assert dialog.findChild(QSpinBox, "weight_nice_tags").value() == 15
        dialog.findChild(QSpinBox, "weight_nice_tags").setValue(0)
        dialog.findChild(QSpinBox, "weight_required_tags").setValue(60)
        qtbot.mouseClick(
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok), LEFT
        )

    modal.run(lambda: qtbot.mouseClick(tab.weights_button, LEFT), no_nice_tags)
    assert ws.matcher.weights(backend)["nice_tags"] == 0
    assert ws.matcher.weights(backend)["required_tags"] == 60
    assert ws.matcher.weights(other) == DEFAULT_WEIGHTS  # only this vacancy's
    qtbot.waitUntil(lambda: tab.message_label.text().startswith("Weights saved"))

    def nice() -> tuple[int, float]:
        found = next(c for c in tab.model.matches[0].criteria if c.key == "nice_tags")
        return found.weight, found.points

    qtbot.waitUntil(lambda: nice() == (0, 0))  # ranked again with the new weights

    def reset(dialog: QWidget) -> None:
        qtbot.mouseClick(dialog.findChild(QWidget, "resetWeightsButton"), LEFT)
        assert dialog.findChild(QSpinBox, "weight_nice_tags").value() == 15
        qtbot.mouseClick(
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok), LEFT
        )

    modal.run(lambda: qtbot.mouseClick(tab.weights_button, LEFT), reset)
    assert ws.matcher.weights(backend) == DEFAULT_WEIGHTS


def test_compose_a_role_that_fits_you_renders_the_vacancy(qtbot, ws, open_tab):
    outside_the_window(lambda: settings.AppSettings(ws.db.sessions).set(MAIL_ACCOUNT, ACCOUNT))
    anna = person(ws, "Anna", "Both", "Python", "Go", email="anna@example.com", title="Engineer")
    tab = open_tab(role(ws))
    tab.select_candidates([anna])

    dialog = tab.compose_selected()
    assert isinstance(dialog, ComposeDialog)
    qtbot.addWidget(dialog)
    assert dialog.template.currentText() == "Role that fits you"
    assert dialog.vacancy.currentText() == "Backend Developer"
    qtbot.waitUntil(lambda: "Backend Developer" in dialog.preview.toPlainText())
    preview = dialog.preview.toPlainText()
    assert "Subject: Backend Developer: a role that fits you" in preview
    assert "I am working on a Backend Developer role" in preview
    dialog.reject()


def test_in_the_main_window_compose_goes_through_its_e_mail(qtbot, ws, window):
    outside_the_window(lambda: settings.AppSettings(ws.db.sessions).set(MAIL_ACCOUNT, ACCOUNT))
    anna = person(ws, "Anna", "Both", "Python", email="anna@example.com", title="Engineer")
    backend = role(ws)
    tab = MatchTab(ws, window.events, window)  # as the vacancies view hosts it
    tab.show_vacancy(backend)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)  # ranked off the GUI thread
    tab.select_candidates([anna])
    dialog = tab.compose_selected()
    assert isinstance(dialog, ComposeDialog)
    assert dialog.parent() is window  # the window's compose: its outbox sends what is queued
    qtbot.waitUntil(lambda: "Backend Developer" in dialog.preview.toPlainText())
    dialog.reject()


def test_no_vacancy_shows_a_hint(qtbot, ws, open_tab):
    tab = open_tab(None)
    assert tab.stack.currentIndex() == 0
    assert tab.model.rowCount() == 0
    assert not tab.add_button.isEnabled()


def test_a_deleted_vacancy_leaves_the_hint(qtbot, ws, open_tab):
    person(ws, "Anna", "Both", "Python")
    backend = role(ws)
    tab = open_tab(backend)
    assert names(tab) == ["Anna Both"]
    outside_the_window(lambda: ws.vacancies.delete(backend))
    qtbot.waitUntil(lambda: tab.stack.currentIndex() == 0)
    assert tab.vacancy_id is None


def test_a_hidden_tab_reads_again_only_when_shown(qtbot, ws, open_tab):
    anna = person(ws, "Anna", "Both", "Python", "Go")
    backend = role(ws)
    tab = open_tab(backend)
    tab.hide()
    outside_the_window(lambda: ws.vacancies.add_candidates(backend, [anna]))
    qtbot.waitUntil(lambda: tab._stale)
    assert names(tab) == ["Anna Both"]  # not read while nobody looks

    tab.show()
    qtbot.waitUntil(lambda: names(tab) == [])


def test_the_list_menu_offers_the_actions(qtbot, ws, open_tab):
    anna = person(ws, "Anna", "Both", "Python", "Go")
    tab = open_tab(role(ws))
    actions = {a.text(): a for a in tab.view.actions()}
    assert set(actions) == {"Add to vacancy", "Compose “A role that fits you”…"}
    assert not actions["Add to vacancy"].isEnabled()
    tab.select_candidates([anna])
    assert actions["Add to vacancy"].isEnabled()
    actions["Add to vacancy"].trigger()
    qtbot.waitUntil(lambda: tab.message_label.text() == "Added 1 to Backend Developer")
