"""`talentdesk privacy status ID [--json]`: a person's consent state, its basis and history."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from talentdesk.core.privacy.consent import BASIS_WORDS, ConsentRecord, ConsentSummary


def add_parsers(sub: Any) -> None:
    status = sub.add_parser(
        "status", help="a person's consent: its state, legal basis, purpose, end and history"
    )
    status.add_argument("id", help="the candidate's id or e-mail")
    status.add_argument("--json", action="store_true", help="print JSON")


def _when(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _record_json(r: ConsentRecord) -> dict[str, object]:
    return {
        "id": r.id,
        "basis": r.basis.value,
        "purpose": r.purpose.value,
        "vacancy_id": r.vacancy_id,
        "status": r.status.value,
        "source": r.source,
        "evidence": r.evidence,
        "evidence_interaction_id": r.evidence_interaction_id,
        "given_at": _when(r.given_at),
        "expires_at": _when(r.expires_at),
        "withdrawn_at": _when(r.withdrawn_at),
        "notice_sent_at": _when(r.notice_sent_at),
    }


def _summary_json(s: ConsentSummary) -> dict[str, object]:
    return {
        "candidate_id": s.candidate_id,
        "state": s.state.value,
        "text": s.text,
        "days_left": s.days_left,
        "notice_sent_at": _when(s.notice_sent_at),
        "latest": None if s.latest is None else _record_json(s.latest),
        "history": [_record_json(r) for r in s.history],
    }


def _day(value: datetime | None, missing: str = "—") -> str:
    return missing if value is None else f"{value:%Y-%m-%d}"


def _lines(s: ConsentSummary) -> list[str]:
    lines = [f"consent:      {s.text}"]
    r = s.latest
    if r is None:
        return [*lines, "No legal basis recorded."]
    lines += [
        f"basis:        {BASIS_WORDS[r.basis]}",
        f"purpose:      {r.purpose_text()}",
        f"given:        {_day(r.given_at)}",
        f"ends:         {_day(r.expires_at, 'no end')}",
    ]
    if r.withdrawn_at is not None:
        lines.append(f"withdrawn:    {_day(r.withdrawn_at)}")
    lines += [
        f"source:       {r.source or '—'}",
        f"evidence:     {r.evidence or '—'}",
        f"notice sent:  {_day(s.notice_sent_at, 'not yet')}",
        f"records:      {len(s.history)}",
    ]
    return lines


def run_status(ws: Any, args: argparse.Namespace) -> int:
    from talentdesk.cli_vacancy_close import candidate_id

    who = candidate_id(ws, args.id)
    summary = ws.consent.summary(who)
    if args.json:
        print(json.dumps(_summary_json(summary), indent=2, ensure_ascii=False))
        return 0
    first, last = ws.reader.execute(
        "SELECT first_name, last_name FROM candidate WHERE id = ?", (who,)
    ).fetchone()
    print(f"{first} {last or ''}".strip() + f" (#{who})")
    for line in _lines(summary):
        print(line)
    return 0


HANDLERS: dict[str, Callable[[Any, argparse.Namespace], int]] = {"status": run_status}
