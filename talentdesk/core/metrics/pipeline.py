"""The pipeline per vacancy and overall, from each application's stage history: conversion
from each stage kind to the next, days spent in each, applications per hire, time to hire.

An application "reached" a kind when any move took it there (once, however often it came
back); it "moved on" from a kind when it later reached a kind further along the way to a hire.
Time in a stage counts stays that ended (the application moved again).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise

from talentdesk.core.db.enums import StageKind
from talentdesk.core.db.reader import ReadConnection, on_server
from talentdesk.core.metrics import scope
from talentdesk.core.metrics.dialect import julian_day
from talentdesk.core.metrics.memo import Memo
from talentdesk.core.metrics.model import Column, Figure, Filters, Row, Table
from talentdesk.core.metrics.stats import ids, median, p90, rate, rounded

FORWARD = (
    StageKind.NEW, StageKind.CONTACTED, StageKind.SCREENING, StageKind.INTERVIEWING,
    StageKind.OFFER, StageKind.HIRED,
)  # fmt: skip
_STEP = {kind.value: i for i, kind in enumerate(FORWARD)}


@dataclass(slots=True)  # 40,000 made per figure: slots make them quicker to make
class Path:
    """One application's way through a pipeline; times are Julian days (fractions of a day)."""

    candidate_id: int
    vacancy_id: int
    created_at: float
    moves: list[tuple[str | None, float]] = field(default_factory=list)
    _reached: dict[str, float] | None = None

    def reached(self) -> dict[str, float]:
        """Each kind reached, and when first."""
        if self._reached is None:
            first: dict[str, float] = {}
            for kind, at in self.moves:
                if kind is not None and kind not in first:
                    first[kind] = at
            self._reached = first
        return self._reached


def paths(reader: ReadConnection, filters: Filters) -> list[Path]:
    """Applications created in the range, of candidates in scope, with their moves in order."""
    server = on_server(reader)
    where, params = scope.both(
        scope.in_range("a.created_at", filters, server),
        scope.people("a.candidate_id", filters, server),
    )
    if filters.vacancy_id is not None:
        where += " AND a.vacancy_id = ?"
        params.append(filters.vacancy_id)
    found: list[Path] = []
    last: int | None = None
    moves: list[tuple[str | None, float]] = []
    add = found.append
    for aid, cid, vid, created, kind, moved in reader.execute(
        f"SELECT a.id, a.candidate_id, a.vacancy_id, {julian_day(server, 'a.created_at')},"
        f" h.to_kind, {julian_day(server, 'h.moved_at')} FROM application a"
        " JOIN application_stage_change h ON h.application_id = a.id"
        f" WHERE {where} ORDER BY a.id, h.moved_at, h.id",
        params,
    ):
        if aid != last:  # an application's moves come together (the order above)
            last, moves = aid, []
            add(Path(cid, vid, created, moves))
        moves.append((kind, moved))
    return found


CONVERSION = (
    Column("reached", "Reached"),
    Column("moved_on", "Moved on"),
    Column("conversion", "Conversion", "%"),
    Column("median_days", "Median days in stage", "days"),
    Column("p90_days", "90th percentile days", "days"),
)
SUMMARY = (
    Column("applications", "Applications"),
    Column("hires", "Hires"),
    Column("per_hire", "Applications per hire"),
    Column("hire_rate", "Application-to-hire", "%"),
    Column("median_days_to_hire", "Median days to hire", "days"),
    Column("p90_days_to_hire", "90th percentile days to hire", "days"),
)


_BACKWARDS = tuple(kind.value for kind in reversed(FORWARD))


def _moved_on(firsts: dict[str, float]) -> list[str]:
    """The kinds on the way to a hire from which a kind further along was reached later."""
    found: list[str] = []
    latest = -1.0  # the latest first arrival at a kind further along (none yet)
    for kind in _BACKWARDS:
        at = firsts.get(kind)
        if at is not None:
            if latest >= at:
                found.append(kind)
            elif at > latest:
                latest = at
    return found


def conversion_rows(group: list[Path]) -> tuple[Row, ...]:
    reached: dict[str, list[int]] = defaultdict(list)  # kind → candidates, one per application
    moved_on: dict[str, list[int]] = defaultdict(list)
    stays: dict[str, list[float]] = defaultdict(list)
    for path in group:
        firsts = path.reached()
        cid = path.candidate_id
        for kind in firsts:
            reached[kind].append(cid)
        for kind in _moved_on(firsts):
            moved_on[kind].append(cid)
        for (stage, at), (_, left) in pairwise(path.moves):
            if stage is not None:
                stays[stage].append(left - at)
    rows = []
    for kind in FORWARD[:-1]:
        k = kind.value
        days = stays[k]
        rows.append(Row(
            k, kind.label,
            {"reached": len(reached[k]), "moved_on": len(moved_on[k]),
             "conversion": rate(len(moved_on[k]), len(reached[k])),
             "median_days": rounded(median(days)), "p90_days": rounded(p90(days))},
            {"reached": ids(reached[k]), "moved_on": ids(moved_on[k])},
        ))  # fmt: skip
    return tuple(rows)


def summary_row(key: str, label: str, group: list[Path]) -> Row:
    hired = [(p, at) for p in group if (at := p.reached().get("hired")) is not None]
    days = [at - p.created_at for p, at in hired]
    return Row(
        key, label,
        {"applications": len(group), "hires": len(hired),
         "per_hire": rounded(len(group) / len(hired)) if hired else None,
         "hire_rate": rate(len(hired), len(group)),
         "median_days_to_hire": rounded(median(days)), "p90_days_to_hire": rounded(p90(days))},
        {"applications": ids([p.candidate_id for p in group]),
         "hires": ids([p.candidate_id for p, _ in hired])},
    )  # fmt: skip


def shared_paths(reader: ReadConnection, filters: Filters, memo: Memo | None) -> list[Path]:
    return (memo or Memo()).get("paths", filters, lambda: paths(reader, filters))


def pipeline_figure(reader: ReadConnection, filters: Filters, memo: Memo | None = None) -> Figure:
    group = shared_paths(reader, filters, memo)
    titles = dict(reader.execute("SELECT id, title FROM vacancy").fetchall())
    per_vacancy: dict[int, list[Path]] = defaultdict(list)
    for path in group:
        per_vacancy[path.vacancy_id].append(path)
    summary = [summary_row("all", "All vacancies", group)]
    summary += [
        summary_row(str(vid), titles.get(vid, f"Vacancy {vid}"), per_vacancy[vid])
        for vid in sorted(per_vacancy, key=lambda v: (str(titles.get(v, "")).casefold(), v))
    ]
    note = "Each application counts once per stage kind, however often it came back to it."
    return Figure(
        "pipeline",
        "Pipeline",
        (
            Table("conversion", "Conversion by stage", CONVERSION, conversion_rows(group), note),
            Table("per_vacancy", "Per vacancy", SUMMARY, tuple(summary)),
        ),
    )
