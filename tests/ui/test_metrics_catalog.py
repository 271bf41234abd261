"""How a card draws one of the core's tables: numbers formatted, rows beyond what a chart can
hold left to the table (the latest bulk sends, the largest vacancies), the people kept."""

from __future__ import annotations

from talentdesk.core.metrics import Column, Figure, Row, Table
from talentdesk.ui.metrics.catalog import MAX_BARS, SECTIONS, formatted, present


def _card(key: str):
    return next(card for section in SECTIONS for card in section.cards if card.key == key)


def _replies(bulks: int) -> Figure:
    columns = (
        Column("sent", "Sent"),
        Column("replied", "Replied"),
        Column("rate", "Reply rate", "%"),
    )
    rows = tuple(
        Row(f"b{n}", f"Send {n}", {"sent": 10, "replied": n % 10, "rate": float(10 * (n % 10))},
            {"sent": (n,), "replied": (n,)})
        for n in range(bulks)
    )  # fmt: skip
    return Figure("replies", "Reply rate", (Table("by_bulk", "By bulk send", columns, rows),))


def test_a_thousand_bulk_sends_draw_the_latest_and_list_them_all() -> None:
    shown = present(_card("by_bulk"), _replies(1000))
    assert shown.chart is not None
    labels = [c.label for c in shown.chart.categories]
    assert labels == [f"Send {n}" for n in range(1000 - MAX_BARS, 1000)]
    assert shown.chart.categories[-1].values == (90.0,)
    assert shown.chart.people(len(labels) - 1, 0) == (999,)  # a bar shows who replied
    assert len(shown.table.rows) == 1000
    assert shown.table.rows[0] == ("Send 0", 10, 0, 0.0)
    assert shown.caption == "The chart shows the 15 latest of 1,000; the table has them all."


def test_few_rows_draw_them_all_without_a_caption() -> None:
    shown = present(_card("by_bulk"), _replies(3))
    assert shown.chart is not None and len(shown.chart.categories) == 3
    assert shown.caption == ""


def test_numbers_read_as_a_recruiter_would_say_them() -> None:
    assert formatted(57.14, "%") == "57%"
    assert formatted(1.0, "days") == "1 day"
    assert formatted(3.25, "hours") == "3.2 hours"
    assert formatted(12_345, "") == "12,345"
    assert formatted(None, "%") == "—"
