"""The main window driven like a user: keyboard, mouse, actions and dialogs, on a real database."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, QPoint, QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QWidget,
)
from sqlalchemy import text

from talentdesk.core.db.enums import InteractionKind, TagCategory
from talentdesk.core.errors import NotFoundError
from talentdesk.core.records import TagRef
from talentdesk.ui.dialogs.add_to_pool_dialog import AddToPoolDialog
from talentdesk.ui.dialogs.interaction_dialog import InteractionDialog
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.models.candidate_table import COLUMNS

CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton
COLUMN = {title: number for number, (_sort, title) in enumerate(COLUMNS)}


# -- what the user sees -------------------------------------------------------------------------
def shown_names(window: MainWindow) -> list[str]:
    model = window.list_pane.model
    return [model.index(row, COLUMN["Name"]).data() for row in range(model.rowCount())]


def shown_column(window: MainWindow, title: str) -> dict[str, str]:
    """Name → the text in column `title`, for every row of the candidate table."""
    model = window.list_pane.model
    return {
        model.index(row, COLUMN["Name"]).data(): model.index(row, COLUMN[title]).data()
        for row in range(model.rowCount())
    }


def pool_rows(window: MainWindow) -> list[str]:
    model = window.pool_pane.model
    return [model.index(row).data() for row in range(model.rowCount())]


def sql(ws, statement: str, **params: object) -> list[tuple]:
    with ws.db.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text(statement), params)]


# -- what the user does -------------------------------------------------------------------------
def click_row(qtbot, window: MainWindow, name: str, modifier=Qt.KeyboardModifier.NoModifier):
    table = window.list_pane.table
    row = shown_names(window).index(name)
    center = table.visualRect(table.model().index(row, COLUMN["Name"])).center()
    qtbot.mouseClick(table.viewport(), LEFT, modifier, center)


def click_pool(qtbot, window: MainWindow, label_start: str) -> None:
    view = window.pool_pane.view
    row = next(i for i, label in enumerate(pool_rows(window)) if label.startswith(label_start))
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(view.model().index(row)).center())


def click_header(qtbot, table: QTableView, column: int) -> None:
    table.scrollTo(table.model().index(0, column))  # the column may be scrolled out of sight
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), LEFT, pos=QPoint(x, header.height() // 2))


def double_click(qtbot, widget: QWidget, pos: QPoint) -> None:
    # QTest's double click alone is a press and a double-click event, without the first click
    # that a real double click starts with; item views ignore it.
    qtbot.mouseClick(widget, LEFT, pos=pos)
    qtbot.mouseDClick(widget, LEFT, pos=pos)


def type_text(qtbot, widget: QWidget, value: str) -> None:
    """qtbot.keyClicks, also for letters beyond ASCII (QTest aborts on "ó" or "Ł")."""
    for char in value:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def type_into(qtbot, widget: QWidget, value: str) -> None:
    qtbot.mouseClick(widget, LEFT)
    type_text(qtbot, widget, value)


def search_for(qtbot, window: MainWindow, value: str) -> None:
    """Ctrl+F, type over whatever is in the box, and wait for the debounced query."""
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert window.list_pane.search.hasFocus()
    type_text(qtbot, window.list_pane.search, value)
    qtbot.waitUntil(lambda: window.list_pane.model.query.search == value)


def wait_for_new_candidate_form(qtbot, window: MainWindow) -> None:
    """After Ctrl+N: the form shows once the event loop has run, as it does for a user."""
    pane = window.candidate_pane
    qtbot.waitUntil(lambda: pane.form.isVisible() and pane.name_label.text() == "New candidate")


def press_button(qtbot, dialog: QWidget, which: QDialogButtonBox.StandardButton) -> None:
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(which), LEFT)


# -- 1. creating a candidate ----------------------------------------------------------------------
def test_new_candidate_through_the_form_is_saved_and_listed(qtbot, ws, window, settle):
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    wait_for_new_candidate_form(qtbot, window)
    pane = window.candidate_pane
    assert pane.form.inputs["first_name"].hasFocus()

    type_text(qtbot, pane.form.inputs["first_name"], "Łukasz")
    for field, value in (
        ("last_name", "Wiśniewski"),
        ("email", "Lukasz.W@Example.com"),
        ("title", "Senior Java Developer"),
        ("company", "Comarch"),
        ("city", "Kraków"),
    ):
        type_into(qtbot, pane.form.inputs[field], value)
    qtbot.mouseClick(pane.save_button, LEFT)
    settle(window)

    rows = sql(ws, "SELECT id, first_name, last_name, email, title, company, city FROM candidate")
    assert len(rows) == 1
    candidate_id, *stored = rows[0]
    assert stored == [
        "Łukasz",
        "Wiśniewski",
        "Lukasz.W@example.com",  # the domain is normalised, the local part kept
        "Senior Java Developer",
        "Comarch",
        "Kraków",
    ]
    assert shown_names(window) == ["Łukasz Wiśniewski"]
    assert shown_column(window, "Company") == {"Łukasz Wiśniewski": "Comarch"}
    assert shown_column(window, "City") == {"Łukasz Wiśniewski": "Kraków"}
    assert window.list_pane.current_candidate_id() == candidate_id
    assert window.count_label.text() == "1 of 1 candidate"
    assert pane.candidate_id == candidate_id
    assert pane.name_label.text() == "Łukasz Wiśniewski"
    assert not pane.dirty
    assert pool_rows(window)[0] == "All candidates  (1)"


# -- 2. validation --------------------------------------------------------------------------------
def test_invalid_email_and_linkedin_are_shown_and_nothing_is_saved(qtbot, ws, window, settle):
    window.new_candidate_action.trigger()
    wait_for_new_candidate_form(qtbot, window)
    form = window.candidate_pane.form
    type_into(qtbot, form.inputs["first_name"], "Anna")
    type_into(qtbot, form.inputs["last_name"], "Kowalska")
    type_into(qtbot, form.inputs["email"], "anna.kowalska@")
    type_into(qtbot, form.inputs["linkedin_url"], "twitter.com/anna")
    qtbot.mouseClick(window.candidate_pane.save_button, LEFT)

    assert form.error_text("email") != ""
    assert "LinkedIn" in form.error_text("linkedin_url")
    assert form.error_text("first_name") == ""
    assert window.candidate_pane.banner.isVisible()
    assert window.candidate_pane.banner.text().startswith("Not saved")
    assert sql(ws, "SELECT count(*) FROM candidate") == [(0,)]
    assert shown_names(window) == []
    assert window.candidate_pane.name_label.text() == "New candidate"  # still editing

    # Correcting both fields lets the same form save, and the errors go away.
    for field, value in (
        ("email", "anna@example.com"),
        ("linkedin_url", "pl.linkedin.com/in/anna-k/?trk=x"),
    ):
        edit = form.inputs[field]
        qtbot.mouseClick(edit, LEFT)
        qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
        qtbot.keyClicks(edit, value)
    qtbot.mouseClick(window.candidate_pane.save_button, LEFT)
    settle(window)

    assert form.error_text("email") == ""
    assert form.error_text("linkedin_url") == ""
    assert not window.candidate_pane.banner.isVisible()
    assert sql(ws, "SELECT email, linkedin_url FROM candidate") == [
        ("anna@example.com", "https://linkedin.com/in/anna-k")
    ]
    assert shown_names(window) == ["Anna Kowalska"]


# -- the rest of the profile: tags and referrals ------------------------------------------------
def test_tag_typed_into_the_profile_is_saved_and_found_by_search(
    qtbot, ws, add_candidate, open_window, settle
):
    anna = add_candidate("Anna", "Kowalska")
    window = open_window()
    click_row(qtbot, window, "Anna Kowalska")
    tags = window.candidate_pane.tags
    assert tags.category.currentText() == "Skill"

    type_into(qtbot, tags.input, "Kotlin")
    qtbot.keyClick(tags.input, Qt.Key.Key_Return)

    assert [tags.list.item(i).text() for i in range(tags.list.count())] == ["Kotlin · skill"]
    assert tags.input.text() == ""
    assert window.candidate_pane.dirty
    qtbot.mouseClick(window.candidate_pane.save_button, LEFT)
    settle(window)
    assert ws.candidates.get(anna).tags == [TagRef(TagCategory.SKILL, "Kotlin")]
    search_for(qtbot, window, "kotl")
    assert shown_names(window) == ["Anna Kowalska"]


def test_referred_by_links_the_new_candidate_to_the_referrer(
    qtbot, ws, add_candidate, open_window, settle
):
    anna = add_candidate("Anna", "Kowalska")
    window = open_window()
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    wait_for_new_candidate_form(qtbot, window)
    form = window.candidate_pane.form
    type_into(qtbot, form.inputs["first_name"], "Bartek")
    type_into(qtbot, form.inputs["last_name"], "Nowak")
    relationship = form.inputs["relationship_kind"]
    referrer = form.inputs["referred_by"]
    assert not referrer.isEnabled()

    relationship.setCurrentIndex(relationship.findText("Referred by"))
    assert referrer.isEnabled(), "choosing “Referred by” should let the user name the referrer"
    type_into(qtbot, referrer, "Anna")
    popup = referrer.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert referrer.text() == "Anna Kowalska"
    qtbot.mouseClick(window.candidate_pane.save_button, LEFT)
    settle(window)

    assert form.error_text("referred_by_id") == ""
    assert sql(
        ws, "SELECT relationship_kind, referred_by_id FROM candidate WHERE first_name = 'Bartek'"
    ) == [("referred_by", anna)]


# -- 3. searching ---------------------------------------------------------------------------------
@pytest.fixture
def five_candidates(add_candidate) -> dict[str, int]:
    people = {
        "Łukasz Wiśniewski": add_candidate(
            "Łukasz", "Wiśniewski", title="Java Developer", city="Kraków"
        ),
        "Anna Kowalska": add_candidate("Anna", "Kowalska", title="Data Engineer", city="Warszawa"),
        "Anne Meyer": add_candidate(
            "Anne",
            "Meyer",
            title="Platform Engineer",
            city="Berlin",
            tags=[TagRef(TagCategory.SKILL, "Kubernetes")],
        ),
        "Bartek Nowak": add_candidate("Bartek", "Nowak", title="QA Engineer", city="Kraków"),
        "Jürgen Müller": add_candidate("Jürgen", "Müller", title="Architect", city="München"),
    }
    return people


def test_search_narrows_the_list_and_the_count(qtbot, five_candidates, open_window):
    window = open_window()
    assert window.count_label.text() == "5 of 5 candidates"

    search_for(qtbot, window, "ann")
    assert shown_names(window) == ["Anna Kowalska", "Anne Meyer"]
    assert window.count_label.text() == "2 of 5 candidates"

    search_for(qtbot, window, "ann kow")  # every word must match
    assert shown_names(window) == ["Anna Kowalska"]
    assert window.count_label.text() == "1 of 5 candidates"

    search_for(qtbot, window, "nobody")
    assert shown_names(window) == []
    assert window.count_label.text() == "0 of 5 candidates"
    assert window.list_pane.stack.currentWidget() is window.list_pane.empty
    assert window.list_pane.empty_title.text() == "No candidates match"

    qtbot.keyClick(window.list_pane.search, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(window.list_pane.search, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: window.list_pane.model.query.search == "")
    assert len(shown_names(window)) == 5
    assert window.count_label.text() == "5 of 5 candidates"


def test_search_without_diacritics_finds_krakow(qtbot, five_candidates, open_window):
    window = open_window()
    search_for(qtbot, window, "krakow")
    assert shown_names(window) == ["Bartek Nowak", "Łukasz Wiśniewski"]
    assert window.count_label.text() == "2 of 5 candidates"

    search_for(qtbot, window, "munch")
    assert shown_names(window) == ["Jürgen Müller"]


def test_search_without_diacritics_finds_lukasz(qtbot, five_candidates, open_window):
    window = open_window()
    search_for(qtbot, window, "luk")
    assert shown_names(window) == ["Łukasz Wiśniewski"]

    search_for(qtbot, window, "wisniewski")
    assert shown_names(window) == ["Łukasz Wiśniewski"]

    search_for(qtbot, window, "Łuk")  # typed with the diacritic, too
    assert shown_names(window) == ["Łukasz Wiśniewski"]
    assert window.count_label.text() == "1 of 5 candidates"


def test_search_finds_a_candidate_by_tag(qtbot, five_candidates, open_window):
    window = open_window()
    search_for(qtbot, window, "kubern")
    assert shown_names(window) == ["Anne Meyer"]
    assert window.count_label.text() == "1 of 5 candidates"


# -- 4. pools -------------------------------------------------------------------------------------
def test_create_a_pool_and_add_the_selected_candidates(
    qtbot, ws, add_candidate, modal, open_window, settle
):
    ids = {name: add_candidate(name, "Test") for name in ("Anna", "Bartek", "Celina")}
    window = open_window()

    def name_the_pool(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        qtbot.keyClicks(dialog.findChild(QLineEdit), "Backend")
        press_button(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)

    modal.run(
        lambda: qtbot.keyClick(window, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier),
        name_the_pool,
    )
    settle(window)
    assert [(p.name, p.members) for p in ws.reads.pool_summaries()] == [("Backend", 0)]
    assert pool_rows(window) == ["All candidates  (3)", "Backend  (0)"]
    assert window.pool_pane.current_pool_name() == "Backend"  # the new pool is selected
    assert window.list_pane.empty_title.text() == "No one in this pool yet"

    click_pool(qtbot, window, "All candidates")
    assert shown_names(window) == ["Anna Test", "Bartek Test", "Celina Test"]
    click_row(qtbot, window, "Anna Test")
    click_row(qtbot, window, "Celina Test", CTRL)
    assert window.list_pane.selected_candidate_ids() == [ids["Anna"], ids["Celina"]]

    def choose_pool_and_stage(dialog: QWidget) -> None:
        assert isinstance(dialog, AddToPoolDialog)
        assert "Add 2 candidates to:" in [label.text() for label in dialog.findChildren(QLabel)]
        pool = dialog.findChild(QComboBox, "poolChoice")
        assert pool.currentText() == "Backend (0)"
        stage = dialog.findChild(QComboBox, "stageChoice")
        stage.setCurrentIndex(stage.findText("Contacted"))
        press_button(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)

    modal.run(window.add_to_pool_action.trigger, choose_pool_and_stage)
    settle(window)

    members = sql(
        ws,
        "SELECT pm.candidate_id, ps.name FROM pool_membership pm"
        " JOIN pool_stage ps ON ps.id = pm.stage_id ORDER BY pm.candidate_id",
    )
    assert members == [(ids["Anna"], "Contacted"), (ids["Celina"], "Contacted")]
    assert pool_rows(window) == ["All candidates  (3)", "Backend  (2)"]
    assert window.statusBar().currentMessage() == (
        "Added 2 candidates to Backend at Contacted. Undo with Ctrl+Z."
    )

    click_pool(qtbot, window, "Backend")
    assert window.pool_pane.current_pool_id() is not None
    assert shown_column(window, "Stage") == {"Anna Test": "Contacted", "Celina Test": "Contacted"}
    assert window.count_label.text() == "2 of 2 candidates"


# -- 5. the timeline ------------------------------------------------------------------------------
def test_log_call_adds_to_the_top_of_the_timeline(
    qtbot, ws, clock, add_candidate, modal, open_window, settle
):
    anna = add_candidate("Anna", "Kowalska")
    ws.interactions.log(
        anna, InteractionKind.EMAIL_OUT, clock.now - timedelta(days=3), "Intro e-mail"
    )
    window = open_window()
    assert shown_column(window, "Last contact") == {"Anna Kowalska": "3 days ago"}

    click_row(qtbot, window, "Anna Kowalska")
    pane = window.candidate_pane
    assert pane.candidate_id == anna
    qtbot.waitUntil(pane.tabs.isVisible)
    tab_bar = pane.tabs.tabBar()
    qtbot.mouseClick(tab_bar, LEFT, pos=tab_bar.tabRect(2).center())
    assert pane.tabs.tabText(pane.tabs.currentIndex()) == "Timeline (1)"

    def describe_the_call(dialog: QWidget) -> None:
        assert isinstance(dialog, InteractionDialog)
        assert dialog.kind.currentText() == "Call"
        type_text(qtbot, dialog.findChild(QLineEdit, "interactionSubject"), "Talked about Kraków")
        qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "interactionBody"), "Open to hybrid.")
        press_button(qtbot, dialog, QDialogButtonBox.StandardButton.Save)

    call_button = pane.quick_buttons[InteractionKind.CALL]
    assert call_button.text() == "Log call"
    modal.run(lambda: qtbot.mouseClick(call_button, LEFT), describe_the_call)
    settle(window)

    assert pane.tabs.tabText(pane.tabs.currentIndex()) == "Timeline (2)"
    assert pane.timeline.count() == 2
    assert pane.timeline.item(0).text() == (
        "Call · 25 Nov 2026 09:30\nTalked about Kraków\nOpen to hybrid."
    )
    assert "Intro e-mail" in pane.timeline.item(1).text()
    assert sql(ws, "SELECT kind, subject, body FROM interaction ORDER BY occurred_at DESC") == [
        ("call", "Talked about Kraków", "Open to hybrid."),
        ("email_out", "Intro e-mail", None),
    ]
    assert ws.candidates.get(anna).last_contact_at == clock.now
    assert shown_column(window, "Last contact") == {"Anna Kowalska": "today 09:30"}
    assert "last contact today 09:30" in pane.subtitle.text()


# -- 6. reminders ---------------------------------------------------------------------------------
def test_overdue_reminders_mark_done_and_open_the_candidate(
    qtbot, ws, clock, add_candidate, open_window, settle
):
    anna = add_candidate("Anna", "Kowalska")
    bartek = add_candidate("Bartek", "Nowak")
    celina = add_candidate("Celina", "Zając")
    feedback = ws.reminders.add(anna, clock.now - timedelta(days=2), note="Send feedback")
    ws.reminders.add(bartek, clock.now - timedelta(hours=1), note="Call back")
    ws.reminders.add(celina, clock.now + timedelta(days=2), note="Check in")
    window = open_window()
    pane = window.reminders_pane
    qtbot.waitUntil(lambda: bool(pane.group_items("overdue")))  # filled after the first paint

    overdue = pane.group_items("overdue")
    assert [(i.text(1), i.text(2)) for i in overdue] == [
        ("Anna Kowalska", "Follow-up: Send feedback"),
        ("Bartek Nowak", "Follow-up: Call back"),
    ]
    assert [i.text(1) for i in pane.group_items("week")] == ["Celina Zając"]
    assert pane.summary.text() == "2 overdue · 0 today · 1 this week"

    tree = pane.tree
    qtbot.mouseClick(tree.viewport(), LEFT, pos=tree.visualItemRect(overdue[0]).center())
    assert pane.selected_reminder_id() == feedback
    qtbot.mouseClick(pane.findChild(QPushButton, "markDoneButton"), LEFT)
    settle(window)

    assert [i.text(1) for i in pane.group_items("overdue")] == ["Bartek Nowak"]
    assert pane.summary.text() == "1 overdue · 0 today · 1 this week"
    assert sql(ws, "SELECT id FROM reminder WHERE done_at IS NOT NULL") == [(feedback,)]
    assert ws.reminders.for_candidate(anna)[0].done_at == clock.now

    # Narrow the list so that Bartek is not in it: opening him must widen it again.
    search_for(qtbot, window, "celina")
    assert shown_names(window) == ["Celina Zając"]
    item = pane.group_items("overdue")[0]
    double_click(qtbot, tree.viewport(), tree.visualItemRect(item).center())

    assert window.candidate_pane.candidate_id == bartek
    assert window.candidate_pane.name_label.text() == "Bartek Nowak"
    assert window.list_pane.search.text() == ""
    assert len(shown_names(window)) == 3
    assert window.list_pane.current_candidate_id() == bartek


# -- 7. delete and undo ---------------------------------------------------------------------------
def test_delete_and_undo_restores_interactions_and_pool_membership(
    qtbot, ws, clock, add_candidate, open_window, settle
):
    anna = add_candidate(
        "Anna", "Kowalska", email="anna@example.com", tags=[TagRef(TagCategory.SKILL, "Java")]
    )
    add_candidate("Bartek", "Nowak")
    pool = ws.pools.create("Backend")
    ws.pools.add_members(pool, [anna])
    ws.interactions.log(anna, InteractionKind.CALL, clock.now - timedelta(days=1), "First call")
    window = open_window()
    assert pool_rows(window) == ["All candidates  (2)", "Backend  (1)"]

    click_row(qtbot, window, "Anna Kowalska")
    qtbot.keyClick(window.list_pane.table, Qt.Key.Key_Delete, CTRL)
    settle(window)

    with pytest.raises(NotFoundError):
        ws.candidates.get(anna)
    assert sql(ws, "SELECT count(*) FROM interaction") == [(0,)]
    assert sql(ws, "SELECT count(*) FROM pool_membership") == [(0,)]
    assert shown_names(window) == ["Bartek Nowak"]
    assert window.count_label.text() == "1 of 1 candidate"
    assert pool_rows(window) == ["All candidates  (1)", "Backend  (0)"]
    assert window.statusBar().currentMessage().startswith("Deleted Anna Kowalska.")
    assert window.undo_action.isEnabled()

    qtbot.keyClick(window.list_pane.table, Qt.Key.Key_Z, CTRL)
    settle(window)

    restored = ws.candidates.get(anna)
    assert (restored.full_name, restored.email) == ("Anna Kowalska", "anna@example.com")
    assert restored.tags == [TagRef(TagCategory.SKILL, "Java")]
    assert restored.last_contact_at == clock.now - timedelta(days=1)
    assert [e.subject for e in ws.interactions.timeline(anna)] == ["First call"]
    assert [(m.pool_name, m.stage_name) for m in ws.pools.memberships(anna)] == [
        ("Backend", "Sourced")
    ]
    assert shown_names(window) == ["Anna Kowalska", "Bartek Nowak"]
    assert window.count_label.text() == "2 of 2 candidates"
    assert pool_rows(window) == ["All candidates  (2)", "Backend  (1)"]
    assert window.candidate_pane.candidate_id == anna
    assert window.candidate_pane.tabs.tabText(2) == "Timeline (1)"
    assert window.statusBar().currentMessage() == "Restored Anna Kowalska."


# -- 8. first run ---------------------------------------------------------------------------------
def test_first_run_offers_sample_data(qtbot, ws, window, settle):
    pane = window.list_pane
    assert pane.stack.currentWidget() is pane.empty
    assert pane.empty_title.text() == "Your talent pool is empty"
    assert pane.sample_button.isVisible()
    assert pane.sample_button.text() == "Load sample data"
    assert window.count_label.text() == "0 of 0 candidates"

    qtbot.mouseClick(pane.sample_button, LEFT)
    settle(window)

    in_db = ws.candidates.count()
    assert in_db >= 30
    assert pane.model.rowCount() == in_db
    assert pane.stack.currentWidget() is pane.table
    assert not pane.sample_button.isVisible()
    assert window.count_label.text() == f"{in_db} of {in_db} candidates"
    assert window.pool_pane.model.pool_count() == 3
    pools = ws.reads.pool_summaries()
    assert len(pools) == 3
    rows = pool_rows(window)
    assert rows[0] == f"All candidates  ({in_db})"
    losing = ws.reads.losing_touch_counts()
    for row, pool in zip(rows[1:], pools, strict=True):
        amber, red = losing.get(pool.id, (0, 0))
        suffix = f"  ⚠ {amber + red}" if amber + red else ""
        assert row == f"{pool.name}  ({pool.members}){suffix}"
    assert any(sum(counts) for counts in losing.values())  # the sample pools have cadences
    assert all(p.members > 0 for p in pools)
    assert window.reminders_pane.tree.topLevelItemCount() == 4  # overdue, today, week, later


# -- 9. window layout -----------------------------------------------------------------------------
def test_window_size_and_splitters_are_remembered(qtbot, ws, paths, open_window):
    window = open_window()
    # As narrow as the window goes: restoreGeometry() shrinks a window that is wider than the
    # screen (the offscreen platform's is 800 pixels) down to its minimum width.
    size = QSize(window.minimumSizeHint().width(), 740)
    assert size != window.size()
    window.resize(size)
    qtbot.waitUntil(lambda: window.size() == size)
    window.splitter.setSizes([200, 480, 300])
    window.left.setSizes([180, 420])
    main_sizes, left_sizes = window.splitter.sizes(), window.left.sizes()
    assert main_sizes != [340, 610, 450]
    window.close()
    assert paths.settings.exists()

    again = open_window()
    assert again is not window
    assert again.size() == size
    assert again.splitter.sizes() == main_sizes
    assert again.left.sizes() == left_sizes


# -- 10. sorting ----------------------------------------------------------------------------------
def test_sorting_by_last_contact_puts_never_contacted_last(
    qtbot, ws, clock, add_candidate, open_window
):
    for first, days_ago in (("Anna", 10), ("Bartek", None), ("Celina", 2), ("Dawid", 30)):
        candidate = add_candidate(first, "Test")
        if days_ago is not None:
            when = clock.now - timedelta(days=days_ago)
            ws.interactions.log(candidate, InteractionKind.CALL, when, "Call")
    add_candidate("Ewa", "Test")
    window = open_window()
    table = window.list_pane.table
    header = table.horizontalHeader()
    contacted_oldest_first = ["Dawid Test", "Anna Test", "Celina Test"]
    never = {"Bartek Test", "Ewa Test"}

    def check(order: Qt.SortOrder) -> None:
        assert header.sortIndicatorSection() == COLUMN["Last contact"]
        assert header.sortIndicatorOrder() == order
        names = shown_names(window)
        expected = contacted_oldest_first
        if order == Qt.SortOrder.DescendingOrder:
            expected = expected[::-1]
        assert names[:3] == expected
        assert set(names[3:]) == never
        assert [shown_column(window, "Last contact")[n] for n in names[3:]] == ["", ""]

    click_header(qtbot, table, COLUMN["Last contact"])
    first_order = header.sortIndicatorOrder()
    check(first_order)

    click_header(qtbot, table, COLUMN["Last contact"])
    assert header.sortIndicatorOrder() != first_order
    check(header.sortIndicatorOrder())


@pytest.mark.parametrize("people", [0, 3])
def test_what_is_off_the_first_screen_loads_once_the_list_has_painted(
    qtbot, ws, paths, add_candidate, clock, people: int
):
    """The reminders wait for the list's first paint (seen through the model, not an event
    filter), and come then, with rows to paint or none."""
    for i in range(people):
        add_candidate(f"Person{i}", "Nowak")
    anna = add_candidate("Anna", "Kowalska") if people else None
    if anna is not None:
        ws.reminders.add(anna, clock.now, note="Call back")
    window = MainWindow(ws, paths.settings)
    qtbot.addWidget(window)
    if people:
        QApplication.processEvents()  # not shown, so not painted: nothing more is read
        assert window.reminders_pane.summary.text() == "Loading reminders…"
    window.show()
    qtbot.waitUntil(lambda: window.reminders_pane.summary.text() != "Loading reminders…")
    if anna is not None:
        assert window.list_pane.model.pages_fetched == 1
        assert window.reminders_pane.tree.topLevelItem(0).text(0).startswith("Overdue")
