"""What the metrics are made of: the filters, and every figure as a table of labelled rows whose
numbers each name the candidates behind them (read when first looked at: the window opens that
list on a click)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

Number = int | float | None  # None: nothing to divide by, or nothing measured ("—")


@dataclass(frozen=True)
class Filters:
    """What every figure is narrowed to. Dates are inclusive days (UTC); None: no limit."""

    start: date | None = None
    end: date | None = None
    pool_id: int | None = None  # only members of this pool
    vacancy_id: int | None = None  # only candidates in this vacancy's pipeline
    template: str | None = None  # only mail sent from this template (reply figures)


@dataclass(frozen=True)
class Row:
    """One line of a figure: `values[column]` is a number, `people[column]` (when present) the
    ids of the candidates behind it, ascending."""

    key: str  # stable: a month "2026-11", a template name, a pool or vacancy id, a stage kind
    label: str
    values: dict[str, Number]
    people: dict[str, Sequence[int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    unit: str = ""  # "", "%", "days", "hours"


@dataclass(frozen=True)
class Table:
    """A figure: its rows in display order (a chart draws them; the table shows them)."""

    key: str  # e.g. "reply_rate_by_month"
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    note: str = ""  # how it is counted, in one sentence

    def row(self, key: str) -> Row | None:
        return next((r for r in self.rows if r.key == key), None)


@dataclass(frozen=True)
class Figure:
    """One call's worth of metrics: a few related tables computed together."""

    key: str
    title: str
    tables: tuple[Table, ...]

    def table(self, key: str) -> Table:
        found = next((t for t in self.tables if t.key == key), None)
        if found is None:
            raise KeyError(key)
        return found


# The figures, in the order the window shows them (first ones first on screen).
FIGURES: tuple[tuple[str, str], ...] = (
    ("replies", "Reply rate"),
    ("response_times", "Time to respond"),
    ("closing_loop", "Closing the loop"),
    ("pipeline", "Pipeline"),
    ("sources", "Hires and interviews by source"),
    ("pool_health", "Pool health"),
)
