"""`talentdesk search TEXT`, `talentdesk lists`, `talentdesk list NAME`: the window's search box
(with its `field:value` filters) and the saved smart lists, from the command line."""

from __future__ import annotations

import argparse
import json
from typing import Any

from talentdesk.core.errors import TalentDeskError


def add_parsers(commands: Any) -> None:
    search = commands.add_parser("search", help="search candidates as the window's search box")
    search.add_argument(
        "query",
        nargs="?",
        default="",
        help="words to find (each is a prefix) and filters such as "
        "'tag:kotlin city:kraków stage:declined since:12m near-fit'",
    )
    search.add_argument(
        "--mine", action="store_true", help="only my candidates (those I own), not everyone's"
    )
    _output_options(search)
    lists = commands.add_parser("lists", help="the saved smart lists and how many each holds")
    lists.add_argument("--json", action="store_true", help="print JSON")
    one = commands.add_parser("list", help="the members of a saved smart list")
    one.add_argument("name", help="the list's name (see `talentdesk lists`)")
    _output_options(one)


def _output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--limit", type=int, default=50, help="rows to print (default 50)")


def run_search(ws: Any, args: argparse.Namespace) -> int:
    from talentdesk.core.candidate_list import ListQuery
    from talentdesk.core.lists.describe import describe
    from talentdesk.core.lists.query import parse_search, pool_name

    chips = describe(parse_search(ws.reader, args.query), pool_name(ws.reader))
    ids = ws.listing.ids(ListQuery(search=args.query, mine=args.mine))
    code = _print(ws, args, ids, {"filters": [c.label for c in chips]}, chips_text(chips))
    if not ids and not args.json:
        from talentdesk.core.lists.hints import hints

        for hint in hints(ws.reader, args.query):
            print(f"did you mean {hint.meant} for “{hint.word}”? talentdesk search '{hint.search}'")
    return code


def run_lists(ws: Any, args: argparse.Namespace) -> int:
    from talentdesk.core.lists.query import pool_name
    from talentdesk.core.lists.syntax import to_text

    found = ws.saved_lists.all()
    if args.json:
        payload = [
            {
                "id": s.id,
                "name": s.name,
                "count": s.count,
                "search": to_text(s.filter, pool_name(ws.reader)),
                "filter": s.filter.to_json(),
            }
            for s in found
        ]
        print(json.dumps({"lists": payload}, ensure_ascii=False, indent=2))
        return 0
    if not found:
        print("no saved lists")
    for s in found:
        print(f"{s.count:>9,}  {s.name}")
    return 0


def run_list(ws: Any, args: argparse.Namespace) -> int:
    from talentdesk.core.candidate_list import ListQuery
    from talentdesk.core.lists.describe import describe
    from talentdesk.core.lists.query import pool_name

    saved = ws.saved_lists.get_by_name(args.name)
    if saved is None:
        raise TalentDeskError(
            f"there is no list named “{args.name.strip()}”.",
            "See the saved lists with: talentdesk lists",
        )
    chips = describe(saved.filter, pool_name(ws.reader))
    ids = ws.listing.ids(ListQuery(list_id=saved.id))
    extra = {"list": {"id": saved.id, "name": saved.name}, "filters": [c.label for c in chips]}
    return _print(ws, args, ids, extra, chips_text(chips))


def chips_text(chips: list[Any]) -> str:
    return " · ".join(c.label for c in chips) if chips else "everyone"


def _print(
    ws: Any, args: argparse.Namespace, ids: list[int], extra: dict[str, Any], what: str
) -> int:
    rows = ws.listing.rows(ids[: max(args.limit, 0)], None)
    if args.json:
        payload = {"total": len(ids), **extra, "rows": [r._asdict() for r in rows]}
        print(json.dumps(payload, default=str, ensure_ascii=False))
        return 0
    _print_rows(rows, len(ids), what)
    return 0


def _print_rows(rows: list[Any], total: int, what: str) -> None:
    for r in rows:
        place = ", ".join(p for p in (r.title, r.company, r.city) if p)
        print(f"{r.id:>7}  {r.name:<30}  {place}")
    if not total:
        print(f"no candidate matches: {what}")
    shown = f" (first {len(rows)} shown)" if len(rows) < total else ""
    print(f"{total:,} candidate{'s' if total != 1 else ''} found{shown}")
