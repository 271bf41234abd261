"""`talentdesk users [--json]`: the recruiters of the database, which one this is, and how many
candidates each owns; `talentdesk users rename NAME` renames the current user; `talentdesk users
assign NAME SEARCH` hands the candidates a search finds over to NAME."""

from __future__ import annotations

import argparse
import json
from typing import Any


def add_parsers(commands: Any) -> None:
    users = commands.add_parser(
        "users", help="who uses this database (team mode: each recruiter), and who I am"
    )
    users.add_argument("--json", action="store_true", help="print JSON")
    sub = users.add_subparsers(dest="users_command", metavar="ACTION", help="what to do")
    rename = sub.add_parser("rename", help="change my name as my colleagues see it")
    rename.add_argument("name", help="the new name")
    assign = sub.add_parser("assign", help="hand the candidates a search finds over to a user")
    assign.add_argument("name", help="the user who will own them (see `talentdesk users`)")
    assign.add_argument("query", help="the search that finds them, as `talentdesk search`'s")


def run(ws: Any, args: argparse.Namespace) -> int:
    if getattr(args, "users_command", None) == "rename":
        ws.users.rename(ws.users.current_id, args.name)
        print(f"You are now {ws.users.current().name}.")
        return 0
    if getattr(args, "users_command", None) == "assign":
        return _assign(ws, args)
    current = ws.users.current_id
    owned = ws.users.owned_counts()
    users = [
        {"id": u.id, "name": u.name, "current": u.id == current, "candidates": owned.get(u.id, 0)}
        for u in ws.users.all()
    ]
    if args.json:
        print(json.dumps({"users": users}, ensure_ascii=False, indent=2))
        return 0
    width = max((len(u["name"]) for u in users), default=0)
    for u in users:
        mark = "*" if u["current"] else " "
        print(f"{mark} {u['name']:<{width}}  {u['candidates']:>8,} candidates")
    print("(* you)")
    return 0


def _assign(ws: Any, args: argparse.Namespace) -> int:
    from talentdesk.core.errors import TalentDeskError

    users = {u.name.casefold(): u for u in ws.users.all()}
    user = users.get(" ".join(args.name.split()).casefold())
    if user is None:
        names = ", ".join(u.name for u in users.values())
        raise TalentDeskError(f"There is no user named “{args.name}”.", f"Users: {names}.")
    ids = ws.search_ids(args.query)
    moved = ws.users.hand_over(ids, user.id).changed  # the window's Hand over to…, follow-ups too
    print(f"{moved:,} of {len(ids):,} candidates handed over to {user.name}.")
    return 0
