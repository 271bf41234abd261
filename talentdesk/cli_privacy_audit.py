"""`talentdesk privacy audit [--json]` (the audit log: when, what kind, how many) and
`privacy due [--json]` (who the retention policy says is due for deletion)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from talentdesk.core.workspace import Workspace


def add_parsers(sub: Any) -> None:
    audit = sub.add_parser("audit", help="the audit log: exports, erasures, consent, restores")
    audit.add_argument("--kind", help="only entries of this kind (export, erasure, …)")
    audit.add_argument("--json", action="store_true", help="print the entries as JSON")
    due = sub.add_parser("due", help="who is due for deletion under the retention policy")
    due.add_argument("--json", action="store_true", help="print the list as JSON")


def _audit(ws: Workspace, args: argparse.Namespace) -> int:
    entries = ws.audit.entries(args.kind)
    if args.json:
        print(json.dumps([e.to_json() for e in entries], indent=2))
        return 0
    for e in entries:
        when = e.occurred_at.strftime("%Y-%m-%d %H:%M")
        print(f"{when}  {e.kind:<10} {e.count:>6}  {e.detail or ''}".rstrip())
    print(f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'}")
    return 0


def _due(ws: Workspace, args: argparse.Namespace) -> int:
    rows = ws.retention.due()
    if args.json:
        policy = ws.retention.policy()
        print(
            json.dumps({"policy": policy.to_json(), "due": [r.to_json() for r in rows]}, indent=2)
        )
        return 0
    for r in rows:
        print(f"#{r.id:<7} {r.name:<32} {r.describe()}")
    print(f"{len(rows)} candidate{'' if len(rows) == 1 else 's'} due for deletion")
    return 0


HANDLERS: dict[str, Callable[[Any, argparse.Namespace], int]] = {"audit": _audit, "due": _due}
