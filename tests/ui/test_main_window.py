"""The main window driven like a user: keyboard, mouse, actions and dialogs, on a real database."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from talentdesk.core.db.enums import InteractionKind, TagCategory
from talentdesk.core.errors import NotFoundError
from talentdesk.core.records import TagRef
from talentdesk.ui.dialogs.add_to_pool_dialog import AddToPoolDialog
from talentdesk.ui.dialogs.interaction_dialog import InteractionDialog
from tests.ui.window_driver import (
    CTRL,
    LEFT,
    click_pool,
    click_row,
    double_click,
    pool_rows,
    press_button,
    search_for,
    shown_column,
    shown_names,
    sql,
    type_into,
    type_text,
    wait_for_new_candidate_form,
)


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
