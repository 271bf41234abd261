"""The filter builder's form: every part of a filter shows in it and comes back unchanged,
and a period that is not one is refused in words."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from talentdesk.core.db.enums import CandidateStatus, Seniority, StageKind, TagCategory
from talentdesk.core.lists.filters import (
    ConsentState,
    Contact,
    Filter,
    Period,
    StageRule,
    TagMode,
    TagRule,
)
from talentdesk.core.records import TagRef
from talentdesk.ui.lists.filter_form import Choices, FilterForm

KOTLIN = TagRef(TagCategory.SKILL, "Kotlin")
JAVA = TagRef(TagCategory.SKILL, "Java")
FINTECH = TagRef(TagCategory.INDUSTRY, "Fintech")
CHOICES = Choices(pools=[(1, "Backend"), (2, "Data")], vacancies=[(7, "Android Lead")])


def _form(qtbot) -> FilterForm:
    form = FilterForm(CHOICES, lambda: date(2026, 11, 25))
    qtbot.addWidget(form)
    return form


def test_every_part_of_a_filter_comes_back_from_the_form(qtbot) -> None:
    everything = Filter(
        text="android",
        stages=(
            StageRule(
                kinds=frozenset({StageKind.INTERVIEWING, StageKind.OFFER}),
                ever=True,
                never=frozenset({StageKind.HIRED}),
                vacancy_id=7,
            ),
            StageRule(
                kinds=frozenset({StageKind.DECLINED}),
                reached=Period(months=12),
                pool_id=2,
            ),
        ),
        near_fit=True,
        tags=(
            TagRule(TagMode.ALL, (KOTLIN,)),
            TagRule(TagMode.ANY, (FINTECH, JAVA)),  # as the editor sorts them
            TagRule(TagMode.NONE, (TagRef(TagCategory.CUSTOM, "Agency"),)),
        ),
        cities=("Kraków", "Wrocław"),
        countries=("Poland",),
        remote=False,
        seniorities=frozenset({Seniority.SENIOR, Seniority.LEAD}),
        statuses=frozenset({CandidateStatus.PASSIVE}),
        contact=Contact.NOT_IN,
        contact_period=Period(start=date(2026, 1, 1), end=date(2026, 6, 30)),
        reminder_due=False,
        consent=frozenset({ConsentState.VALID, ConsentState.EXPIRING}),
        sources=("LinkedIn", "referral"),
        has_email=True,
        pool_ids=(1, 2),
        retention_due=True,
        mine=True,
    )
    form = _form(qtbot)
    form.set_filter(everything)

    assert form.filter() == everything
    assert form.stages.editors[0].scope.currentText() == "the vacancy “Android Lead”"
    assert form.stages.editors[1].reached.count.value() == 12
    assert form.stages.editors[1].reached.unit.currentText() == "months"
    assert form.tags.tabs.tabText(1) == "Has any of (2)"


def test_an_untouched_form_is_an_empty_filter(qtbot) -> None:
    form = _form(qtbot)
    form.stages.add_button.click()  # a condition added but not filled in says nothing

    assert form.filter() == Filter()


def test_a_period_that_ends_before_it_starts_is_refused_in_words(qtbot) -> None:
    form = _form(qtbot)
    form.contact.setCurrentIndex(form.contact.findText("contacted"))
    period = form.contact_period
    period.mode.setCurrentIndex(period.mode.findText("between"))
    qtbot.keyClicks(period.start.edit, "2026-06-01")
    qtbot.keyClicks(period.end.edit, "2026-01-31")

    with pytest.raises(ValueError, match=r"ends \(2026-01-31\) before it starts \(2026-06-01\)"):
        form.filter()


def test_stage_kinds_and_contact_are_picked_by_clicking(qtbot) -> None:
    form = _form(qtbot)
    with qtbot.waitSignal(form.changed):
        form.stages.add_button.click()
    rule = form.stages.editors[0]
    rule.ever.setCurrentIndex(1)
    rule.kinds.boxes[StageKind.OFFER].click()
    qtbot.keyClick(rule.never.boxes[StageKind.HIRED], Qt.Key.Key_Space)
    form.contact.setCurrentIndex(form.contact.findText("never contacted"))

    assert form.filter() == Filter(
        stages=(
            StageRule(
                kinds=frozenset({StageKind.OFFER}), ever=True, never=frozenset({StageKind.HIRED})
            ),
        ),
        contact=Contact.NEVER,
    )
    assert not form.contact_period.isVisibleTo(form)


def test_a_period_the_editor_cannot_show_is_kept_as_it_is(qtbot) -> None:
    between = Filter(contact=Contact.IN, contact_period=Period(months=12, until_months=3))
    form = _form(qtbot)
    form.set_filter(between)

    assert form.contact_period.mode.currentText() == "12 months to 3 months ago"
    assert form.filter() == between


def test_tag_names_in_any_category_come_back(qtbot) -> None:
    typed = Filter(tags=(TagRule(TagMode.ALL, (), ("kotlin",)), TagRule(TagMode.NONE, (JAVA,))))
    form = _form(qtbot)
    form.set_filter(typed)

    assert form.tags.names[TagMode.ALL].text() == "kotlin"
    assert form.filter() == typed


def test_a_list_and_a_search_over_it_combine_or_say_they_cannot() -> None:
    from talentdesk.ui.lists.combine import combined

    saved = Filter(
        text="java",
        stages=(StageRule(kinds=frozenset({StageKind.DECLINED})),),
        cities=("Kraków",),
        near_fit=True,
    )
    search = Filter(
        text="senior",
        stages=(StageRule(kinds=frozenset({StageKind.OFFER}), ever=True),),
        tags=(TagRule(TagMode.ALL, (KOTLIN,)),),
        cities=("Kraków",),
        has_email=True,
    )

    assert combined(saved, search) == Filter(
        text="java senior",
        stages=(*saved.stages, *search.stages),
        tags=search.tags,
        cities=("Kraków",),
        near_fit=True,
        has_email=True,
    )
    assert combined(saved, Filter(cities=("Gdańsk",))) is None  # any-of lists: no one filter
    assert combined(saved, Filter(near_fit=False)) is None
    assert combined(saved, Filter()) == saved
