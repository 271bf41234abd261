"""The Metrics tab in the real window, over a small data set counted by hand: its figures
arrive off the GUI thread, the filters change them, a bar opens the people behind it, and a
figure exports as PNG and CSV."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage

from talentdesk.core.db.models import MailTemplate
from talentdesk.core.workspace import Workspace
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.metrics.card import FigureCard
from talentdesk.ui.metrics.view import NO_PIXELS, MetricsView
from tests.conftest import TravelClock, session_outside
from tests.core.metrics_data import day, member, person, pool, received, sent
from tests.ui.conftest import outside_the_window


@dataclass(frozen=True)
class People:
    ann: int
    ben: int
    cat: int
    dan: int
    eve: int


@pytest.fixture
def people(ws: Workspace, clock: TravelClock) -> People:
    """March: "Catching up" (the Check-in starter) to Ann, Ben and Cat of pool Backend; Ann and
    Cat reply. April: "Hello" (template Intro) to Ann and Dan, Dan replies; "Lunch?" (no
    template) twice to Eve, who replies. All time: 7 sent, 4 replied; April: 4 sent, 2."""
    clock.now = datetime(2026, 4, 30, 12, tzinfo=UTC)
    with session_outside(ws.paths.database) as s:
        s.add(MailTemplate(name="Intro", subject="Hello {{ first_name }}", body="…"))
        ann, ben, cat, dan, eve = (person(s, n) for n in ("Ann", "Ben", "Cat", "Dan", "Eve"))
        backend = pool(s, "Backend")
        for cid in (ann, ben, cat):
            member(s, backend, cid)
        a = {cid: sent(s, cid, day(3, 2), f"Catching up, {name}", pool_id=backend.id,
                       template="Check-in")
             for cid, name in ((ann, "Ann"), (ben, "Ben"), (cat, "Cat"))}  # fmt: skip
        received(s, ann, day(3, 2, 12), answers=a[ann])
        received(s, cat, day(3, 4), answers=a[cat])
        b = {cid: sent(s, cid, day(4, 1), f"Hello {name}", template="Intro")
             for cid, name in ((ann, "Ann"), (dan, "Dan"))}  # fmt: skip
        received(s, dan, day(4, 1, 10), answers=b[dan])
        sent(s, eve, day(4, 10), "Lunch?")
        d = sent(s, eve, day(4, 12), "Lunch?")
        received(s, eve, day(4, 12, 15), answers=d)
    return People(ann, ben, cat, dan, eve)


def _open_metrics(qtbot, window: MainWindow) -> MetricsView:
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.main_tabs.currentWidget() is window.metrics_tab
    view = window.metrics_tab.built_view
    assert view is not None
    return view


def _numbers(card: FigureCard) -> list[str]:
    return [tile.text() for tile in card.number_tiles]


def _wait_for_figures(qtbot, view: MetricsView) -> None:
    qtbot.waitUntil(lambda: not view.busy and not any(c.is_computing for c in view.cards.values()))


def _filter(qtbot, view: MetricsView, change) -> None:
    """Change a filter and wait for the figures it asks for (once the typing pause is over)."""
    asked = view.reloads
    change()
    qtbot.waitUntil(lambda: view.reloads > asked)
    _wait_for_figures(qtbot, view)


def _preset(qtbot, view: MetricsView, label: str) -> None:
    _filter(qtbot, view, lambda: view.filter_bar.choose_preset(label))


def test_figures_arrive_and_follow_the_filters(qtbot, open_window, people: People) -> None:
    window = open_window()
    view = _open_metrics(qtbot, window)
    assert view.findChild(type(view.filter_bar)) is view.filter_bar
    assert NO_PIXELS == "Open rates are not measured: TalentDesk adds no tracking pixels."
    _wait_for_figures(qtbot, view)

    # The default period, the last 90 days (1 Feb – 30 Apr), holds all seven messages.
    sent_mail = view.cards["reply_rate"]
    assert _numbers(sent_mail) == ["7 messages sent", "4 replied", "57% reply rate"]

    _preset(qtbot, view, "Last 30 days")  # April
    assert _numbers(sent_mail) == ["4 messages sent", "2 replied", "50% reply rate"]

    _preset(qtbot, view, "All time")
    assert _numbers(sent_mail) == ["7 messages sent", "4 replied", "57% reply rate"]

    # Backend's members (Ann, Ben, Cat): the mail they got, in the pool or not.
    qtbot.waitUntil(lambda: view.filter_bar.pool.count() == 2)  # the choices were read
    pools = view.filter_bar.pool
    _filter(qtbot, view, lambda: pools.setCurrentIndex(pools.findText("Backend")))
    assert _numbers(sent_mail) == ["4 messages sent", "2 replied", "50% reply rate"]


def _bar_point(card: FigureCard, category: int, value: float) -> QPoint:
    """Where on the chart's viewport a horizontal bar's middle is drawn."""
    chart_view = card.chart_view
    assert chart_view is not None
    chart = chart_view.chart()
    series = chart.series()[0]
    rows = len(card.shown.chart.categories) if card.shown and card.shown.chart else 0
    # Qt draws the first category at the bottom: the catalog's first row is at the top.
    scene = chart.mapToPosition(QPointF(value / 2, rows - 1 - category), series)
    return chart_view.mapFromScene(chart.mapToScene(scene))


def test_a_bar_opens_the_people_behind_it(qtbot, open_window, people: People) -> None:
    window = open_window()
    view = _open_metrics(qtbot, window)
    _preset(qtbot, view, "All time")
    by_template = view.cards["by_template"]
    chart = by_template.shown.chart if by_template.shown else None
    assert chart is not None
    labels = [c.label for c in chart.categories]
    check_in = labels.index("Check-in")
    assert chart.categories[check_in].values == (66.7,)

    by_template.chart_view.ensurePolished()
    by_template.ensurePolished()
    view.findChild(type(by_template), "figureCard")  # the cards are laid out
    qtbot.waitExposed(by_template.chart_view)
    point = _bar_point(by_template, check_in, 66.7)
    qtbot.mouseClick(by_template.chart_view.viewport(), Qt.MouseButton.LeftButton, pos=point)

    qtbot.waitUntil(lambda: view.people_dialog is not None)
    dialog = view.people_dialog
    assert dialog is not None
    assert dialog.listed() == ["Ann Test", "Cat Test"]  # who replied to the Check-in
    assert "Check-in" in dialog.findChildren(type(dialog.count))[0].text()
    dialog.names.setCurrentRow(1)
    dialog.open_button.click()
    assert window.main_tabs.currentWidget() is window.splitter
    qtbot.waitUntil(lambda: window.candidate_pane.candidate_id == people.cat)


def test_a_figure_exports_as_png_and_csv(qtbot, open_window, people: People, tmp_path) -> None:
    window = open_window()
    view = _open_metrics(qtbot, window)
    _preset(qtbot, view, "All time")
    card = view.cards["by_template"]

    png = tmp_path / "by-template.png"
    card.export_png(png)
    image = QImage(str(png))
    assert not image.isNull()
    assert image.width() > 100 and image.height() > 100

    exported = tmp_path / "by-template.csv"
    card.export_csv(exported)
    with exported.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["", "Sent", "Replied", "Reply rate (%)"]
    assert sorted(rows[1:]) == [
        ["Check-in", "3", "2", "66.7"],
        ["Intro", "2", "1", "50"],
        ["No template (own words)", "2", "1", "50"],
    ]


def test_a_number_and_a_table_cell_open_the_people_behind_them(
    qtbot, open_window, people: People
) -> None:
    window = open_window()
    view = _open_metrics(qtbot, window)
    _preset(qtbot, view, "All time")
    # On this tab Ctrl+Del deletes nobody and the status bar counts no candidates.
    assert window.delete_action.shortcut().isEmpty()
    assert not window.count_label.isVisible()

    replied = view.cards["reply_rate"].number_tiles[1]
    assert replied.text() == "4 replied"
    qtbot.mouseClick(replied, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.people_dialog is not None)  # read on a thread
    dialog = view.people_dialog
    assert dialog is not None
    assert dialog.listed() == ["Ann Test", "Cat Test", "Dan Test", "Eve Test"]

    by_month = view.cards["by_month"]
    by_month.table_button.click()  # the table behind the chart
    assert by_month.table.isVisible()
    model = by_month.table.model()
    months = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert months == ["2026-03", "2026-04"]
    april = model.index(1, 2)  # April, Replied
    assert april.data() == "2"
    by_month.table.doubleClicked.emit(april)
    qtbot.waitUntil(lambda: view.people_dialog is not dialog and view.people_dialog is not None)
    assert view.people_dialog.listed() == ["Dan Test", "Eve Test"]


def test_the_figures_follow_a_change_to_the_data(qtbot, open_window, ws, people: People) -> None:
    window = open_window()
    view = _open_metrics(qtbot, window)
    _preset(qtbot, view, "All time")
    sent_mail = view.cards["reply_rate"]
    assert _numbers(sent_mail)[1] == "4 replied"

    # Ben answers the March message (logged as the window would, on the write path).
    outbox = ws.outbox()
    march = next(e.id for e in outbox.entries() if e.candidate_id == people.ben)
    outside_the_window(lambda: outbox.log_reply(people.ben, day(3, 5), message_id=march))
    qtbot.waitUntil(lambda: _numbers(sent_mail)[1:] == ["5 replied", "71% reply rate"])
