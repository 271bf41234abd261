"""Hires and interviews by where candidates came from (`candidate.source` and referrals):
a referral (referred by someone), LinkedIn, an import, entered by hand (no source), or the
source as written."""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from talentdesk.core.metrics.memo import Memo
from talentdesk.core.metrics.model import Column, Figure, Filters, Row, Table
from talentdesk.core.metrics.pipeline import shared_paths
from talentdesk.core.metrics.stats import ids, rate

REFERRAL, LINKEDIN, IMPORT, MANUAL = "Referral", "LinkedIn", "Import", "Manual (no source)"

COLUMNS = (
    Column("applications", "Applications"),
    Column("interviews", "Interviewed"),
    Column("hires", "Hired"),
    Column("hire_rate", "Hired of applications", "%"),
)


_PEOPLE = ("applications", "interviews", "hires")


def source_of(source: str | None, relationship: str | None, referred_by: int | None) -> str:
    text = (source or "").strip()
    folded = text.casefold()
    if referred_by is not None or relationship == "referred_by" or "referr" in folded:
        return REFERRAL
    if "linkedin" in folded:
        return LINKEDIN
    if not text:
        return MANUAL
    if "import" in folded or folded.endswith(".csv"):
        return IMPORT
    return text


def sources_figure(
    reader: sqlite3.Connection, filters: Filters, memo: Memo | None = None
) -> Figure:
    group = shared_paths(reader, filters, memo)
    wanted = sorted({p.candidate_id for p in group})
    origin: dict[int, str] = {}
    for start in range(0, len(wanted), 900):  # within SQLite's limit of parameters
        chunk = wanted[start : start + 900]
        marks = ",".join("?" * len(chunk))
        for cid, source, relationship, referred_by in reader.execute(
            "SELECT id, source, relationship_kind, referred_by_id FROM candidate"
            f" WHERE id IN ({marks})",
            chunk,
        ):
            origin[cid] = source_of(source, relationship, referred_by)
    counts: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    applications: dict[str, int] = defaultdict(int)
    for n, path in enumerate(group):
        name = origin.get(path.candidate_id, MANUAL)
        reached = path.reached()
        applications[name] += 1
        counts[name]["applications"].add(n)
        if "interviewing" in reached or "offer" in reached or "hired" in reached:
            counts[name]["interviews"].add(n)
        if "hired" in reached:
            counts[name]["hires"].add(n)
    rows = []
    for name in sorted(counts, key=lambda s: (-len(counts[s]["hires"]), s.casefold())):
        c = counts[name]
        rows.append(Row(
            name, name,
            {"applications": applications[name], "interviews": len(c["interviews"]),
             "hires": len(c["hires"]), "hire_rate": rate(len(c["hires"]), applications[name])},
            {k: ids({group[n].candidate_id for n in c[k]}) for k in _PEOPLE},
        ))  # fmt: skip
    table = Table(
        "by_source",
        "Hires and interviews by source",
        COLUMNS,
        tuple(rows),
        "Per application; interviewed: reached an interview (or an offer or a hire).",
    )
    return Figure("sources", "Hires and interviews by source", (table,))
