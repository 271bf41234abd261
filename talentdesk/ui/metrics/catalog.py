"""Which cards the Metrics view shows, and how each draws one of the core's tables.

The core computes a figure per call (talentdesk.core.metrics: "replies", "pipeline", …), each
a few tables of rows whose values carry the candidates behind them. A card here picks one
table, which of its columns are drawn and how, and which numbers stand over the chart.
`present` runs on the computing thread: the GUI thread only draws what it returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from talentdesk.core.metrics import Figure, Row
from talentdesk.core.metrics import Table as CoreTable
from talentdesk.ui.metrics.shown import Category, Chart, ChartKind, Ids, Number, Shown, Table


@dataclass(frozen=True)
class Card:
    key: str  # unique in the view
    table: str  # the core table it shows
    title: str
    kind: ChartKind | None = None  # None: numbers and a table, no chart
    series: tuple[str, ...] = ()  # the columns drawn
    # (row key, column key, label): numbers over the chart, from the table's cells.
    numbers: tuple[tuple[str, str, str], ...] = ()
    people_of: str | None = None  # a click on a drawn value shows this column's people
    skip_rows: tuple[str, ...] = ()  # rows the chart leaves out ("all": the total)
    colours: tuple[str, ...] = ()  # per series drawn, when colours mean something
    weekly: bool = False  # rows keyed by a week's Monday: the chart says "7 Sep"
    # Many rows (a thousand bulk sends, hundreds of vacancies): the chart draws MAX_BARS of
    # them, the largest by this column, or without one the last (the latest); the table all.
    rank_by: str | None = None

    @property
    def wide(self) -> bool:
        """A row of numbers without a chart takes the section's whole width."""
        return self.kind is None


@dataclass(frozen=True)
class Section:
    figure: str  # the core's figure key: one call computes every card of the section
    title: str
    cards: tuple[Card, ...]


RATE = ("rate",)
MAX_BARS = 15
SECTIONS: tuple[Section, ...] = (
    Section("replies", "Reply rate", (
        Card("reply_rate", "reply_rate", "Sent mail", None, (),
             (("all", "sent", "messages sent"), ("all", "replied", "replied"),
              ("all", "rate", "reply rate"))),
        Card("by_template", "by_template", "Reply rate by template", ChartKind.ROWS, RATE,
             people_of="replied", rank_by="sent"),
        Card("by_month", "by_month", "Reply rate by month", ChartKind.BARS, RATE,
             people_of="replied"),
        Card("by_pool", "by_pool", "Reply rate by pool", ChartKind.ROWS, RATE,
             people_of="replied", rank_by="sent"),
        Card("by_bulk", "by_bulk", "Reply rate by bulk send", ChartKind.ROWS, RATE,
             people_of="replied"),
    )),
    Section("response_times", "Time to respond", (
        Card("response_times", "response_times", "Time to respond", ChartKind.ROWS,
             ("median", "p90"),
             (("candidates", "median", "candidates' median"),
              ("candidates", "p90", "candidates' 90th percentile"),
              ("recruiter", "median", "your median"),
              ("recruiter", "p90", "your 90th percentile"),
              ("recruiter", "waiting", "e-mails not answered yet"))),
    )),
    Section("closing_loop", "Closing the loop", (
        Card("closing_loop", "closing_loop", "Feedback after an outcome", ChartKind.ROWS,
             ("share",),
             (("all", "share", "got feedback"), ("all", "median_days", "median days to it"),
              ("all", "owed", "still owed feedback")),
             people_of="owed", skip_rows=("all",)),
    )),
    Section("pipeline", "Pipeline", (
        Card("conversion", "conversion", "Conversion by stage", ChartKind.BARS,
             ("conversion",), people_of="moved_on"),
        Card("time_in_stage", "conversion", "Time in stage", ChartKind.BARS,
             ("median_days", "p90_days"), people_of="reached"),
        Card("per_vacancy", "per_vacancy", "Application-to-hire by vacancy", ChartKind.ROWS,
             ("hire_rate",),
             (("all", "applications", "applications"), ("all", "hires", "hires"),
              ("all", "per_hire", "applications per hire"),
              ("all", "median_days_to_hire", "median days to hire")),
             people_of="hires", skip_rows=("all",), rank_by="applications"),
        Card("time_to_hire", "per_vacancy", "Time to hire by vacancy", ChartKind.ROWS,
             ("median_days_to_hire", "p90_days_to_hire"), people_of="hires",
             skip_rows=("all",), rank_by="hires"),
    )),
    Section("sources", "Sources", (
        Card("by_source", "by_source", "Hires and interviews by source", ChartKind.ROWS,
             ("applications", "interviews", "hires"), rank_by="applications"),
    )),
    Section("pool_health", "Pool health", (
        Card("touch", "touch", "Members in touch over time", ChartKind.STACKED,
             ("ok", "amber", "red"), colours=("#009E73", "#E69F00", "#D55E00"), weekly=True),
        Card("contacts_per_week", "contacts_per_week", "Contacts logged per week",
             ChartKind.BARS, ("contacts",), weekly=True),
    )),
)  # fmt: skip


def present(card: Card, figure: Figure) -> Shown:
    table = figure.table(card.table)
    units = {c.key: c.unit for c in table.columns}
    numbers = []
    for row_key, column, label in card.numbers:
        row = table.row(row_key)
        value = None if row is None else row.values.get(column)
        people = None if row is None else row.people.get(column)
        numbers.append(Number(label, formatted(value, units.get(column, "")), people))
    chart = None
    caption = ""
    if card.kind is not None:
        chart = _chart(card, table)
        drawn = len(chart.categories)
        rows = sum(1 for row in table.rows if row.key not in card.skip_rows)
        if drawn < rows:
            which = "latest" if card.rank_by is None else "largest"
            caption = f"The chart shows the {drawn} {which} of {rows:,}; the table has them all."
    return Shown(tuple(numbers), chart, _table(table), table.note, caption)


def _chart(card: Card, table: CoreTable) -> Chart:
    columns = {c.key: c for c in table.columns}
    categories = []
    for row in _drawn(card, table):
        values = tuple(_number(row.values.get(key)) for key in card.series)
        people: tuple[Ids | None, ...] = tuple(
            row.people.get(card.people_of or key) for key in card.series
        )
        label = _week(row.key) if card.weekly else _short(row.label)
        categories.append(Category(label, values, people))
    unit = columns[card.series[0]].unit if card.series else ""
    names = tuple(columns[key].label for key in card.series)
    return Chart(card.kind or ChartKind.BARS, names, tuple(categories), unit, card.colours)


def _drawn(card: Card, table: CoreTable) -> list[Row]:
    rows = [row for row in table.rows if row.key not in card.skip_rows]
    if len(rows) <= MAX_BARS or card.kind not in (ChartKind.ROWS, ChartKind.BARS):
        return rows
    if card.rank_by is None:
        return rows[-MAX_BARS:]
    column = card.rank_by
    largest = sorted(rows, key=lambda r: -(_number(r.values.get(column)) or 0.0))[:MAX_BARS]
    kept = {id(r) for r in largest}
    return [row for row in rows if id(row) in kept]  # in the table's order


def _table(table: CoreTable) -> Table:
    headers = ("", *(_header(c.label, c.unit) for c in table.columns))
    rows = tuple((r.label, *(r.values.get(c.key) for c in table.columns)) for r in table.rows)
    people = tuple((None, *(r.people.get(c.key) for c in table.columns)) for r in table.rows)
    return Table(headers, rows, people)


def _header(label: str, unit: str) -> str:
    return f"{label} ({unit})" if unit and unit not in label.lower() else label


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _week(monday: str) -> str:
    try:
        day = date.fromisoformat(monday)
    except ValueError:
        return monday
    return f"{day.day} {day:%b}"


def _short(label: str, limit: int = 32) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def formatted(value: object, unit: str) -> str:
    """A number as a card shows it: 42%, 3.5 days, 1,204."""
    if not isinstance(value, int | float):
        return "—"
    if unit == "%":
        return f"{value:.0f}%"
    if unit in ("days", "hours"):
        text = f"{value:,.1f}".removesuffix(".0")
        return f"{text} {unit[:-1] if text == '1' else unit}"
    return f"{value:,}" if isinstance(value, int) else f"{value:,.1f}".removesuffix(".0")
