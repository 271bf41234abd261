"""`talentdesk privacy …`: consent, retention, erasure, a person's own data, the audit log.

Each subcommand lives in a module of its own (`cli_privacy_*.py`) that adds its parser and
names its handler here.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from talentdesk import cli_privacy_audit, cli_privacy_erase, cli_privacy_export, cli_privacy_status

Handler = Callable[[Any, argparse.Namespace], int]

# Each entry: a module's `add_parsers(sub)` and its `HANDLERS` ({subcommand: handler}).
_MODULES: list[tuple[Callable[[Any], None], dict[str, Handler]]] = [
    (cli_privacy_export.add_parsers, cli_privacy_export.HANDLERS),
    (cli_privacy_audit.add_parsers, cli_privacy_audit.HANDLERS),
    (cli_privacy_erase.add_parsers, cli_privacy_erase.HANDLERS),
    (cli_privacy_status.add_parsers, cli_privacy_status.HANDLERS),
]


def add_parsers(commands: Any) -> None:
    privacy = commands.add_parser(
        "privacy", help="consent, retention, erasure, a person's data on request, the audit log"
    )
    sub = privacy.add_subparsers(
        dest="privacy_command", metavar="COMMAND", required=True, help="what to do"
    )
    for add, _handlers in _MODULES:
        add(sub)


def run(ws: Any, args: argparse.Namespace) -> int:
    for _add, handlers in _MODULES:
        if args.privacy_command in handlers:
            return handlers[args.privacy_command](ws, args)
    raise AssertionError(f"no handler for privacy {args.privacy_command}")
