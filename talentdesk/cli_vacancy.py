"""`talentdesk vacancy add|list|show|close|move|match`: roles from the command line, each with
--json where it prints something a script reads. Closing and moving are in `cli_vacancy_close`.
"""

from __future__ import annotations

import argparse
import json
from decimal import Decimal, InvalidOperation
from typing import Any

from talentdesk import cli_vacancy_close
from talentdesk.core.db.enums import RemotePolicy, Seniority, TagCategory, VacancyStatus
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.records import TagRef


def add_parsers(commands: Any) -> None:
    vacancy = commands.add_parser(
        "vacancy", help="roles: add, list, show, close, move people, match"
    )
    actions = vacancy.add_subparsers(
        dest="vacancy_command", metavar="ACTION", required=True, help="what to do"
    )
    add = actions.add_parser("add", help="open a role")
    add.add_argument("title", help="the role's title")
    add.add_argument("--client", help="the company the role is for")
    add.add_argument("--manager", help="the hiring manager")
    add.add_argument("--location", help="where the role is")
    add.add_argument("--remote", choices=[p.value for p in RemotePolicy], help="remote policy")
    add.add_argument("--seniority", choices=[s.value for s in Seniority], help="how senior")
    add.add_argument(
        "--salary",
        nargs="+",
        metavar="MIN-MAX [CUR]",
        help="the salary band and its currency, such as 15000-22000 PLN",
    )
    tag_help = "a wanted tag, CATEGORY:VALUE (skill:Java) or a plain skill; repeat for more"
    add.add_argument("--require", action="append", default=[], metavar="TAG", help=tag_help)
    add.add_argument("--nice", action="append", default=[], metavar="TAG", help=tag_help)
    add.add_argument("--notes", help="your notes on the role")
    add.add_argument("--status", type=_status, default=VacancyStatus.OPEN, help=_STATUS_HELP)
    add.add_argument("--json", action="store_true", help="print JSON")

    listing = actions.add_parser("list", help="list the roles, open ones first")
    listing.add_argument(
        "--status", type=_status, action="append", help=_STATUS_HELP + "; repeat for more"
    )
    listing.add_argument("--json", action="store_true", help="print JSON")

    show = actions.add_parser("show", help="a role's details, wanted tags and pipeline")
    show.add_argument("id", type=int, help="the vacancy's id (see `vacancy list`)")
    show.add_argument("--json", action="store_true", help="print JSON")

    cli_vacancy_close.add_parsers(actions)


_STATUS_HELP = "open, on_hold, filled or closed"


def _status(text: str) -> VacancyStatus:
    try:
        return VacancyStatus(text.strip().lower().replace("-", "_").replace(" ", "_"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"use {_STATUS_HELP}") from None


def run(ws: Any, args: argparse.Namespace) -> int:
    handler = {
        "add": _add,
        "list": _list,
        "show": _show,
        "close": cli_vacancy_close.run_close,
        "move": cli_vacancy_close.run_move,
        "match": cli_vacancy_close.run_match,
    }[args.vacancy_command]
    return handler(ws, args)


# -- add ---------------------------------------------------------------------------------------
def _add(ws: Any, args: argparse.Namespace) -> int:
    from talentdesk.core.vacancies.records import VacancyRecord, WantedTag

    low, high, currency = _salary(args.salary)
    record = VacancyRecord(
        title=args.title,
        company=args.client,
        hiring_manager=args.manager,
        location=args.location,
        remote_policy=RemotePolicy(args.remote) if args.remote else None,
        seniority=Seniority(args.seniority) if args.seniority else None,
        salary_min=low,
        salary_max=high,
        salary_currency=currency,
        description=args.notes,
        status=args.status,
        tags=[WantedTag(parse_tag(t), True) for t in args.require]
        + [WantedTag(parse_tag(t), False) for t in args.nice],
    )
    vacancy_id = ws.vacancies.create(record)
    if args.json:
        print(json.dumps({"id": vacancy_id, "title": record.title.strip()}, ensure_ascii=False))
    else:
        print(f"added vacancy {vacancy_id}: {record.title.strip()}")
    return 0


def parse_tag(text: str) -> TagRef:
    """skill:Java → a skill tag; a name without a known category before a colon is a skill."""
    category, sep, name = text.partition(":")
    categories = {c.value: c for c in TagCategory}
    if sep and category.strip().lower() in categories:
        if not name.strip():
            raise TalentDeskError(f"“{text}” has no tag name after the colon.")
        return TagRef(categories[category.strip().lower()], name.strip())
    if not text.strip():
        raise TalentDeskError("A tag needs a name.")
    return TagRef(TagCategory.SKILL, text.strip())


def _salary(parts: list[str] | None) -> tuple[Decimal | None, Decimal | None, str | None]:
    if not parts:
        return None, None, None
    if len(parts) > 2:
        raise TalentDeskError("--salary takes MIN-MAX and a currency, such as 15000-22000 PLN.")
    low, sep, high = parts[0].partition("-")
    try:
        amounts = [Decimal(x.replace(",", "").replace("_", "")) if x else None for x in (low, high)]
    except InvalidOperation:
        raise TalentDeskError(
            f"“{parts[0]}” is not a salary band.", "Write MIN-MAX, such as 15000-22000."
        ) from None
    if not sep:
        amounts[1] = amounts[0]
    return amounts[0], amounts[1], parts[1] if len(parts) == 2 else None


# -- list and show -----------------------------------------------------------------------------
def _list(ws: Any, args: argparse.Namespace) -> int:
    statuses = frozenset(args.status) if args.status else None
    rows = ws.vacancies.summaries(statuses)
    if args.json:
        payload = [
            {
                "id": s.id,
                "title": s.title,
                "client": s.company,
                "location": s.location,
                "status": s.status.value,
                "opened_at": s.opened_at.isoformat(),
                "closed_at": s.closed_at.isoformat() if s.closed_at else None,
                "in_pipeline": s.in_pipeline,
                "total": s.total,
                "hired": s.hired,
            }
            for s in rows
        ]
        print(json.dumps({"vacancies": payload}, ensure_ascii=False, indent=2))
        return 0
    for s in rows:
        where = ", ".join(p for p in (s.company, s.location) if p)
        print(
            f"{s.id:>5}  {s.status.label:<8}  {s.title:<32}  {where:<28}  "
            f"{s.in_pipeline:,} in pipeline, {s.total:,} in all"
        )
    print(f"{len(rows):,} vacanc{'y' if len(rows) == 1 else 'ies'}")
    return 0


def _show(ws: Any, args: argparse.Namespace) -> int:
    record = ws.vacancies.get(args.id)
    board = ws.vacancies.board(args.id)
    fields = {
        "id": record.id,
        "title": record.title,
        "client": record.company,
        "hiring_manager": record.hiring_manager,
        "location": record.location,
        "remote": record.remote_policy.value if record.remote_policy else None,
        "seniority": record.seniority.value if record.seniority else None,
        "salary_min": str(record.salary_min) if record.salary_min is not None else None,
        "salary_max": str(record.salary_max) if record.salary_max is not None else None,
        "currency": record.salary_currency,
        "status": record.status.value,
        "opened": record.opened_on.isoformat() if record.opened_on else None,
        "closed": record.closed_on.isoformat() if record.closed_on else None,
        "notes": record.description,
    }
    tags = [
        {"category": w.tag.category.value, "name": w.tag.name, "required": w.required}
        for w in record.tags
    ]
    stages = [
        {
            "id": s.id,
            "name": s.name,
            "kind": s.kind.value,
            "people": [
                {
                    "application_id": c.application_id,
                    "candidate_id": c.candidate_id,
                    "name": c.name,
                    "near_fit": c.near_fit,
                    "since": c.moved_at.isoformat(),
                }
                for c in board.column(s.id)
            ],
        }
        for s in board.stages
    ]
    if args.json:
        payload = {**fields, "tags": tags, "stages": stages}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    for name, value in fields.items():
        if value is not None and name != "id":
            print(f"{name.replace('_', ' ') + ':':<16}{value}")
    for required, label in ((True, "required"), (False, "nice to have")):
        names = [f"{t['category']}:{t['name']}" for t in tags if t["required"] is required]
        if names:
            print(f"{label + ':':<16}{', '.join(names)}")
    for stage in stages:
        people = stage["people"]
        assert isinstance(people, list)
        shown = ", ".join(p["name"] + (" (near fit)" if p["near_fit"] else "") for p in people)
        print(f"  {stage['name']:<14} {len(people):>3}  {shown}".rstrip())
    return 0
