"""Hires and interviews by where candidates came from (`candidate.source` and referrals):
a referral (referred by someone), LinkedIn, the file they were imported from (the importer
writes "Import: FILE" when the row names no source), entered by hand (no source), or the
source as written."""

from __future__ import annotations

from collections import defaultdict

from talentdesk.core.csvio.rows import IMPORTED_FROM
from talentdesk.core.db.reader import ReadConnection
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
    if folded.startswith(IMPORTED_FROM.casefold()):
        return text  # the importer's mark: one row per file imported
    if "import" in folded or folded.endswith(".csv"):
        return IMPORT
    return text


def sources_figure(reader: ReadConnection, filters: Filters, memo: Memo | None = None) -> Figure:
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
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for path in group:  # one candidate id per application, in each column it counts in
        cid = path.candidate_id
        found = counts[origin.get(cid, MANUAL)]
        reached = path.reached()
        found["applications"].append(cid)
        if "interviewing" in reached or "offer" in reached or "hired" in reached:
            found["interviews"].append(cid)
        if "hired" in reached:
            found["hires"].append(cid)
    rows = []
    for name in sorted(counts, key=lambda s: (-len(counts[s]["hires"]), s.casefold())):
        c = counts[name]
        made = len(c["applications"])
        rows.append(Row(
            name, name,
            {"applications": made, "interviews": len(c["interviews"]),
             "hires": len(c["hires"]), "hire_rate": rate(len(c["hires"]), made)},
            {k: ids(c[k]) for k in _PEOPLE},
        ))  # fmt: skip
    table = Table(
        "by_source",
        "Hires and interviews by source",
        COLUMNS,
        tuple(rows),
        "Per application; interviewed: reached an interview (or an offer or a hire).",
    )
    return Figure("sources", "Hires and interviews by source", (table,))
