"""What one figure card shows, as plain data: a few numbers, a chart and the table behind it.
The catalog (catalog.py) turns the core's tables into these on the computing thread, so the
GUI thread only draws. Every value may carry the ids of the candidates behind it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

Ids = Sequence[int]  # the candidates behind a value; None beside a value: not a count of people
Cell = str | int | float | None


class ChartKind(Enum):
    BARS = "bars"  # vertical bars, one group per category (months, stages)
    ROWS = "rows"  # horizontal bars: long names (templates, pools, vacancies)
    STACKED = "stacked"  # vertical bars stacked: the parts of a whole over time
    LINES = "lines"  # one line per series over the categories


@dataclass(frozen=True)
class Category:
    label: str
    values: tuple[float | None, ...]  # one per series; None: nothing to measure
    people: tuple[Ids | None, ...] = ()  # one per series


@dataclass(frozen=True)
class Chart:
    kind: ChartKind
    series: tuple[str, ...]
    categories: tuple[Category, ...]
    unit: str = ""  # "%", "days", "hours"
    colours: tuple[str, ...] = ()  # per series, when they mean something (green: in touch)

    def people(self, category: int, series: int) -> Ids | None:
        found = self.categories[category].people
        return found[series] if series < len(found) else None


@dataclass(frozen=True)
class Number:
    label: str
    text: str  # formatted: "42%", "3.5 days", "—"
    people: Ids | None = None


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    people: tuple[tuple[Ids | None, ...], ...] = ()  # per row, per column

    def people_at(self, row: int, column: int) -> Ids | None:
        """Who is behind a cell; for a cell that counts no one (a rate, a label), the row's
        first count of people."""
        if row >= len(self.people):
            return None
        cells = self.people[row]
        if column < len(cells) and cells[column] is not None:
            return cells[column]
        return next((ids for ids in cells if ids is not None), None)


@dataclass(frozen=True)
class Shown:
    numbers: tuple[Number, ...] = ()
    chart: Chart | None = None
    table: Table = field(default_factory=lambda: Table((), ()))
    note: str = ""  # how it is counted (the view says it once per section)
    caption: str = ""  # under the chart: what it leaves out
