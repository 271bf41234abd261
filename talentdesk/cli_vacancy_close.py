"""`talentdesk vacancy close`, `move` and `match`: people named by id or e-mail, stages by
name in any letter case."""

from __future__ import annotations

import argparse
import json
from typing import Any

from talentdesk.core.db.enums import StageKind, VacancyStatus
from talentdesk.core.errors import TalentDeskError

_OUTCOME_OPTIONS = {
    "hired": StageKind.HIRED,
    "rejected": StageKind.REJECTED,
    "declined": StageKind.DECLINED,
    "withdrawn": StageKind.WITHDRAWN,
}


def add_parsers(actions: Any) -> None:
    close = actions.add_parser(
        "close", help="close a role: an outcome for everyone still in its pipeline"
    )
    close.add_argument("id", type=int, help="the vacancy's id")
    close.add_argument(
        "--all",
        choices=list(_OUTCOME_OPTIONS),
        metavar="OUTCOME",
        help="the outcome of everyone not named otherwise: hired, rejected, declined or withdrawn",
    )
    for option, kind in _OUTCOME_OPTIONS.items():
        close.add_argument(
            f"--{option}",
            action="append",
            default=[],
            metavar="CANDIDATE",
            help=f"{kind.label.lower()}: a candidate's id or e-mail; repeat for more",
        )
    close.add_argument(
        "--status",
        choices=("filled", "closed"),
        help="the role's status after (default: filled when someone was hired, else closed)",
    )
    close.add_argument(
        "--near-fit", action="append", default=[], metavar="CANDIDATE", help="a near fit"
    )
    close.add_argument("--near-fit-pool", metavar="NAME", help="the pool near fits go into")
    close.add_argument("--near-fit-stage", metavar="NAME", help="their stage in that pool")
    close.add_argument(
        "--mail", metavar="TEMPLATE", help="queue this template for everyone not hired"
    )
    close.add_argument("--mail-hired", metavar="TEMPLATE", help="queue this template for the hired")
    close.add_argument("--json", action="store_true", help="print JSON")

    move = actions.add_parser("move", help="move a candidate to a stage of a role's pipeline")
    move.add_argument("id", type=int, help="the vacancy's id")
    move.add_argument("candidate", help="the candidate's id or e-mail")
    move.add_argument("stage", help="the stage's name (any letter case)")
    move.add_argument("--json", action="store_true", help="print JSON")

    match = actions.add_parser(
        "match", help="who in your pools fits a role best, each score explained"
    )
    match.add_argument("id", type=int, help="the vacancy's id")
    match.add_argument(
        "--limit", type=int, default=20, metavar="N", help="how many to list (default 20)"
    )
    match.add_argument("--pool", metavar="NAME", help="only the members of this pool")
    match.add_argument("--json", action="store_true", help="print JSON, with every criterion")


def candidate_id(ws: Any, text: str) -> int:
    """A candidate by id or by any of their e-mail addresses."""
    text = text.strip()
    if text.isdigit():
        found = ws.reader.execute("SELECT id FROM candidate WHERE id = ?", (int(text),)).fetchone()
    else:
        found = ws.reader.execute(
            "SELECT id FROM candidate WHERE lower(email) = lower(?)"
            " UNION SELECT candidate_id FROM candidate_email WHERE lower(email) = lower(?)",
            (text, text),
        ).fetchone()
    if found is None:
        raise TalentDeskError(f"There is no candidate {text}.", "Give their id or e-mail.")
    return int(found[0])


# -- move ----------------------------------------------------------------------------------------
def run_move(ws: Any, args: argparse.Namespace) -> int:
    record = ws.vacancies.get(args.id)
    stages = ws.vacancies.stages(args.id)
    stage = next((s for s in stages if s.name.casefold() == args.stage.strip().casefold()), None)
    if stage is None:
        names = ", ".join(s.name for s in stages)
        raise TalentDeskError(f"{record.title} has no stage “{args.stage}”; its stages: {names}.")
    who = candidate_id(ws, args.candidate)
    cards = {c.candidate_id: c for c in ws.vacancies.board(args.id).cards}
    if who in cards:
        moved = ws.vacancies.move(cards[who].application_id, stage.id)
        name, before = cards[who].name, moved.from_stage
    else:
        added = ws.vacancies.add_candidates(args.id, [who], stage.id)
        if not added.added:
            raise TalentDeskError(
                f"Candidate {args.candidate} is marked do not contact: not added to {record.title}."
            )
        name, before = ws.reads.candidate_names([who]).get(who, str(who)), None
    if args.json:
        payload = {"candidate_id": who, "name": name, "from": before, "to": stage.name}
        print(json.dumps(payload, ensure_ascii=False))
    elif before is None:
        print(f"added {name} to {record.title} at {stage.name}")
    else:
        print(f"moved {name} from {before} to {stage.name} in {record.title}")
    return 0


# -- match ---------------------------------------------------------------------------------------
_MARKS = {"match": "+", "partial": "~", "miss": "-", "unknown": "?"}


def run_match(ws: Any, args: argparse.Namespace) -> int:
    from talentdesk.core.vacancies.matching import match_as_json

    pool_id = ws.reads.pool_id_by_name(args.pool) if args.pool else None
    page = ws.matcher.match(args.id, limit=args.limit, pool_id=pool_id)
    if args.json:
        print(json.dumps(match_as_json(page), ensure_ascii=False, indent=2, default=str))
        return 0
    for note in page.notes:
        print(f"note: {note}")
    for rank, m in enumerate(page.matches, start=1):
        where = ", ".join(
            p for p in (" at ".join(x for x in (m.title, m.company) if x), m.city) if p
        )
        print(f"{rank:>3}. {m.score:>3}  {m.name}" + (f" — {where}" if where else ""))
        for c in m.criteria:
            if c.weight:
                mark = _MARKS.get(c.state, " ")
                print(f"{'':>10}{mark} {c.label}: {c.why} (+{c.points:.0f})")
    shown = f" (best {len(page.matches)} shown)" if len(page.matches) < page.total else ""
    print(f"{page.total:,} candidate{'s' if page.total != 1 else ''} fit{shown}")
    return 0


# -- close ---------------------------------------------------------------------------------------
def run_close(ws: Any, args: argparse.Namespace) -> int:
    from talentdesk.core.vacancies.close_mail import plan_close_mail, queue_close_mail

    plan = ws.closing.plan_close(args.id)
    if plan.status in (VacancyStatus.FILLED, VacancyStatus.CLOSED):
        raise TalentDeskError(f"{plan.title} is {plan.status.label.lower()} already.")
    outcomes = _outcomes(ws, args, plan)
    near = [_application(ws, args.id, text) for text in args.near_fit]
    pool_id, stage_id = _pool(ws, args.near_fit_pool, args.near_fit_stage, bool(near))
    hired = plan.hired_before > 0 or StageKind.HIRED in outcomes.values()
    status = VacancyStatus(args.status) if args.status else _default_status(hired)
    templates = {}
    mail = None
    if args.mail or args.mail_hired:
        from talentdesk.cli_mail import _account

        account = _account(ws)
        library = ws.templates()
        for kind in _OUTCOME_OPTIONS.values():
            name = args.mail_hired if kind is StageKind.HIRED else args.mail
            templates[kind] = library.get(name) if name else None
        mail = plan_close_mail(ws.outbox(), account, plan, outcomes, templates)
    closed = ws.closing.close(args.id, outcomes, status, near, pool_id, stage_id)
    queued = queue_close_mail(ws.outbox(), mail) if mail else 0
    skipped = mail.skipped if mail else 0
    if args.json:
        payload = {
            "id": closed.vacancy_id,
            "title": closed.title,
            "status": closed.status.value,
            "outcomes": {k.value: n for k, n in closed.outcomes.items()},
            "near_fits": closed.near_fits,
            "near_fit_pool": closed.pool_name,
            "queued": queued,
            "not_mailed": skipped,
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    parts = [f"{closed.hired:,} hired, {closed.told:,} told"]
    if mail:
        parts.append(f"{queued:,} e-mail{'s' if queued != 1 else ''} queued")
        if skipped:
            parts.append(f"{skipped:,} not mailed (do not contact or no address)")
    if closed.near_fits:
        pool = f" in {closed.pool_name}" if closed.pool_name else ""
        parts.append(f"{closed.near_fits:,} near fit{'s' if closed.near_fits != 1 else ''}{pool}")
    print(f"closed {closed.title} ({closed.status.label.lower()}): " + " · ".join(parts))
    return 0


def _default_status(hired: bool) -> VacancyStatus:
    return VacancyStatus.FILLED if hired else VacancyStatus.CLOSED


def _outcomes(ws: Any, args: argparse.Namespace, plan: Any) -> dict[int, StageKind]:
    outcomes: dict[int, StageKind] = {}
    if args.all:
        outcomes = {p.application_id: _OUTCOME_OPTIONS[args.all] for p in plan.people}
    for option, kind in _OUTCOME_OPTIONS.items():
        for text in getattr(args, option):
            outcomes[_application(ws, args.id, text)] = kind
    left = [p.name for p in plan.people if p.application_id not in outcomes]
    if left:
        raise TalentDeskError(
            f"Still in the pipeline without an outcome: {', '.join(left)}.",
            "Name them with --hired, --rejected, --declined or --withdrawn, or give everyone "
            "else one with --all OUTCOME.",
        )
    return outcomes


def _application(ws: Any, vacancy_id: int, text: str) -> int:
    who = candidate_id(ws, text)
    for card in ws.vacancies.board(vacancy_id).cards:
        if card.candidate_id == who:
            return int(card.application_id)
    raise TalentDeskError(f"Candidate {text} is not in this vacancy's pipeline.")


def _pool(
    ws: Any, pool: str | None, stage: str | None, wanted: bool
) -> tuple[int | None, int | None]:
    if pool is None:
        if stage is not None:
            raise TalentDeskError("--near-fit-stage needs --near-fit-pool.")
        return None, None
    if not wanted:
        raise TalentDeskError("--near-fit-pool needs at least one --near-fit CANDIDATE.")
    from talentdesk.cli_import import _pool_and_stage

    return _pool_and_stage(ws, pool, stage)
